package generator

import (
	"bytes"
	"errors"
	"go/format"
	"os"
	"path/filepath"
	"testing"

	"github.com/authgen/authgen"
	"github.com/authgen/authgen/internal/manifest"
)

// fuzzManifest is the name the fuzzed manifest goes by. Its functions.spec,
// whatever it names, reads fuzzSpecFile, so include/exclude/define merging
// is exercised too.
const (
	fuzzManifest = "authgen.yaml"
	fuzzSpecFile = "../golden/funcspec/function_spec.json"
)

// FuzzManifest parses arbitrary manifests. It must never panic; every
// error must point inside the file it names with a message; and a manifest
// that parses must render Go that go/format accepts (bindings to Go types
// need the go command, so those manifests stop after parsing).
func FuzzManifest(f *testing.F) {
	seeds, err := filepath.Glob("../golden/*/authgen.yaml")
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
	f.Add(authgen.ExampleManifest)
	spec, err := os.ReadFile(fuzzSpecFile)
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		files := map[string][]byte{fuzzManifest: data}
		readSpec := func(name string) ([]byte, error) {
			files[name] = spec
			return spec, nil
		}
		m, warnings, err := manifest.Parse(fuzzManifest, data, readSpec)
		checkProblems(t, "warning", warnings, files)
		if err != nil {
			var list manifest.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse failed without an ErrorList: %v", err)
			}
			checkProblems(t, "error", list, files)
			return
		}
		for _, nt := range m.Types {
			if nt.GoType != "" {
				return
			}
		}
		out, warnings, err := render(m, nil, target{pkgName: "fuzzed", source: "authgen.yaml", pkgDoc: true})
		checkProblems(t, "warning", warnings, files)
		if err != nil {
			var list manifest.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("render failed without an ErrorList (the emitted Go does not format?): %v", err)
			}
			checkProblems(t, "error", list, files)
			return
		}
		for _, file := range out {
			formatted, err := format.Source(file.Data)
			if err != nil {
				t.Fatalf("%s does not parse as Go: %v\n%s", file.Name, err, file.Data)
			}
			if !bytes.Equal(formatted, file.Data) {
				t.Fatalf("%s is not gofmt'ed", file.Name)
			}
		}
	})
}

// checkProblems asserts that every problem has a message and names a line
// and column inside the input file it points at.
func checkProblems(t *testing.T, what string, problems []*manifest.Error, files map[string][]byte) {
	t.Helper()
	for _, p := range problems {
		if p.Msg == "" {
			t.Errorf("%s at %s has no message", what, p.Pos)
		}
		data, ok := files[p.Pos.File]
		if !ok {
			t.Errorf("%s %q names file %q, not an input", what, p.Error(), p.Pos.File)
			continue
		}
		if !posWithin(p.Pos, data) {
			t.Errorf("%s %q points outside its %d-line input", what, p.Error(), len(manifest.SplitLines(data)))
		}
	}
}

// posWithin reports whether pos names a line of data and a column no
// further than one past that line's end.
func posWithin(pos manifest.Pos, data []byte) bool {
	lines := manifest.SplitLines(data)
	if pos.Line < 1 || pos.Line > len(lines) || pos.Col < 1 {
		return false
	}
	return pos.Col <= len(lines[pos.Line-1])+1
}
