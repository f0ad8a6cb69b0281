package e2e

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"github.com/authgen/authgen/internal/nodeharness"
)

var update = flag.Bool("update", false, "rewrite templates/example from examples/ssr")

// exampleImportPath is the import path of examples/ssr; in
// templates/example it is {{.Module}}, the import path of the directory
// `authgen init --example` writes into.
const exampleImportPath = "github.com/authgen/authgen/examples/ssr"

// templateSuffix ends every file under templates/example, so that the Go
// tool never mistakes a template for source of this module.
const templateSuffix = ".tmpl"

// exampleSources returns examples/ssr's files, relative to it, without the
// generated package: `authgen init --example` writes the manifest and the
// app, then runs the generator, which writes convexapi.
func exampleSources(t *testing.T, exampleDir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(exampleDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(exampleDir, path)
		if d.IsDir() {
			if rel == "convexapi" {
				return filepath.SkipDir
			}
			return nil
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestExampleTemplatesInSync checks that rendering templates/example for
// examples/ssr gives examples/ssr byte for byte, and that no template is
// left without its file. Run with -update after editing examples/ssr.
func TestExampleTemplatesInSync(t *testing.T) {
	root, err := nodeharness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	exampleDir := filepath.Join(root, "examples", "ssr")
	templateDir := filepath.Join(root, "templates", "example")
	sources := exampleSources(t, exampleDir)
	if len(sources) == 0 {
		t.Fatalf("no files in %s", exampleDir)
	}

	if *update {
		removeTemplates(t, templateDir)
	}
	want := map[string]bool{}
	for _, rel := range sources {
		src, err := os.ReadFile(filepath.Join(exampleDir, rel))
		if err != nil {
			t.Fatal(err)
		}
		tmplPath := filepath.Join(templateDir, filepath.FromSlash(rel)+templateSuffix)
		want[tmplPath] = true
		if *update {
			if bytes.Contains(src, []byte("{{")) {
				t.Fatalf("%s contains {{, which text/template would interpret; use other delimiters", rel)
			}
			text := strings.ReplaceAll(string(src), exampleImportPath, "{{.Module}}")
			if err := os.MkdirAll(filepath.Dir(tmplPath), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(tmplPath, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := renderTemplate(tmplPath, exampleImportPath)
		if err != nil {
			t.Errorf("%v (run `go test ./tests/e2e -run TestExampleTemplatesInSync -update`)", err)
			continue
		}
		if got != string(src) {
			t.Errorf("templates/example/%s%s renders differently from examples/ssr/%s: run `go test ./tests/e2e -run TestExampleTemplatesInSync -update`", rel, templateSuffix, rel)
		}
	}

	filepath.WalkDir(templateDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, templateSuffix) && !want[path] {
			t.Errorf("%s has no counterpart in examples/ssr", path)
		}
		return nil
	})
}

// removeTemplates deletes the .tmpl files under dir (files without the
// suffix, such as its README, are documentation and stay).
func removeTemplates(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, templateSuffix) {
			err = os.Remove(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// renderTemplate executes one template file as `authgen init` does.
func renderTemplate(path, module string) (string, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	tmpl, err := template.New(filepath.Base(path)).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return "", err
	}
	var out strings.Builder
	if err := tmpl.Execute(&out, map[string]string{"Module": module}); err != nil {
		return "", err
	}
	return out.String(), nil
}
