package generator_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/authgen/authgen/generator"
)

// Adding a function that shares no shape with the others renames nothing:
// every type declared without it is declared, byte for byte, with it,
// wherever its path sorts (first, between, last), so a code review diff
// shows only the new function's own types.
func TestNamesStableWhenAFunctionIsAdded(t *testing.T) {
	unrelated := func(path string) map[string]any {
		field := func(t any) map[string]any { return map[string]any{"fieldType": t, "optional": false} }
		return map[string]any{
			"functionType": "Query", "identifier": path, "visibility": map[string]any{"kind": "public"},
			"args": map[string]any{"type": "object", "value": map[string]any{"zq": field(map[string]any{"type": "string"})}},
			"returns": map[string]any{"type": "object", "value": map[string]any{
				"zstate": field(map[string]any{"type": "union", "value": []any{
					map[string]any{"type": "literal", "value": "zon"}, map[string]any{"type": "literal", "value": "zoff"},
				}}),
				"zdoc": field(map[string]any{"type": "object", "value": map[string]any{
					"_id":           field(map[string]any{"type": "id", "tableName": "zebras"}),
					"_creationTime": field(map[string]any{"type": "number"}),
				}}),
			}},
		}
	}
	for _, name := range []string{"unions", "pagination", "names"} {
		base := declsOf(t, filepath.Join(goldenRoot, name), nil)
		for _, path := range []string{"aaa.js:first", "members.js:zz", "zzz.js:last"} {
			with := declsOf(t, filepath.Join(goldenRoot, name), unrelated(path))
			for decl, text := range base {
				if with[decl] != text {
					t.Errorf("%s: adding %s changed %s:\n%s\nto\n%s", name, path, decl, text, with[decl])
				}
			}
			if len(with) <= len(base) {
				t.Errorf("%s: adding %s declared no new type", name, path)
			}
		}
	}
}

// declsOf generates a golden case, with extra appended to its function spec
// when set, and returns each declaration of the types file by name.
func declsOf(t *testing.T, dir string, extra map[string]any) map[string]string {
	t.Helper()
	specPath := filepath.Join(dir, "function_spec.json")
	read := func(path string) ([]byte, error) {
		data, err := os.ReadFile(path)
		if err != nil || extra == nil || path != specPath {
			return data, err
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, err
		}
		doc["functions"] = append(doc["functions"].([]any), extra)
		return json.Marshal(doc)
	}
	res, err := generator.Generate(generator.Options{ManifestPath: filepath.Join(dir, "authgen.yaml"), ReadFile: read})
	if err != nil {
		t.Fatal(err)
	}
	decls := map[string]string{}
	for _, f := range res.Files {
		if f.Name != generator.TypesFile {
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, f.Name, f.Data, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			var buf bytes.Buffer
			if err := format.Node(&buf, fset, d); err != nil {
				t.Fatal(err)
			}
			key := buf.String()
			switch d := d.(type) {
			case *ast.GenDecl:
				if ts, ok := d.Specs[0].(*ast.TypeSpec); ok {
					key = ts.Name.Name
				} else if vs, ok := d.Specs[0].(*ast.ValueSpec); ok {
					key = "const " + vs.Names[0].Name
				}
			case *ast.FuncDecl:
				if d.Name.Name == "init" {
					continue // registrations: one per union, checked through the interface decls
				}
				key = "func " + d.Name.Name + " of " + buf.String()
			}
			decls[key] = buf.String()
		}
	}
	return decls
}
