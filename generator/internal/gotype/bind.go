// Package gotype resolves the Go types a manifest binds with
// `types: X: {go: "import/path.Name"}`, in one go/packages load for all of them.
package gotype

import (
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/authgen/authgen/internal/manifest"
)

// Request asks for one binding.
type Request struct {
	GoType string // "import/path.Name"
	Pos    manifest.Pos
}

// Binding is a resolved Go type.
type Binding struct {
	PkgPath  string
	PkgName  string
	TypeName string
	// JSONFields holds the JSON names the type encodes, following embedded
	// structs; nil when the type is not a struct.
	JSONFields map[string]bool
	// Nillable is true when the underlying type is a pointer, slice or map.
	Nillable bool
}

// Load resolves every request with a single go/packages load run in dir
// (the manifest's directory, so its go.mod decides versions). Results are
// keyed by Request.GoType.
func Load(dir string, reqs []Request) (map[string]*Binding, manifest.ErrorList) {
	if len(reqs) == 0 {
		return nil, nil
	}
	var errs manifest.ErrorList
	fail := func(pos manifest.Pos, hint, format string, args ...any) {
		errs = append(errs, &manifest.Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	var paths []string
	seen := map[string]bool{}
	for _, r := range reqs {
		path, _ := split(r.GoType)
		if !seen[path] {
			seen[path] = true
			paths = append(paths, path)
		}
	}
	sort.Strings(paths)
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		fail(reqs[0].Pos, "is the go command on PATH?", "loading Go packages: %v", err)
		return nil, errs
	}
	byPath := map[string]*packages.Package{}
	for _, p := range pkgs {
		byPath[p.PkgPath] = p
	}
	out := map[string]*Binding{}
	for _, r := range reqs {
		path, name := split(r.GoType)
		pkg := byPath[path]
		if pkg == nil || len(pkg.Errors) > 0 || pkg.Types == nil {
			msg := "not found"
			if pkg != nil && len(pkg.Errors) > 0 {
				msg, _, _ = strings.Cut(pkg.Errors[0].Msg, "\n")
				msg = strings.TrimSuffix(msg, "; to add it:")
			}
			fail(r.Pos, loadHint(path, msg), "cannot load Go package %s: %s", path, msg)
			continue
		}
		obj := pkg.Types.Scope().Lookup(name)
		tn, isType := obj.(*types.TypeName)
		switch {
		case obj == nil:
			fail(r.Pos, "check the spelling of the type name", "package %s has no type %s", path, name)
			continue
		case !isType:
			fail(r.Pos, "name a type (declared with `type`), not a variable, constant or function", "%s.%s is not a type", path, name)
			continue
		case !tn.Exported():
			fail(r.Pos, "only exported types can be used from the generated package", "%s.%s is unexported", path, name)
			continue
		}
		under := types.Unalias(tn.Type()).Underlying()
		b := &Binding{PkgPath: path, PkgName: pkg.Name, TypeName: name}
		switch u := under.(type) {
		case *types.Struct:
			b.JSONFields = map[string]bool{}
			collectJSONFields(u, b.JSONFields, 0)
		case *types.Pointer, *types.Slice, *types.Map:
			b.Nillable = true
		}
		out[r.GoType] = b
	}
	return out, errs
}

// loadHint says how to fix an import path go/packages could not load.
func loadHint(path, msg string) string {
	first, _, _ := strings.Cut(path, "/")
	switch {
	case !strings.Contains(first, "."):
		return "write the full import path, e.g. \"github.com/acme/app/models.User\""
	case strings.Contains(msg, "no required module provides"):
		return "check the spelling of the import path; a package of another module needs `go get " + path + "` first"
	}
	return "the package must build from the manifest's module (go build " + path + ")"
}

// split cuts "import/path.Name" at the last dot.
func split(goType string) (path, name string) {
	dot := strings.LastIndexByte(goType, '.')
	return goType[:dot], goType[dot+1:]
}

// collectJSONFields adds the JSON names encoding/json (and the convex codec,
// which mirrors it) would use for s's fields.
func collectJSONFields(s *types.Struct, into map[string]bool, depth int) {
	if depth > 8 {
		return
	}
	for i := range s.NumFields() {
		f := s.Field(i)
		tag := reflect.StructTag(s.Tag(i)).Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" && tag == "-" {
			continue
		}
		if f.Embedded() && name == "" {
			t := types.Unalias(f.Type())
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if inner, ok := t.Underlying().(*types.Struct); ok {
				collectJSONFields(inner, into, depth+1)
				continue
			}
		}
		if !f.Exported() {
			continue
		}
		if name == "" {
			name = f.Name()
		}
		into[name] = true
	}
}
