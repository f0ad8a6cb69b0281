package generator

import (
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/authgen/authgen/internal/manifest"
	"github.com/authgen/authgen/internal/write"
)

// packageClause is the package name a hand-written Go file in the output
// directory declares, and where.
type packageClause struct {
	name string
	pos  manifest.Pos
	doc  bool // the file has a package comment
}

// packageName is package.name, else the package clause of the hand-written
// Go files already in dir, else dir's base name. Files authgen wrote are
// not consulted, so a name from an earlier run cannot stick; a
// package.name that disagrees with a hand-written file is an error at that
// file's package clause, since the directory would not build.
func packageName(m *manifest.Manifest, dir string) (string, error) {
	clauses := handWrittenPackages(dir)
	name := m.Package.Name
	if name == "" {
		if len(clauses) > 0 {
			return clauses[0].name, nil
		}
		return dirPackageName(m, dir)
	}
	for _, c := range clauses {
		if c.name != name {
			return "", manifest.ErrorList{{Pos: c.pos,
				Msg:  fmt.Sprintf("this hand-written file declares package %s, but the generated files would declare package %s (package.name at %s)", c.name, name, m.Package.Pos),
				Hint: "make package.name match the package clause, or set package.dir (or -o) to another directory"}}
		}
	}
	return name, nil
}

// handWrittenPackages reads the package clause of every non-test Go file in
// dir that the default build context includes and authgen did not write,
// in file name order. Unreadable or unparsable files are left to the Go
// toolchain to report.
func handWrittenPackages(dir string) []packageClause {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var clauses []packageClause
	for _, name := range names {
		path := filepath.Join(dir, name)
		// Files excluded by build constraints (a `//go:build ignore`
		// package main, say) are not part of the package.
		if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil || write.IsAuthgenFile(data) {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, data, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			continue
		}
		p := fset.Position(f.Name.Pos())
		clauses = append(clauses, packageClause{name: f.Name.Name, pos: manifest.Pos{File: path, Line: p.Line, Col: p.Column}, doc: f.Doc != nil})
	}
	return clauses
}

// handWrittenDoc reports whether a hand-written Go file in dir has a
// package comment, which then documents the package instead of authgen's.
func handWrittenDoc(dir string) bool {
	for _, c := range handWrittenPackages(dir) {
		if c.doc {
			return true
		}
	}
	return false
}

// dirPackageName derives a package name from dir's base name.
func dirPackageName(m *manifest.Manifest, dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	name := manifest.DirPackageName(abs)
	if name == "" {
		return "", manifest.ErrorList{{Pos: m.Package.Pos, Msg: fmt.Sprintf("cannot derive a package name from directory %q", filepath.Base(abs)), Hint: "set package.name"}}
	}
	return name, nil
}
