package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// package.dir must stay inside the module: generate writes there and
// deletes orphaned authgen files it finds.
func TestPackageDirOutsideModuleRefused(t *testing.T) {
	root := t.TempDir()
	mod := filepath.Join(root, "app")
	if err := os.MkdirAll(filepath.Join(mod, "cmd"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/app\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	manifestPath := filepath.Join(mod, "cmd", "authgen.yaml")
	for _, dir := range []string{"../../x", "../../app2/api", ".."} {
		_, err := Generate(Options{ManifestPath: manifestPath, Data: []byte("version: 1\npackage:\n  dir: " + dir + "\n  name: api\n")})
		if dir == ".." {
			if err != nil && strings.Contains(err.Error(), "outside") {
				t.Errorf("package.dir %s is the module root, refused: %v", dir, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "authgen.yaml:3:3: ") || !strings.Contains(err.Error(), mod) {
			t.Errorf("package.dir %s: error %v, want one at the package entry naming the module root %s", dir, err, mod)
		}
	}
}
