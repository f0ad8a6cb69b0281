package generator_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authgen/authgen"
	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/write"
)

// TestGoldenCompiles copies the golden module into a temporary directory,
// points it at this repository with a replace directive, and runs go build
// and go vet over every generated package, then the behavioural tests in
// golden/behaviour (generated packages against package authtest).
// Dependencies resolve from the module cache only (GOPROXY=off).
func TestGoldenCompiles(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	err = filepath.WalkDir(goldenRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(goldenRoot, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(tmp, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	// The quick start's output (the embedded schema.yaml.example) must compile too.
	res, err := generator.Generate(generator.Options{ManifestPath: "schema.yaml.example", Data: authgen.ExampleManifest, OutDir: filepath.Join(tmp, "example")})
	if err != nil {
		t.Fatalf("generating the embedded example: %v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("the embedded example has warnings: %v", res.Warnings)
	}
	plan, err := write.NewPlan(res.Dir, res.Files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Apply(); err != nil {
		t.Fatal(err)
	}

	gomod, err := os.ReadFile(filepath.Join(tmp, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	gomod = append(gomod, []byte("\nrequire github.com/authgen/authgen v0.0.0\n\nreplace github.com/authgen/authgen => "+repo+"\n")...)
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), gomod, 0o644); err != nil {
		t.Fatal(err)
	}
	gosum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.sum"), gosum, 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "-v", "./behaviour"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = tmp
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("go %s in the golden module: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("go %s: %s", strings.Join(args, " "), out)
	}
}
