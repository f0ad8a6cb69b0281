package manifest

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestYAMLSyntaxPositions: a syntax error caused by an unclosed quote or
// bracket points at the line and column where it opened, not where yaml.v3
// gave up (a later line, column 1).
func TestYAMLSyntaxPositions(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"unclosed double quote in a block mapping",
			"version: 1\npackage: {dir: out}\ntypes:\n  Note:\n    title: \"string\n    body: string\n",
			`m.yaml:5:12: YAML syntax: this double-quoted string is never closed`},
		{"unclosed single quote",
			"version: 1\npackage: {dir: out}\ntypes:\n  Note: {title: 'string}\n  Other: {x: string}\n",
			`m.yaml:4:17: YAML syntax: this single-quoted string is never closed`},
		{"quote closed by the next value's quote",
			"version: 1\npackage: {dir: out}\nfunctions:\n  define:\n    a:b: {kind: query, args: {x: \"string}, returns: \"string\"}\n    c:d: {kind: query, returns: \"number\"}\n",
			`m.yaml:5:34: YAML syntax: this double-quoted string is never closed`},
		{"unclosed flow mapping",
			"version: 1\npackage: {dir: out\nfunctions: {}\n",
			`m.yaml:2:10: YAML syntax: this { is never closed`},
		{"unclosed flow list",
			"version: 1\npackage: {dir: out}\nroutes: [\n  {prefix: /a, unauthenticated: redirect},\n",
			`m.yaml:3:9: YAML syntax: this [ is never closed`},
		{"mismatched bracket",
			"version: 1\npackage: {dir: out}\ntypes:\n  Note: {tags: [string}\n",
			`m.yaml:4:16: YAML syntax: this [ is closed by the } at 4:23`},
		{"multi-byte characters count as one column",
			"version: 1\npackage: {dir: out}\n# é\ntypes:\n  Nöte: {tïtle: \"string}\n",
			`m.yaml:5:17: YAML syntax: this double-quoted string is never closed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, err := Parse("m.yaml", []byte(tc.yaml), nil)
			if err == nil && len(errs) == 0 {
				t.Fatal("no error")
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %q\nwant %q…", got, tc.want)
			}
		})
	}
}

// TestFindUnclosedIgnoresValidYAML: quotes and brackets inside words,
// comments, block scalars, multi-line flows and escaped quotes open nothing.
func TestFindUnclosedIgnoresValidYAML(t *testing.T) {
	valid := `version: 1 # it's "fine" [really {
package: {dir: out,
  name: api}
note: don't [stop] {now}
escaped: "say \"hi\" # not a comment"
single: 'it''s'
multi: "a string
  over two lines"
block: |
  "unclosed inside a block scalar
  [ and { too
folded: >-
  it's {
list: [a, b,
  c]
`
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(valid), &n); err != nil {
		t.Fatalf("the fixture is not valid YAML: %v", err)
	}
	if u := findUnclosed(SplitLines([]byte(valid))); u != nil {
		t.Errorf("findUnclosed(valid YAML) = %+v", *u)
	}
}

// FuzzFindUnclosed: never panics, and points inside the text when it answers.
func FuzzFindUnclosed(f *testing.F) {
	f.Add("a: \"b\nc: d\n")
	f.Add("a: {b: [c, 'd''e']}\n")
	f.Add("a: |\n  \"x\nb: [\n")
	f.Add("a: \"\\\n")
	f.Fuzz(func(t *testing.T, s string) {
		lines := SplitLines([]byte(s))
		u := findUnclosed(lines)
		if u == nil {
			return
		}
		if u.line < 1 || u.line > len(lines) || u.col < 1 || u.col > len(lines[u.line-1]) {
			t.Fatalf("findUnclosed(%q) = %+v: outside the text", s, *u)
		}
	})
}
