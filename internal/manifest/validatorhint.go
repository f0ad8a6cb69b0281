package manifest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// callSyntaxRE finds a call such as v.string() or id(users): never part of
// a type expression, whose only parentheses group a union.
var callSyntaxRE = regexp.MustCompile(`(^|[^A-Za-z0-9_.])(v\s*\.\s*)?[A-Za-z_][A-Za-z0-9_]*\s*\(`)

// quotedRE matches a quoted literal of a type expression.
var quotedRE = regexp.MustCompile(`"[^"]*"|'[^']*'`)

// validatorSpellingError reports a type expression written as Convex
// validator calls (v.string(), v.id("users"), id(channels)), with the type
// expression to write instead when there is one. It returns nil for
// anything else.
func validatorSpellingError(src string, base Pos) *Error {
	if !callSyntaxRE.MatchString(quotedRE.ReplaceAllString(src, `""`)) {
		return nil // parentheses inside a string literal type are its text
	}
	c := &validatorConverter{src: strings.TrimSpace(src)}
	expr, optional := c.top()
	if c.err == "" && c.off < len(c.src) {
		c.err = "unexpected " + strconv.Quote(c.src[c.off:])
	}
	msg := fmt.Sprintf("%q is Convex validator syntax, not a type expression", src)
	switch {
	case c.object:
		return &Error{Pos: base, Msg: msg, Hint: "declare the object under types: (e.g. types: {Note: {title: string}}) and write its name here"}
	case c.err != "":
		return &Error{Pos: base, Msg: msg, Hint: `write the type as a type expression, e.g. v.string() as "string", v.id("users") as "id<users>", v.array(v.number()) as "number[]"`}
	}
	if optional {
		expr += "?"
	}
	return &Error{Pos: base, Msg: msg, Hint: "write `" + expr + "`"}
}

// validatorScalars maps each v.xxx() without arguments to its type expression.
var validatorScalars = map[string]string{
	"string": "string", "number": "number", "float64": "number", "int64": "int64", "bigint": "int64",
	"boolean": "boolean", "bytes": "bytes", "null": "null", "any": "any",
}

// validatorConverter rewrites validator calls into a type expression; err
// says why it could not, object that a v.object(...) needs a named type.
type validatorConverter struct {
	src    string
	off    int
	err    string
	object bool
}

// top converts one expression, where v.optional(x) is allowed.
func (c *validatorConverter) top() (string, bool) {
	c.space()
	start := c.off
	if c.callName() == "optional" && c.peek() == '(' {
		args := c.args()
		if len(args) != 1 {
			c.fail("v.optional takes one validator")
			return "", true
		}
		return args[0], true
	}
	c.off = start
	return c.expr(), false
}

// expr converts a validator call, a quoted literal, a number or a bare name.
func (c *validatorConverter) expr() string {
	c.space()
	if c.err != "" || c.off >= len(c.src) {
		c.fail("expression ends too early")
		return ""
	}
	if q := c.src[c.off]; q == '"' || q == '\'' {
		end := strings.IndexByte(c.src[c.off+1:], q)
		if end < 0 {
			c.fail("unterminated string")
			return ""
		}
		s := c.src[c.off : c.off+end+2]
		c.off += end + 2
		return s
	}
	start := c.off
	name := c.callName()
	if name == "" {
		for c.off < len(c.src) && strings.IndexByte(",)} \t", c.src[c.off]) < 0 {
			c.off++
		}
		if c.off == start {
			c.fail("expected a validator")
		}
		return c.src[start:c.off]
	}
	if c.peek() != '(' {
		return name // a plain name such as a table or a declared type
	}
	args := c.args()
	switch {
	case validatorScalars[name] != "" && len(args) == 0:
		return validatorScalars[name]
	case name == "id" && len(args) == 1:
		return "id<" + strings.Trim(args[0], `"'`) + ">"
	case name == "array" && len(args) == 1:
		if strings.Contains(args[0], "|") {
			return "(" + args[0] + ")[]"
		}
		return args[0] + "[]"
	case name == "union" && len(args) > 0:
		return strings.Join(args, " | ")
	case name == "literal" && len(args) == 1:
		return args[0]
	case name == "record" && len(args) == 2:
		return "record<" + args[0] + ", " + args[1] + ">"
	case name == "object":
		c.object = true
	}
	c.fail("no type expression for " + name + "(...)")
	return ""
}

// callName reads an optional "v." and a name; at a "(" it is the callee.
func (c *validatorConverter) callName() string {
	save := c.off
	if strings.HasPrefix(c.src[c.off:], "v.") {
		c.off += 2
	}
	start := c.off
	for c.off < len(c.src) && (isIdentPart(c.src[c.off])) {
		c.off++
	}
	if c.off == start {
		c.off = save
		return ""
	}
	name := c.src[start:c.off]
	c.space()
	return name
}

// args reads "(" a, b, ... ")"; an object argument ({...}) stops the conversion.
func (c *validatorConverter) args() []string {
	c.off++ // "("
	var args []string
	for c.err == "" {
		c.space()
		if c.peek() == ')' {
			c.off++
			return args
		}
		if c.peek() == '{' {
			c.object = true
			c.fail("object argument")
			return nil
		}
		args = append(args, c.expr())
		c.space()
		if c.peek() == ',' {
			c.off++
		} else if c.peek() != ')' {
			c.fail("expected , or )")
		}
	}
	return nil
}

func (c *validatorConverter) peek() byte {
	if c.off < len(c.src) {
		return c.src[c.off]
	}
	return 0
}

func (c *validatorConverter) space() {
	for c.off < len(c.src) && (c.src[c.off] == ' ' || c.src[c.off] == '\t') {
		c.off++
	}
}

func (c *validatorConverter) fail(msg string) {
	if c.err == "" {
		c.err = msg
	}
}
