package spec_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/authgen/authgen/generator"
)

// TestSourceGeneratesAsSpec: for every corpus app, functions.source (the
// spec extracted on the fly) and functions.spec (the committed spec)
// generate byte-identical Go packages.
func TestSourceGeneratesAsSpec(t *testing.T) {
	requireCorpus(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, app := range corpusApps {
		t.Run(app, func(t *testing.T) {
			manifest := filepath.Join(corpusDir, app, "authgen.yaml") // not on disk: anchors the relative paths
			gen := func(functions string) *generator.Result {
				t.Helper()
				res, err := generator.Generate(generator.Options{
					ManifestPath: manifest,
					Data:         []byte("version: 1\npackage: {dir: api, name: api}\nfunctions:\n  " + functions + "\n"),
					OutDir:       filepath.Join(t.TempDir(), "api"),
				})
				if err != nil {
					t.Fatalf("functions.%s: %v", functions, err)
				}
				return res
			}
			fromSpec := gen("spec: function_spec.json")
			fromSource := gen("source: convex")
			if len(fromSpec.Files) != len(fromSource.Files) {
				t.Fatalf("spec gives %d files, source %d", len(fromSpec.Files), len(fromSource.Files))
			}
			for i, f := range fromSpec.Files {
				g := fromSource.Files[i]
				if f.Name != g.Name || !bytes.Equal(f.Data, g.Data) {
					t.Errorf("%s differs between functions.spec and functions.source", f.Name)
				}
			}
		})
	}
}
