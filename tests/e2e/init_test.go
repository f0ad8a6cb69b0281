package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/authgen/authgen/internal/nodeharness"
)

// offlineGoEnv makes the go command use only the module cache and this
// checkout: no proxy, no workspace, and go.mod updated as needed.
var offlineGoEnv = []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"}

var (
	buildAuthgenOnce sync.Once
	authgenBinary    string
	authgenBuildErr  error
)

// authgen builds cmd/authgen from this checkout once per test binary.
func authgen(t *testing.T) string {
	t.Helper()
	buildAuthgenOnce.Do(func() {
		root, err := nodeharness.RepoRoot()
		if err != nil {
			authgenBuildErr = err
			return
		}
		dir, err := os.MkdirTemp("", "authgen-e2e-")
		if err != nil {
			authgenBuildErr = err
			return
		}
		authgenBinary = filepath.Join(dir, "authgen")
		cmd := exec.Command("go", "build", "-o", authgenBinary, "./cmd/authgen")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			authgenBuildErr = &commandError{args: cmd.Args, err: err, output: out}
		}
	})
	if authgenBuildErr != nil {
		t.Fatalf("building cmd/authgen: %v", authgenBuildErr)
	}
	return authgenBinary
}

// newModule writes a go.mod for module path into an empty temporary
// directory, with a replace directive pointing github.com/authgen/authgen
// at this checkout and the checkout's go.sum, and returns the directory.
func newModule(t *testing.T, path string) string {
	t.Helper()
	root, err := nodeharness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	goMod := "module " + path + "\n\ngo 1.26\n\nrequire github.com/authgen/authgen v0.0.0\n\nreplace github.com/authgen/authgen => " + root + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs a command in dir with the offline go environment and fails the
// test with its output when it fails.
func run(t *testing.T, dir string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), offlineGoEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatal(&commandError{args: cmd.Args, err: err, output: out.Bytes()})
	}
	return out.String()
}

type commandError struct {
	args   []string
	err    error
	output []byte
}

func (e *commandError) Error() string {
	return strings.Join(e.args, " ") + ": " + e.err.Error() + "\n" + string(e.output)
}

// TestInitExampleBuilds is the quick start: `authgen init --example` in an
// empty module, `authgen generate` (what its go:generate line runs), then
// `go build ./...`, offline.
func TestInitExampleBuilds(t *testing.T) {
	dir := newModule(t, "example.com/hello")
	run(t, dir, authgen(t), "init", "--example")
	run(t, dir, authgen(t), "generate", "-f", "authgen.yaml")
	for _, f := range []string{"authgen.yaml", "main.go", "web/server.go", "convexapi"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init --example did not write %s: %v", f, err)
		}
	}
	run(t, dir, "go", "build", "./...")
	run(t, dir, "go", "vet", "./...")

	// A bad configuration stops the app with its problems one per line,
	// under the app's own name, not the example's.
	run(t, dir, "go", "build", "-o", "hello", ".")
	cmd := exec.Command(filepath.Join(dir, "hello"), "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "CONVEX_URL=http://happy-otter-123.convex.cloud", "CONVEX_SITE_URL=https://happy-otter-123.convex.site ")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("hello with a bad configuration: exit %d (%v), want 1\n%s", code, err, out)
	}
	text := string(out)
	if !strings.HasPrefix(text, "hello: ") || strings.Contains(text, `\n`) || strings.Contains(text, "ssr example") ||
		!regexp.MustCompile(`(?m)^.*ConvexURL \(env CONVEX_URL\): "http://happy-otter-123.convex.cloud" uses http`).MatchString(text) ||
		!regexp.MustCompile(`(?m)^.*SiteURL \(env CONVEX_SITE_URL\): "https://happy-otter-123.convex.site " has surrounding whitespace`).MatchString(text) {
		t.Errorf("hello with a bad configuration printed:\n%s", text)
	}
}

// TestExampleIsInitOutput checks that examples/ssr is exactly what
// `authgen init --example` followed by `authgen generate` writes into a
// directory whose import path is github.com/authgen/authgen/examples/ssr.
func TestExampleIsInitOutput(t *testing.T) {
	root, err := nodeharness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := newModule(t, exampleImportPath)
	run(t, dir, authgen(t), "init", "--example")
	run(t, dir, authgen(t), "generate", "-f", "authgen.yaml")

	exampleDir := filepath.Join(root, "examples", "ssr")
	want := map[string]bool{}
	filepath.WalkDir(exampleDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(exampleDir, path)
		want[rel] = true
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Errorf("init --example did not write %s", rel)
			return nil
		}
		src, _ := os.ReadFile(path)
		if !bytes.Equal(got, src) {
			t.Errorf("init --example wrote a different %s than examples/ssr has", rel)
		}
		return nil
	})
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if !want[rel] && rel != "go.mod" && rel != "go.sum" {
			t.Errorf("init --example wrote %s, which examples/ssr lacks", rel)
		}
		return nil
	})
}
