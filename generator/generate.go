// Package generator turns an authgen manifest into a typed Go package for a
// Convex deployment that uses Better Auth, emitted with dave/jennifer.
//
// Generate is pure: it returns the files and leaves writing to the caller
// (the CLI's `generate` and `check` share every byte).
//
// This package is the module's public entry point to generation; the
// manifest model, the writer and the CLI live in internal packages. File,
// Problem and Problems name the internal types Result and Generate's error
// carry, so callers outside the module can declare them and errors.As them.
package generator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"golang.org/x/tools/imports"

	"github.com/authgen/authgen/generator/internal/gotype"
	"github.com/authgen/authgen/internal/manifest"
	"github.com/authgen/authgen/internal/write"
)

// The files Generate emits, in the package directory.
const (
	APIFile    = "authgen_api.go"
	ClientFile = "authgen_client.go"
	TypesFile  = "authgen_types.go"
)

// Options says what to generate.
type Options struct {
	// ManifestPath names the manifest; errors are reported against it and
	// relative paths in it resolve against its directory.
	ManifestPath string
	// Data, when set, is the manifest's content (ManifestPath is then only its name).
	Data []byte
	// OutDir, when set, replaces the manifest's package.dir (relative to the working directory).
	OutDir string
	// ReadFile loads the function spec; nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
	// ExtractSpec extracts functions.source; nil means
	// manifest.ExtractSpec (authgen spec, through the user's cache).
	ExtractSpec manifest.SpecSource
}

// File is one generated file: its name in the package directory and its bytes.
type File = write.File

// Problem is an error or warning about the inputs, at file:line:col, with
// a hint on how to fix it. Warning formats it as the CLI prints warnings.
type Problem = manifest.Error

// Problems is every problem one run found; Generate returns it as the error
// when the inputs are at fault.
type Problems = manifest.ErrorList

// Result is the output of one run.
type Result struct {
	Dir         string // the package directory
	PackageName string
	Files       []File // sorted by name
	Warnings    []*Problem
	// Skipped lists function-spec entries left out (internal, HTTP actions, excluded).
	Skipped []string
}

// Generate parses the manifest, resolves every type and renders the
// package. On failure the error is a Problems when the problems
// are in the inputs; the returned warnings are valid either way.
func Generate(opts Options) (*Result, error) {
	readFile := opts.ReadFile
	if readFile == nil {
		readFile = os.ReadFile
	}
	data := opts.Data
	if data == nil {
		var err error
		if data, err = readFile(opts.ManifestPath); err != nil {
			return nil, manifest.ReadError(opts.ManifestPath, err)
		}
	}
	extract := opts.ExtractSpec
	if extract == nil {
		extract = manifest.ExtractSpec
	}
	m, warnings, err := manifest.ParseSource(opts.ManifestPath, data, readFile, extract)
	res := &Result{Warnings: warnings}
	if err != nil {
		return res, err
	}
	res.Skipped = m.Skipped
	res.Dir = filepath.Join(m.Dir, m.Package.Dir)
	if opts.OutDir != "" {
		res.Dir = opts.OutDir
	} else if err := insideModule(m, res.Dir); err != nil {
		return res, err
	}
	if res.PackageName, err = packageName(m, res.Dir); err != nil {
		return res, err
	}
	bindings, errs := bindGoTypes(m)
	if len(errs) > 0 {
		return res, errs
	}
	t := target{pkgName: res.PackageName, pkgPath: importPath(res.Dir), source: filepath.Base(m.Path), pkgDoc: !handWrittenDoc(res.Dir)}
	files, warnings, err := render(m, bindings, t)
	res.Warnings = append(res.Warnings, warnings...)
	if err != nil {
		return res, err
	}
	res.Files = files
	return res, nil
}

// target says what the generated package is and where it comes from.
type target struct {
	pkgName string
	pkgPath string // the import path, or "" outside a module
	source  string // the manifest's file name, for the "// source:" line (a path would differ between checkouts)
	pkgDoc  bool   // write a package comment: no hand-written file has one
}

// render resolves every type of a parsed manifest and emits the package
// files, sorted by name. bindings holds the loaded `types: X: {go: ...}`
// bindings by type name. It touches neither the file system nor the go
// command.
func render(m *manifest.Manifest, bindings map[string]*gotype.Binding, t target) ([]write.File, []*manifest.Error, error) {
	g := &gen{m: m, r: newResolver(m, bindings), target: t}
	g.r.resolve()
	g.pickCurrentUser()
	root := g.buildAPITree()
	if len(g.r.errs) > 0 {
		g.r.errs.Sort()
		return nil, g.r.warnings, g.r.errs
	}
	emitted := map[string]*jen.File{APIFile: g.emitAPI(root), ClientFile: g.emitClient()}
	if tf := g.emitTypes(); tf != nil {
		emitted[TypesFile] = tf
	}
	var files []write.File
	for _, name := range sortedKeys(emitted) {
		var buf bytes.Buffer
		if err := emitted[name].Render(&buf); err != nil {
			return nil, g.r.warnings, fmt.Errorf("rendering %s: %w", name, err)
		}
		// jennifer writes one sorted import block; goimports puts the
		// standard library in a group of its own, first. Do the same so
		// generated code is goimports-clean whatever the module path.
		data, err := imports.Process(name, buf.Bytes(), &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8})
		if err != nil {
			return nil, g.r.warnings, fmt.Errorf("formatting %s: %w", name, err)
		}
		files = append(files, write.File{Name: name, Data: data})
	}
	return files, g.r.warnings, nil
}

// gen holds the state of one emission.
type gen struct {
	target
	m           *manifest.Manifest
	r           *resolver
	currentUser *resolvedFunc
}

// newFile starts a generated file with the header and the real names of
// every package it may import, so jennifer never invents aliases.
func (g *gen) newFile() *jen.File {
	var f *jen.File
	if g.pkgPath != "" {
		f = jen.NewFilePathName(g.pkgPath, g.pkgName)
	} else {
		f = jen.NewFile(g.pkgName)
	}
	f.HeaderComment(strings.TrimPrefix(write.Header, "// "))
	if g.source != "" {
		f.HeaderComment("source: " + strings.Join(docLines(g.source), " "))
	}
	names := map[string]string{convexPkg: "convex", betterauthPkg: "betterauth"}
	for _, b := range g.r.bindings {
		names[b.PkgPath] = b.PkgName
	}
	f.ImportNames(names)
	return f
}

// pickCurrentUser finds the resolved function behind current_user; the
// manifest has already judged whether its shape can back CurrentUser.
func (g *gen) pickCurrentUser() {
	cu := g.m.CurrentUser
	if cu == nil {
		return
	}
	if cu.Unusable != nil {
		g.r.errs = append(g.r.errs, cu.Unusable)
		return
	}
	for _, rf := range g.r.functions {
		if rf.fn != cu.Function {
			continue
		}
		if cu.Untyped {
			g.r.warn(cu.Pos, "add `returns:` to the query (or declare it in functions.define, e.g. `returns: \"User | null\"`) to get your own type",
				"current_user: %s has no typed result, so CurrentUser returns the built-in betterauth.UserDocument (Better Auth's user fields; the others kept in Extra)", cu.Path)
			rf.builtinUser = true
		}
		g.currentUser = rf
	}
}

// bindGoTypes loads every `types: X: {go: ...}` binding in one go/packages call.
func bindGoTypes(m *manifest.Manifest) (map[string]*gotype.Binding, manifest.ErrorList) {
	var reqs []gotype.Request
	for _, nt := range m.Types {
		if nt.GoType != "" {
			reqs = append(reqs, gotype.Request{GoType: nt.GoType, Pos: nt.Pos})
		}
	}
	if len(reqs) == 0 {
		return nil, nil
	}
	loaded, errs := gotype.Load(m.Dir, reqs)
	byName := map[string]*gotype.Binding{}
	for _, nt := range m.Types {
		if b := loaded[nt.GoType]; b != nil {
			byName[nt.Name] = b
		}
	}
	return byName, errs
}

// insideModule refuses a package.dir that resolves outside the module
// holding the manifest (or, outside any module, outside the manifest's
// directory): generate writes there and deletes orphaned authgen files, so
// "../../x" must not reach another project. Checked before anything is
// written.
func insideModule(m *manifest.Manifest, dir string) error {
	root, what := m.Dir, "the manifest's directory"
	if mod, err := manifest.FindModule(m.Dir); err == nil {
		root, what = mod.Dir, "module root"
	}
	absRoot, err1 := filepath.Abs(root)
	absDir, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return nil // judged again when writing
	}
	if rel, err := filepath.Rel(absRoot, absDir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil
	}
	return manifest.ErrorList{{
		Pos:  m.Package.Pos,
		Msg:  fmt.Sprintf("package.dir %q resolves to %s, outside the %s %s", m.Package.Dir, absDir, what, absRoot),
		Hint: "generate into a directory of this module, e.g. `package: {dir: internal/convexapi}`",
	}}
}

// importPath is the import path of dir from the enclosing go.mod, or ""
// outside a module.
func importPath(dir string) string {
	mod, err := manifest.FindModule(dir)
	if err != nil {
		return ""
	}
	path, err := mod.ImportPath(dir)
	if err != nil {
		return ""
	}
	return path
}

func quote(s string) string { return strconv.Quote(s) }
