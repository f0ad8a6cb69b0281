package scaffold

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/imports"

	"github.com/authgen/authgen/generator"
)

// goimportsOptions is goimports' formatting without its import search:
// sorting and grouping (standard library first) as `goimports -l` checks.
var goimportsOptions = &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8}

// checkClean fails when src would change under gofmt or goimports.
func checkClean(t *testing.T, name string, src []byte) {
	t.Helper()
	if formatted, err := format.Source(src); err != nil {
		t.Errorf("%s does not parse: %v", name, err)
		return
	} else if !bytes.Equal(formatted, src) {
		t.Errorf("%s is not gofmt-clean; gofmt makes it:\n%s", name, formatted)
	}
	if fixed, err := imports.Process(name, src, goimportsOptions); err != nil {
		t.Errorf("goimports %s: %v", name, err)
	} else if !bytes.Equal(fixed, src) {
		t.Errorf("%s is not goimports-clean; goimports makes it:\n%s", name, fixed)
	}
}

// TestScaffoldsAreFormatted renders init and init -example for module paths
// that sort before, between and after github.com/authgen/authgen, checks
// every Go file with gofmt and goimports, then generates the scaffolded
// manifests and checks the generated files the same way.
func TestScaffoldsAreFormatted(t *testing.T) {
	for _, module := range []string{"example.com/hello", "a.b/c", "zzz.io/x", "github.com/zzz/app", "hello"} {
		for _, example := range []bool{false, true} {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module "+module+"\n\ngo 1.26\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			files, err := Render(Options{Root: root, PackageDir: "internal/convexapi", Example: example})
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(root, files); err != nil {
				t.Fatal(err)
			}
			goFiles := 0
			for _, f := range files {
				if strings.HasSuffix(f.Path, ".go") {
					checkClean(t, module+": "+f.Path, f.Data)
					goFiles++
				}
			}
			if goFiles == 0 {
				t.Fatalf("%s example=%v: no Go files rendered", module, example)
			}
			res, err := generator.Generate(generator.Options{ManifestPath: filepath.Join(root, "authgen.yaml")})
			if err != nil {
				t.Fatalf("%s example=%v: generating the scaffolded manifest: %v", module, example, err)
			}
			for _, f := range res.Files {
				checkClean(t, module+": generated "+f.Name, f.Data)
			}
		}
	}
}

// TestGoldenOutputIsFormatted: every committed golden package, bindings to
// the golden module's own types included, is gofmt- and goimports-clean.
func TestGoldenOutputIsFormatted(t *testing.T) {
	paths, err := filepath.Glob("../../golden/*/out/*.go")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden output found: %v", err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkClean(t, p, src)
	}
}
