package manifest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A type expression is the TypeScript-like notation used in authgen.yaml:
//
//	expr    = postfix { "|" postfix }
//	postfix = primary { "[" "]" }
//	primary = name | name "<" expr { "," expr } ">" | literal | "(" expr ")"
//
// with a trailing "?" marking an optional object field. Literals are quoted
// strings, numbers (a trailing "n" makes an int64) and true/false.

// builtinNames maps each scalar name the notation accepts to its kind.
var builtinNames = map[string]TypeKind{
	"string":  String,
	"number":  Number,
	"float64": Number,
	"int64":   Int64,
	"bigint":  Int64,
	"boolean": Boolean,
	"bytes":   Bytes,
	"null":    Null,
	"any":     Any,
}

// exprParser parses one type expression. base is the position of its first
// character; when columns is set every position points at the offending
// column, else (the expression was folded over several source lines, or
// written with escapes) at the expression as a whole.
type exprParser struct {
	src     string
	off     int
	base    Pos
	columns bool
	err     *Error
}

// parseTypeExpr parses src, which starts at base. columns says whether src
// appears verbatim in the file, so that base's column plus an offset into
// src is a column of the file. It returns the type, whether a trailing "?"
// marked it optional, and the first syntax error.
func parseTypeExpr(src string, base Pos, columns bool) (*Type, bool, *Error) {
	if err := validatorSpellingError(src, base); err != nil {
		return nil, false, err
	}
	p := &exprParser{src: src, base: base, columns: columns}
	p.skipSpace()
	if p.off == len(p.src) {
		return nil, false, &Error{Pos: base, Msg: "empty type expression", Hint: `write a type such as "string", "number?" or "id<users>"`}
	}
	t := p.union()
	optional := false
	if p.err == nil && p.peek() == '?' {
		p.off++
		optional = true
		p.skipSpace()
	}
	if p.err == nil && p.off < len(p.src) {
		p.fail(fmt.Sprintf("unexpected %q in type expression", p.src[p.off:]), `"?" may only end a field type; unions use "|"`)
	}
	if p.err != nil {
		return nil, false, p.err
	}
	return t, optional, nil
}

// pos is the position of the next character. Columns count characters,
// as yaml.v3's do.
func (p *exprParser) pos() Pos {
	pos := p.base
	if p.columns {
		pos.Col += utf8.RuneCountInString(p.src[:p.off])
	}
	return pos
}

func (p *exprParser) fail(msg, hint string) {
	if p.err == nil {
		p.err = &Error{Pos: p.pos(), Msg: msg, Hint: hint}
	}
}

func (p *exprParser) failAt(pos Pos, msg, hint string) {
	if p.err == nil {
		p.err = &Error{Pos: pos, Msg: msg, Hint: hint}
	}
}

func (p *exprParser) skipSpace() {
	for p.off < len(p.src) && (p.src[p.off] == ' ' || p.src[p.off] == '\t') {
		p.off++
	}
}

func (p *exprParser) peek() byte {
	if p.off < len(p.src) {
		return p.src[p.off]
	}
	return 0
}

func (p *exprParser) expect(c byte) {
	p.skipSpace()
	if p.peek() != c {
		p.fail(fmt.Sprintf("expected %q in type expression %q", string(c), p.src), "")
		return
	}
	p.off++
	p.skipSpace()
}

func (p *exprParser) union() *Type {
	first := p.pos()
	variants := []*Type{p.postfix()}
	for p.err == nil && p.peek() == '|' {
		p.off++
		p.skipSpace()
		variants = append(variants, p.postfix())
	}
	if len(variants) == 1 {
		return variants[0]
	}
	return &Type{Kind: Union, Variants: variants, Pos: first}
}

func (p *exprParser) postfix() *Type {
	t := p.primary()
	for p.err == nil && p.peek() == '[' {
		start := p.pos()
		p.off++
		p.expect(']')
		t = &Type{Kind: Array, Elem: t, Pos: start}
	}
	p.skipSpace()
	return t
}

func (p *exprParser) primary() *Type {
	if p.err != nil {
		return nil
	}
	start := p.pos()
	c := p.peek()
	switch {
	case c == '(':
		p.off++
		p.skipSpace()
		t := p.union()
		p.expect(')')
		return t
	case c == '"' || c == '\'':
		s, ok := p.quoted()
		if !ok {
			return nil
		}
		return &Type{Kind: Literal, Value: s, Pos: start}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(start)
	case isIdentStart(c):
		name := p.ident()
		p.skipSpace()
		return p.named(name, start)
	case c == 0:
		p.fail("type expression ends too early", "")
	default:
		p.fail(fmt.Sprintf("unexpected %q in type expression", string(c)), "")
	}
	return nil
}

func (p *exprParser) named(name string, start Pos) *Type {
	switch name {
	case "true", "false":
		return &Type{Kind: Literal, Value: name == "true", Pos: start}
	case "id":
		p.expect('<')
		var table string
		if c := p.peek(); c == '"' || c == '\'' {
			table, _ = p.quoted()
		} else {
			table = p.ident()
		}
		if p.err == nil && table == "" {
			p.fail("id<...> needs a table name", `write "id<users>"`)
		}
		p.expect('>')
		return &Type{Kind: ID, Table: table, Pos: start}
	case "record":
		p.expect('<')
		key := p.union()
		p.expect(',')
		val := p.union()
		p.expect('>')
		return &Type{Kind: Record, Key: key, Elem: val, Pos: start}
	}
	if kind, ok := builtinNames[name]; ok {
		return &Type{Kind: kind, Pos: start}
	}
	return &Type{Kind: Ref, Name: name, Pos: start}
}

func (p *exprParser) ident() string {
	start := p.off
	for p.off < len(p.src) && isIdentPart(p.src[p.off]) {
		p.off++
	}
	if start == p.off {
		p.fail("expected a name in type expression", "")
	}
	return p.src[start:p.off]
}

func (p *exprParser) quoted() (string, bool) {
	quote := p.src[p.off]
	end := strings.IndexByte(p.src[p.off+1:], quote)
	if end < 0 {
		p.fail("unterminated string literal in type expression", "")
		return "", false
	}
	s := p.src[p.off+1 : p.off+1+end]
	p.off += end + 2
	p.skipSpace()
	return s, true
}

func (p *exprParser) number(start Pos) *Type {
	begin := p.off
	if p.peek() == '-' {
		p.off++
	}
	for p.off < len(p.src) && (p.src[p.off] >= '0' && p.src[p.off] <= '9' || p.src[p.off] == '.' || p.src[p.off] == 'e' || p.src[p.off] == 'E') {
		p.off++
	}
	text := p.src[begin:p.off]
	if p.peek() == 'n' {
		p.off++
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			p.failAt(start, fmt.Sprintf("bad bigint literal %q", text+"n"), "int64 literals range from -9223372036854775808n to 9223372036854775807n")
			return nil
		}
		p.skipSpace()
		return &Type{Kind: Literal, Value: n, Pos: start}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		p.failAt(start, fmt.Sprintf("bad number literal %q", text), "")
		return nil
	}
	p.skipSpace()
	return &Type{Kind: Literal, Value: f, Pos: start}
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}
