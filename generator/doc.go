package generator

import (
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
)

// docLines splits manifest text into the lines of a // comment. Nothing in
// it can end the comment or turn it into something else: every line
// becomes its own // line (jennifer would put a multi-line string in a
// /* */ comment, which a "*/" in the text could close), control and
// line-separator characters are dropped, and a line that starts with // or
// /* (which jennifer copies verbatim, so //go:generate would become a
// directive) is indented.
func docLines(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRightFunc(strings.Map(func(r rune) rune {
			if r == '\t' {
				return ' '
			}
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == unicode.ReplacementChar {
				return -1
			}
			return r
		}, l), unicode.IsSpace)
		if strings.HasPrefix(l, "//") || strings.HasPrefix(l, "/*") {
			l = " " + l
		}
		lines = append(lines, l)
	}
	return lines
}

// comment adds text as // lines above the next declaration of f.
func comment(f *jen.File, text string) {
	for _, l := range docLines(text) {
		f.Comment(l)
	}
}

// commented prefixes code with text as // lines, for struct fields.
func commented(text string, code *jen.Statement) *jen.Statement {
	s := jen.Null()
	for _, l := range docLines(text) {
		s.Comment(l).Line()
	}
	return s.Add(code)
}
