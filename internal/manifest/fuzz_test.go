package manifest

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzTypeExpr parses arbitrary type expressions: no panic, errors point
// inside the expression, and a successful parse yields a complete tree.
func FuzzTypeExpr(f *testing.F) {
	for _, seed := range []string{
		"string", "number?", "id<users>", `id<"_storage">`, "Message[]", "record<string, number[]>",
		`"a" | 'b' | null`, "(string | number)[]", "1 | -2.5 | 3n | true", "  User | null ?",
		"record<id<users>, record<string, bytes>>", "int64 | bigint", "((string))", "9223372036854775808n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		base := Pos{File: "authgen.yaml", Line: 3, Col: 7}
		typ, _, err := parseTypeExpr(src, base, true)
		if err != nil {
			if err.Msg == "" {
				t.Fatalf("error without a message at %s", err.Pos)
			}
			if err.Pos.File != base.File || err.Pos.Line != base.Line || err.Pos.Col < base.Col || err.Pos.Col > base.Col+len(src) {
				t.Fatalf("error %q at %s, outside the expression (columns %d-%d)", err.Msg, err.Pos, base.Col, base.Col+len(src))
			}
			return
		}
		if typ == nil {
			t.Fatal("no type and no error")
		}
		checkComplete(t, typ)
	})
}

// checkComplete fails when a parsed type lacks a part its kind requires.
func checkComplete(t *testing.T, typ *Type) {
	t.Helper()
	if typ == nil {
		t.Fatal("nil type inside a parsed tree")
	}
	switch typ.Kind {
	case Array:
		checkComplete(t, typ.Elem)
	case Record:
		checkComplete(t, typ.Key)
		checkComplete(t, typ.Elem)
	case Union:
		if len(typ.Variants) < 2 {
			t.Fatalf("union with %d variants", len(typ.Variants))
		}
		for _, v := range typ.Variants {
			checkComplete(t, v)
		}
	case Object:
		for _, f := range typ.Fields {
			checkComplete(t, f.Type)
		}
	case ID:
		if typ.Table == "" {
			t.Fatal("id without a table")
		}
	case Ref:
		if typ.Name == "" {
			t.Fatal("reference without a name")
		}
	case Literal:
		switch typ.Value.(type) {
		case string, float64, bool, int64:
		default:
			t.Fatalf("literal of type %T", typ.Value)
		}
	}
}

// FuzzParseSpec parses arbitrary function-spec documents: no panic, every
// problem has a message and a position inside the document, and every
// function returned is complete and positioned.
func FuzzParseSpec(f *testing.F) {
	seeds, err := filepath.Glob("../../golden/*/function_spec.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(convexHelpersSpec))
	f.Fuzz(func(t *testing.T, data []byte) {
		fns, _, errs := ParseSpec("function_spec.json", data)
		for _, e := range errs {
			if e.Msg == "" {
				t.Errorf("error without a message at %s", e.Pos)
			}
			if e.Pos.File != "function_spec.json" || !posWithin(e.Pos, data) {
				t.Errorf("error %q at %s, outside the %d-line input", e.Msg, e.Pos, len(SplitLines(data)))
			}
		}
		for _, fn := range fns {
			if fn.Args == nil || fn.Returns == nil || fn.Path == "" {
				t.Fatalf("incomplete function %+v", fn)
			}
			if _, err := CanonicalPath(fn.Path); err != nil {
				t.Fatalf("function path %q is not canonical: %v", fn.Path, err)
			}
			switch fn.Kind {
			case Query, Mutation, Action:
			default:
				t.Fatalf("function %s has kind %q", fn.Path, fn.Kind)
			}
			if !posWithin(fn.Pos, data) {
				t.Fatalf("function %s at %s, outside the input", fn.Path, fn.Pos)
			}
			checkComplete(t, fn.Args)
			checkComplete(t, fn.Returns)
		}
	})
}

// posWithin reports whether pos names a line of data and a column no
// further than one past that line's end.
func posWithin(pos Pos, data []byte) bool {
	lines := SplitLines(data)
	if pos.Line < 1 || pos.Line > len(lines) || pos.Col < 1 {
		return false
	}
	return pos.Col <= len(lines[pos.Line-1])+1
}
