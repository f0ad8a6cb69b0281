package manifest

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserProblems are the problems yaml.v3's parser (not its scanner)
// reports. For those it prints the 0-based line of the construct being
// parsed, one less than the line an editor shows.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// yamlSyntaxError reports a yaml.v3 syntax error. When an unclosed quote
// or bracket explains it, the error points at the line and column where
// that quote or bracket opened (yaml.v3 names a later line, no column);
// otherwise at the line yaml.v3 names, with a hint for the usual mistakes.
func (p *parser) yamlSyntaxError(err error) {
	pos := Pos{File: p.file, Line: 1, Col: 1}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(err.Error(), m[0])
		if yamlParserProblems[msg] {
			pos.Line++
		}
	}
	pos.Line = min(max(pos.Line, 1), len(p.lines))
	if u := findUnclosed(p.lines); u != nil && unclosedProblems[msg] && u.line <= pos.Line {
		p.errs.add(Pos{File: p.file, Line: u.line, Col: u.col}, u.hint(), "YAML syntax: %s", u.describe())
		return
	}
	hint := "check the indentation and quoting on this line and the one before"
	switch line := p.lines[pos.Line-1]; {
	case bytes.ContainsRune(line[:len(line)-len(bytes.TrimLeft(line, " \t"))], '\t'):
		hint = "YAML indents with spaces, not tabs"
	case strings.Contains(msg, "',' or"):
		hint = "close the { or [ on this line, and quote values holding ?, :, # or brackets, e.g. {limit: \"number?\"}"
	case strings.Contains(msg, "end of stream"):
		hint = "a quoted string or a bracket is not closed"
	}
	p.errs.add(pos, hint, "YAML syntax: %s", msg)
}

// unclosedProblems are the yaml.v3 messages an unclosed quote or bracket
// produces: for these, findUnclosed's answer is the better position.
var unclosedProblems = map[string]bool{
	"found unexpected end of stream":                               true,
	"did not find expected ',' or ']'":                             true,
	"did not find expected ',' or '}'":                             true,
	"could not find expected ':'":                                  true,
	"did not find expected key":                                    true,
	"did not find expected node content":                           true,
	"mapping values are not allowed in this context":               true,
	"found unexpected ':'":                                         true,
	"did not find expected <document start>":                       true,
	"while parsing a quoted scalar found unexpected end of stream": true,
}

// unclosed is a quote or bracket that opens and never closes.
type unclosed struct {
	line, col int  // 1-based; col counts characters
	open      byte // one of " ' [ {
	// closer is the wrong closing bracket met instead, with its position
	// (0 when the document simply ended).
	closer                byte
	closerLine, closerCol int
}

func (u *unclosed) describe() string {
	what := map[byte]string{'"': "this double-quoted string", '\'': "this single-quoted string", '[': "this [", '{': "this {"}[u.open]
	if u.closer != 0 {
		return fmt.Sprintf("%s is closed by the %c at %d:%d", what, u.closer, u.closerLine, u.closerCol)
	}
	return what + " is never closed"
}

func (u *unclosed) hint() string {
	if u.closer != 0 {
		return `quote values that hold brackets, e.g. {returns: "Note[]"}, and close each bracket with its pair`
	}
	switch u.open {
	case '"', '\'':
		return fmt.Sprintf("end the string with %c on this line (inside double quotes write \\\" for a quote)", u.open)
	case '[':
		return "close the list with ] (flow lists may span lines, but every [ needs its ])"
	}
	return `close the mapping with } (flow mappings may span lines, but every { needs its }); quote values holding ?, :, # or brackets, e.g. {limit: "number?"}`
}

// findUnclosed scans YAML text the way its flow and quoting rules read it
// and returns the first quote or bracket that is never closed (or closed by
// the wrong bracket), or nil. Comments and block scalars (| and >) are
// skipped; quotes and brackets inside plain words (don't, Note[]) do not
// open anything, as in YAML.
func findUnclosed(lines [][]byte) *unclosed {
	type opener struct {
		line, col int
		c         byte
	}
	var stack []opener // open [ and {
	var quote *opener  // the open quoted string
	blockIndent := -1  // indentation of the line that started a block scalar
	for i, raw := range lines {
		line := bytes.TrimRight(raw, "\r\n")
		indent := len(line) - len(bytes.TrimLeft(line, " "))
		if blockIndent >= 0 {
			if len(bytes.TrimSpace(line)) == 0 || indent > blockIndent {
				continue
			}
			blockIndent = -1
		}
		// prev is the last significant character before j: a quote or
		// bracket opens only where a YAML token may start.
		prev := byte(' ')
		col := 0
		for j := 0; j < len(line); j++ {
			c := line[j]
			if c < utf8.RuneSelf || utf8.RuneStart(c) {
				col++
			}
			if quote != nil {
				switch {
				case quote.c == '"' && c == '\\':
					j++ // the escaped character
					col++
				case quote.c == '\'' && c == '\'' && j+1 < len(line) && line[j+1] == '\'':
					j++ // '' is a quote inside single quotes
					col++
				case c == quote.c:
					// In YAML a closing quote is followed by a separator. One
					// followed by more text is the next value's opening
					// quote: the quote that opened this string is the mistake.
					if j+1 < len(line) && !bytes.ContainsAny(line[j+1:j+2], " \t,]}:#") {
						return &unclosed{line: quote.line, col: quote.col, open: quote.c}
					}
					quote = nil
					prev = c
				}
				continue
			}
			tokenStart := prev == ' ' || prev == '\t' || prev == ',' || prev == '[' || prev == '{' || prev == ':' || prev == '-' || prev == '?'
			switch {
			case c == '#' && (prev == ' ' || prev == '\t'):
				j = len(line) // a comment
				continue
			case (c == '"' || c == '\'') && tokenStart:
				quote = &opener{line: i + 1, col: col, c: c}
			case (c == '[' || c == '{') && tokenStart:
				stack = append(stack, opener{line: i + 1, col: col, c: c})
			case (c == ']' || c == '}') && len(stack) > 0:
				top := stack[len(stack)-1]
				if (top.c == '[') != (c == ']') {
					return &unclosed{line: top.line, col: top.col, open: top.c, closer: c, closerLine: i + 1, closerCol: col}
				}
				stack = stack[:len(stack)-1]
			}
			if c != ' ' && c != '\t' {
				prev = c
			} else {
				prev = ' '
			}
		}
		if quote == nil && len(stack) == 0 && blockScalarRE.Match(line) {
			blockIndent = indent
		}
	}
	switch {
	case quote != nil:
		return &unclosed{line: quote.line, col: quote.col, open: quote.c}
	case len(stack) > 0:
		return &unclosed{line: stack[0].line, col: stack[0].col, open: stack[0].c}
	}
	return nil
}

// blockScalarRE matches a line whose value starts a block scalar (| or >).
var blockScalarRE = regexp.MustCompile(`(^|[:\-]\s)\s*[|>][-+0-9]*\s*(#.*)?$`)
