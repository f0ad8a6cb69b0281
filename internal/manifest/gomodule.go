package manifest

import (
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// ToolPath is the package `go get -tool` adds to a module for `go tool authgen`.
const ToolPath = "github.com/authgen/authgen/cmd/authgen"

// ErrNoModule is returned (wrapped) by FindModule outside any Go module.
var ErrNoModule = errors.New("no go.mod found")

// Module is the Go module governing a directory.
type Module struct {
	Dir  string // absolute directory holding go.mod
	Path string // the module path it declares
	// HasTool reports whether go.mod already declares ToolPath as a tool
	// dependency, so `go tool authgen` works without `go get -tool`.
	HasTool bool
}

// FindModule walks up from dir to the go.mod that governs it, without
// running the go command. Outside any module the error wraps ErrNoModule.
func FindModule(dir string) (Module, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Module{}, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		gomod := filepath.Join(d, "go.mod")
		data, err := os.ReadFile(gomod)
		switch {
		case err == nil:
			f, err := modfile.Parse(gomod, data, nil)
			if err != nil {
				return Module{}, err
			}
			if f.Module == nil || f.Module.Mod.Path == "" {
				return Module{}, fmt.Errorf("%s has no module line", gomod)
			}
			mod := Module{Dir: d, Path: f.Module.Mod.Path}
			for _, t := range f.Tool {
				mod.HasTool = mod.HasTool || t.Path == ToolPath
			}
			return mod, nil
		case !errors.Is(err, os.ErrNotExist):
			return Module{}, err
		case filepath.Dir(d) == d:
			return Module{}, fmt.Errorf("%w in %s or any parent directory: run `go mod init <module>` first, then `go get -tool %s`", ErrNoModule, abs, ToolPath)
		}
	}
}

// ImportPath is the import path of dir, which must be inside the module.
func (mod Module) ImportPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(mod.Dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside module %s (%s)", dir, mod.Path, mod.Dir)
	}
	if rel == "." {
		return mod.Path, nil
	}
	return mod.Path + "/" + filepath.ToSlash(rel), nil
}

// DirPackageName derives a Go package name from a directory's base name:
// lower-cased, keeping only letters and digits. It returns "" when that
// leaves no usable identifier (empty, starting with a digit, a keyword).
func DirPackageName(dir string) string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, strings.ToLower(filepath.Base(dir)))
	if !token.IsIdentifier(name) || token.IsKeyword(name) {
		return ""
	}
	return name
}
