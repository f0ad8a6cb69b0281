package generator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/write"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../golden")

// goldenRoot is the golden module (its own go.mod keeps its packages out of
// this module's `go build ./...`).
const goldenRoot = "../golden"

// goldenCases lists golden/<case>/ directories holding an authgen.yaml.
func goldenCases(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(goldenRoot)
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(goldenRoot, e.Name(), "authgen.yaml")); err == nil {
			cases = append(cases, e.Name())
		}
	}
	if len(cases) < 10 {
		t.Fatalf("found %d golden cases, want at least 10", len(cases))
	}
	return cases
}

// runCase generates one case and returns the result and what the CLI
// would print on stderr, with the case directory stripped from paths.
func runCase(t *testing.T, name string) (*generator.Result, string) {
	t.Helper()
	dir := filepath.Join(goldenRoot, name)
	res, err := generator.Generate(generator.Options{ManifestPath: filepath.Join(dir, "authgen.yaml")})
	var stderr strings.Builder
	if res != nil {
		for _, w := range res.Warnings {
			stderr.WriteString(w.Warning() + "\n") // as the CLI prints it, hints included
		}
	}
	if err != nil {
		stderr.WriteString(err.Error() + "\n")
		res = nil
	}
	return res, strings.ReplaceAll(stderr.String(), dir+string(filepath.Separator), "")
}

// TestGolden compares each case's output (golden/<case>/out) and stderr
// (golden/<case>/stderr.txt) byte for byte.
func TestGolden(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			res, stderr := runCase(t, name)
			dir := filepath.Join(goldenRoot, name)
			compareFile(t, filepath.Join(dir, "stderr.txt"), []byte(stderr))
			if res == nil {
				if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
					t.Errorf("case failed but %s/out exists", dir)
				}
				return
			}
			if *update {
				plan, err := write.NewPlan(res.Dir, res.Files)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := plan.Apply(); err != nil {
					t.Fatal(err)
				}
				return
			}
			plan, err := write.NewPlan(res.Dir, res.Files)
			if err != nil {
				t.Fatal(err)
			}
			if plan.Stale() {
				t.Errorf("golden output of %s is stale (run go test ./generator -update):\n%s", name, plan.Report())
			}
		})
	}
}

// compareFile checks got against path; an empty got means the file must not exist.
func compareFile(t *testing.T, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if *update {
		if len(got) == 0 {
			os.Remove(path)
			return
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil && len(got) == 0 {
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test ./generator -update)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// TestGenerateDeterministic runs each case twice: same input, same bytes.
func TestGenerateDeterministic(t *testing.T) {
	for _, name := range goldenCases(t) {
		first, _ := runCase(t, name)
		second, _ := runCase(t, name)
		if (first == nil) != (second == nil) {
			t.Fatalf("%s: runs disagree on failure", name)
		}
		if first == nil {
			continue
		}
		for i := range first.Files {
			if !bytes.Equal(first.Files[i].Data, second.Files[i].Data) {
				t.Errorf("%s: %s differs between runs", name, first.Files[i].Name)
			}
		}
	}
}
