package generator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/internal/manifest"
)

// apiNode is one module level of the API tree: api.admin.users.get has
// nodes root → Admin → Users and the leaf Get.
type apiNode struct {
	typeName string
	path     string // module path this node stands for ("" for the root)
	children map[string]*apiNode
	leaves   map[string]*resolvedFunc
}

// buildAPITree arranges the functions like convex/_generated/api.
func (g *gen) buildAPITree() *apiNode {
	root := &apiNode{typeName: "apiRoot", children: map[string]*apiNode{}, leaves: map[string]*resolvedFunc{}}
	typeNames := map[string]string{"apiRoot": ""}
	for _, rf := range g.r.functions {
		segs := apiSegments(rf.fn.Path)
		node := root
		module, _, _ := strings.Cut(rf.fn.Path, ":")
		modSegs := strings.Split(module, "/")
		ok := true
		for i, seg := range segs[:len(segs)-1] {
			child := node.children[seg]
			if child == nil {
				if _, clash := node.leaves[seg]; clash {
					g.r.fail(rf.fn.Pos, "rename the module or the function", "API field %s of %s is both a module and a function", seg, rf.fn.Path)
					ok = false
					break
				}
				name := "api" + strings.Join(segs[:i+1], "")
				modPath := strings.Join(modSegs[:i+1], "/")
				if prev, taken := typeNames[name]; taken && prev != modPath {
					g.r.fail(rf.fn.Pos, "Convex paths that differ only in case or punctuation map to the same Go name", "module %s and module %s both become API.%s", modPath, prev, strings.Join(segs[:i+1], "."))
					ok = false
					break
				}
				typeNames[name] = modPath
				child = &apiNode{typeName: name, path: modPath, children: map[string]*apiNode{}, leaves: map[string]*resolvedFunc{}}
				node.children[seg] = child
			} else if child.path != strings.Join(modSegs[:i+1], "/") {
				g.r.fail(rf.fn.Pos, "Convex paths that differ only in case or punctuation map to the same Go name", "module %s and module %s both become API.%s", strings.Join(modSegs[:i+1], "/"), child.path, strings.Join(segs[:i+1], "."))
				ok = false
				break
			}
			node = child
		}
		if !ok {
			continue
		}
		leaf := segs[len(segs)-1]
		if prev := node.leaves[leaf]; prev != nil {
			g.r.fail(rf.fn.Pos, "Convex paths that differ only in case or punctuation map to the same Go name", "%s and %s both become API.%s", rf.fn.Path, prev.fn.Path, strings.Join(segs, "."))
			continue
		}
		if _, clash := node.children[leaf]; clash {
			g.r.fail(rf.fn.Pos, "rename the module or the function", "API field %s of %s is both a module and a function", leaf, rf.fn.Path)
			continue
		}
		node.leaves[leaf] = rf
	}
	return root
}

// refType is the convex reference type of a function: QueryRef[Args, Result] etc.
func refType(rf *resolvedFunc, generic string) *jen.Statement {
	return jen.Qual(convexPkg, generic).Types(rf.args.code(), rf.result.code())
}

func refNames(k manifest.Kind) (refType, constructor string) {
	switch k {
	case manifest.Mutation:
		return "MutationRef", "NewMutation"
	case manifest.Action:
		return "ActionRef", "NewAction"
	}
	return "QueryRef", "NewQuery"
}

// emitAPI renders the package-level API value and its struct types.
func (g *gen) emitAPI(root *apiNode) *jen.File {
	f := g.newFile()
	f.Comment("API names every function of the deployment with its argument and result types;")
	if goPath, tsPath, ok := root.example(); ok {
		f.Comment(fmt.Sprintf("API.%s mirrors %s in TypeScript.", goPath, tsPath))
	} else {
		f.Comment("it mirrors api in TypeScript.")
	}
	f.Var().Id("API").Op("=").Add(g.apiValue(root))
	f.Line()
	var declare func(n *apiNode)
	declare = func(n *apiNode) {
		var fields []jen.Code
		for _, name := range sortedKeys(n.children) {
			child := n.children[name]
			fields = append(fields, jen.Comment(fmt.Sprintf("%s holds the functions of module %s.", name, child.path)).Line().Id(name).Id(child.typeName))
		}
		for _, name := range sortedKeys(n.leaves) {
			rf := n.leaves[name]
			ref, _ := refNames(rf.fn.Kind)
			fields = append(fields, jen.Comment(fmt.Sprintf("%s is the %s %s.", name, rf.fn.Kind, rf.fn.Path)).Line().Id(name).Add(refType(rf, ref)))
		}
		what := "the root of the API tree"
		if n.path != "" {
			what = "module " + n.path
		}
		f.Comment(fmt.Sprintf("%s holds the functions of %s.", n.typeName, what))
		f.Type().Id(n.typeName).Struct(fields...)
		f.Line()
		for _, name := range sortedKeys(n.children) {
			declare(n.children[name])
		}
	}
	declare(root)
	return f
}

// example names one function of the tree for the API doc comment, as its
// Go selector ("Messages.List") and its TypeScript one ("api.messages.list").
func (n *apiNode) example() (goPath, tsPath string, ok bool) {
	var fields []string
	for {
		if len(n.leaves) > 0 {
			name := sortedKeys(n.leaves)[0]
			module, fn, _ := strings.Cut(n.leaves[name].fn.Path, ":")
			if fn == "" {
				fn = "default"
			}
			ts := "api." + strings.ReplaceAll(module, "/", ".") + "." + fn
			return strings.Join(append(fields, name), "."), ts, true
		}
		if len(n.children) == 0 {
			return "", "", false
		}
		name := sortedKeys(n.children)[0]
		fields, n = append(fields, name), n.children[name]
	}
}

func (g *gen) apiValue(n *apiNode) *jen.Statement {
	d := jen.Dict{}
	for name, child := range n.children {
		d[jen.Id(name)] = g.apiValue(child)
	}
	for name, rf := range n.leaves {
		_, ctor := refNames(rf.fn.Kind)
		d[jen.Id(name)] = jen.Qual(convexPkg, ctor).Types(rf.args.code(), rf.result.code()).Call(jen.Lit(rf.fn.Path))
	}
	return jen.Id(n.typeName).Values(d)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
