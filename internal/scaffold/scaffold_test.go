package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authgen/authgen/internal/manifest"
)

func newProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/app\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestRenderInit(t *testing.T) {
	root := newProject(t)
	files, err := Render(Options{Root: root, PackageDir: "internal/convexapi"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	if len(got) != 3 {
		t.Fatalf("files = %v", files)
	}
	checks := map[string][]string{
		"authgen.yaml":                   {"package: {dir: internal/convexapi, name: convexapi}", "current_user: authgen:getCurrentUser"},
		"internal/convexapi/generate.go": {"package convexapi\n", "//go:generate go tool authgen generate -f ../../authgen.yaml\n"},
		"convex/authgen.ts":              {"export const getCurrentUser = query(", "safeGetAuthUser(ctx)) ?? null"},
	}
	for path, wants := range checks {
		for _, w := range wants {
			if !strings.Contains(got[path], w) {
				t.Errorf("%s lacks %q:\n%s", path, w, got[path])
			}
		}
	}
}

func TestWriteRefusesAnyExisting(t *testing.T) {
	root := newProject(t)
	files := []File{{Path: "a/one.txt", Data: []byte("1")}, {Path: "two.txt", Data: []byte("2")}}
	if err := os.WriteFile(filepath.Join(root, "two.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(root, files)
	var exists *ExistsError
	if !errors.As(err, &exists) || len(exists.Paths) != 1 || exists.Paths[0] != "two.txt" {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "a/one.txt")); !os.IsNotExist(err) {
		t.Error("one.txt written although two.txt exists")
	}
	if data, _ := os.ReadFile(filepath.Join(root, "two.txt")); string(data) != "mine" {
		t.Error("two.txt overwritten")
	}
}

func TestRenderErrors(t *testing.T) {
	if _, err := Render(Options{Root: t.TempDir(), PackageDir: "api"}); err == nil || !strings.Contains(err.Error(), "go mod init") {
		t.Errorf("no go.mod: err = %v", err)
	}
	root := newProject(t)
	for _, dir := range []string{".", "../x", "/abs", "123"} {
		if _, err := Render(Options{Root: root, PackageDir: dir}); err == nil {
			t.Errorf("PackageDir %q: no error", dir)
		}
	}
}

// The scaffolded manifest parses, and its route table leaves the auth base
// path and the sign-in page reachable (doctor's manifest.routes check).
func TestInitRoutesLeaveAuthReachable(t *testing.T) {
	files, err := Render(Options{Root: newProject(t), PackageDir: "internal/convexapi"})
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	for _, f := range files {
		if f.Path == "authgen.yaml" {
			data = f.Data
		}
	}
	m, _, err := manifest.Parse("authgen.yaml", data, func(string) ([]byte, error) { return nil, errors.New("no files") })
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Routes) == 0 {
		t.Fatal("the scaffolded manifest has no routes")
	}
	for _, r := range m.Routes {
		for _, p := range []string{m.Auth.BasePath, m.Auth.SignInPath} {
			if prefix := strings.TrimSuffix(r.Prefix, "/"); p == prefix || strings.HasPrefix(p, prefix+"/") {
				t.Errorf("route prefix %q covers %q", r.Prefix, p)
			}
		}
	}
}

// TestInitPicksFunctionsSource: with ./convex and node_modules/convex the
// manifest extracts the spec from source; without them it points at the
// npx convex function-spec workflow.
func TestInitPicksFunctionsSource(t *testing.T) {
	manifest := func(root string) string {
		t.Helper()
		files, err := Render(Options{Root: root, PackageDir: "internal/convexapi"})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Path == "authgen.yaml" {
				return string(f.Data)
			}
		}
		t.Fatal("no authgen.yaml rendered")
		return ""
	}
	root := newProject(t)
	if got := manifest(root); !strings.Contains(got, "  # source: convex") || !strings.Contains(got, "  # spec: convex/function_spec.json") {
		t.Errorf("without convex installed, authgen.yaml should suggest both:\n%s", got)
	}
	for _, dir := range []string{"convex", "node_modules/convex"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if got := manifest(root); strings.Contains(got, "\n  source: convex") {
		t.Errorf("node_modules/convex without a package.json counts as installed:\n%s", got)
	}
	if err := os.WriteFile(filepath.Join(root, "node_modules/convex/package.json"), []byte(`{"name":"convex"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	got := manifest(root)
	if !strings.Contains(got, "\n  source: convex ") || strings.Contains(got, "# spec:") {
		t.Errorf("with ./convex and node_modules/convex, authgen.yaml should read functions.source: convex:\n%s", got)
	}
}
