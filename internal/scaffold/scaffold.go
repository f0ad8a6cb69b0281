// Package scaffold implements `authgen init`: it renders the embedded
// templates into a project, refusing to overwrite anything.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/authgen/authgen/internal/manifest"
	"github.com/authgen/authgen/templates"
)

// Data is what every template sees.
type Data struct {
	Module      string // module path from go.mod
	Package     string // Go package name of the generated package
	PackageDir  string // slash-separated, relative to the project root
	ImportPath  string // Module + "/" + PackageDir
	ManifestRel string // authgen.yaml relative to PackageDir, for go:generate
	// FunctionsSource is set when the project has ./convex and
	// node_modules/convex: the manifest then reads functions.source: convex
	// (extracted offline) instead of pointing at a function-spec file.
	FunctionsSource bool
}

// Options says what to scaffold.
type Options struct {
	Root       string // project directory (holding or below go.mod)
	PackageDir string // where the generated package will live, relative to Root
	// Example renders templates/example (a self-contained example app with
	// its own manifest) instead of the init files.
	Example bool
}

// File is one file to write, relative to the project root.
type File struct {
	Path string // slash-separated
	Data []byte
}

// ExistsError lists the targets that already exist; nothing was written.
type ExistsError struct{ Paths []string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("refusing to overwrite existing files (nothing was written): %s\n\thint: move them away, or run init in an empty project",
		strings.Join(e.Paths, ", "))
}

// Render renders the files of opts without touching the disk.
func Render(opts Options) ([]File, error) {
	data, err := newData(opts)
	if err != nil {
		return nil, err
	}
	if opts.Example {
		return renderDir("example", data, nil)
	}
	return renderDir("init", data, map[string]string{
		"authgen.yaml": "authgen.yaml",
		"generate.go":  path.Join(data.PackageDir, "generate.go"),
		"authgen.ts":   "convex/authgen.ts",
	})
}

// Write writes files under root, or none of them if any already exists.
func Write(root string, files []File) error {
	var exists []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.Path))); err == nil {
			exists = append(exists, f.Path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("checking %s: %w", f.Path, err)
		}
	}
	if len(exists) > 0 {
		return &ExistsError{Paths: exists}
	}
	for _, f := range files {
		target := filepath.Join(root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", filepath.Dir(f.Path), err)
		}
		// O_EXCL keeps the no-overwrite promise even against a file created since the check.
		out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
		_, err = out.Write(f.Data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}
	return nil
}

func newData(opts Options) (Data, error) {
	pkgDir := path.Clean(filepath.ToSlash(opts.PackageDir))
	if pkgDir == "." || strings.HasPrefix(pkgDir, "../") || path.IsAbs(pkgDir) {
		return Data{}, fmt.Errorf("package directory %q must be a subdirectory of the project", opts.PackageDir)
	}
	mod, err := manifest.FindModule(opts.Root)
	if err != nil {
		return Data{}, err
	}
	absRoot, err := filepath.Abs(opts.Root)
	if err != nil {
		return Data{}, err
	}
	relRoot, err := filepath.Rel(mod.Dir, absRoot)
	if err != nil {
		return Data{}, err
	}
	name := manifest.DirPackageName(pkgDir)
	if name == "" {
		return Data{}, fmt.Errorf("cannot derive a Go package name from %q", pkgDir)
	}
	depth := strings.Count(pkgDir, "/") + 1
	return Data{
		Module:          mod.Path,
		Package:         name,
		PackageDir:      pkgDir,
		ImportPath:      path.Join(mod.Path, filepath.ToSlash(relRoot), pkgDir),
		ManifestRel:     strings.Repeat("../", depth) + "authgen.yaml",
		FunctionsSource: hasConvexSource(opts.Root),
	}, nil
}

// hasConvexSource reports a Convex functions directory and an installed
// convex package in root: what `authgen spec` needs.
func hasConvexSource(root string) bool {
	dir, err := os.Stat(filepath.Join(root, "convex"))
	if err != nil || !dir.IsDir() {
		return false
	}
	_, err = os.Stat(filepath.Join(root, "node_modules", "convex", "package.json"))
	return err == nil
}

// renderDir renders every .tmpl file under dir of the embedded templates.
// rename maps a template's path (without .tmpl) to its output path; files
// not in it keep their relative path.
func renderDir(dir string, data Data, rename map[string]string) ([]File, error) {
	var files []File
	err := fs.WalkDir(templates.FS, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tmpl") {
			return err
		}
		src, err := templates.FS.ReadFile(p)
		if err != nil {
			return err
		}
		tmpl, err := template.New(p).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return fmt.Errorf("template %s: %w", p, err)
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, data); err != nil {
			return fmt.Errorf("template %s: %w", p, err)
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(p, dir+"/"), ".tmpl")
		if to, ok := rename[rel]; ok {
			rel = to
		}
		files = append(files, File{Path: rel, Data: buf.Bytes()})
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, err
}
