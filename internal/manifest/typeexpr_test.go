package manifest

import (
	"strings"
	"testing"
)

func TestParseTypeExpr(t *testing.T) {
	tests := []struct {
		src      string
		want     string // canonical rendering
		optional bool
	}{
		{"string", "string", false},
		{"number?", "number", true},
		{"bigint", "int64", false},
		{"id<users>", "id<users>", false},
		{`id<"_storage">`, "id<_storage>", false},
		{"Message[]", "Message[]", false},
		{"string[][]", "string[][]", false},
		{"record<string, number[]>", "record<string,number[]>", false},
		{`"a" | 'b' | null`, `("a"|"b"|null)`, false},
		{"(string | number)[]", "(string|number)[]", false},
		{"1 | -2.5 | 3n | true", "(1|-2.5|3n|true)", false},
		{"  User | null ?", "(User|null)", true},
	}
	for _, tt := range tests {
		got, optional, err := parseTypeExpr(tt.src, Pos{File: "m.yaml", Line: 1, Col: 1}, true)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if s := render(got); s != tt.want || optional != tt.optional {
			t.Errorf("%q = %s optional=%v, want %s optional=%v", tt.src, s, optional, tt.want, tt.optional)
		}
	}
}

func TestParseTypeExprErrors(t *testing.T) {
	tests := []struct {
		src string
		col int
		msg string
	}{
		{"", 10, "empty type expression"},
		{"string | ", 19, "ends too early"},
		{"id<>", 13, "expected a name"},
		{`"open`, 10, "unterminated string"},
		{"string?[]", 17, `unexpected "[]"`},
		{"record<string number>", 24, `expected ","`},
		{"a & b", 12, `unexpected "& b"`},
		{"99999999999999999999n", 10, "bad bigint"},
	}
	for _, tt := range tests {
		_, _, err := parseTypeExpr(tt.src, Pos{File: "m.yaml", Line: 3, Col: 10}, true)
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		if err.Pos.Col != tt.col || !strings.Contains(err.Msg, tt.msg) {
			t.Errorf("%q: error at col %d %q, want col %d containing %q", tt.src, err.Pos.Col, err.Msg, tt.col, tt.msg)
		}
	}
}

// render prints a Type compactly for comparisons.
func render(t *Type) string {
	switch t.Kind {
	case String:
		return "string"
	case Number:
		return "number"
	case Int64:
		return "int64"
	case Boolean:
		return "boolean"
	case Null:
		return "null"
	case Any:
		return "any"
	case Bytes:
		return "bytes"
	case ID:
		return "id<" + t.Table + ">"
	case Ref:
		return t.Name
	case Array:
		return render(t.Elem) + "[]"
	case Record:
		return "record<" + render(t.Key) + "," + render(t.Elem) + ">"
	case Literal:
		switch v := t.Value.(type) {
		case string:
			return `"` + v + `"`
		case int64:
			return itoa(v) + "n"
		case bool:
			if v {
				return "true"
			}
			return "false"
		case float64:
			return ftoa(v)
		}
	case Union:
		parts := make([]string, len(t.Variants))
		for i, v := range t.Variants {
			parts[i] = render(v)
		}
		return "(" + strings.Join(parts, "|") + ")"
	case Object:
		return "object"
	}
	return "?"
}

func TestTypeString(t *testing.T) {
	for src, want := range map[string]string{
		"User | null":              "User | null",
		"(string | number)[]":      "(string | number)[]",
		"record<string, number[]>": "record<string, number[]>",
		`id<users> | "a" | 1n`:     `id<users> | "a" | 1n`,
	} {
		typ, _, err := parseTypeExpr(src, Pos{File: "m.yaml", Line: 1, Col: 1}, true)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got := typ.String(); got != want {
			t.Errorf("%q.String() = %q, want %q", src, got, want)
		}
	}
}
