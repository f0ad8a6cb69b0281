package generator

import "github.com/dave/jennifer/jen"

// Import paths of the runtime packages generated code depends on.
const (
	convexPkg     = "github.com/authgen/authgen/convex"
	betterauthPkg = "github.com/authgen/authgen/betterauth"
)

// goTypeKind says how a goType is spelled.
type goTypeKind int

const (
	goBuiltin     goTypeKind = iota + 1 // string, float64, ...
	goLocal                             // a type declared in the generated package
	goQual                              // a type from another package (bound types, convex.Value)
	goSlice                             // []elem
	goMap                               // map[key]elem
	goPointer                           // *elem
	goEmptyStruct                       // struct{}
)

// goType is a Go type expression the generator emits.
type goType struct {
	kind goTypeKind
	name string // builtin, local or qualified name
	path string // import path for goQual
	elem *goType
	key  *goType
	// typeArgs instantiates a generic goQual type (convex.Page[T]).
	typeArgs []*goType
	// nillableNamed marks a local named type whose underlying type is a slice or map.
	nillableNamed bool
}

var (
	goString  = &goType{kind: goBuiltin, name: "string"}
	goFloat64 = &goType{kind: goBuiltin, name: "float64"}
	goInt64   = &goType{kind: goBuiltin, name: "int64"}
	goBool    = &goType{kind: goBuiltin, name: "bool"}
	goBytes   = &goType{kind: goSlice, elem: &goType{kind: goBuiltin, name: "byte"}}
	goValue   = &goType{kind: goQual, path: convexPkg, name: "Value"}
	goNothing = &goType{kind: goEmptyStruct}

	goFunctionHandle = &goType{kind: goQual, path: convexPkg, name: "FunctionHandle"}
	goPaginationOpts = &goType{kind: goQual, path: convexPkg, name: "PaginationOpts"}
	goBetterAuthUser = &goType{kind: goQual, path: betterauthPkg, name: "UserDocument"}
)

func pointerTo(t *goType) *goType { return &goType{kind: goPointer, elem: t} }

// nillable reports whether nil already means "no value" for t, so that
// T | null and optional fields need no extra pointer.
func (t *goType) nillable() bool {
	return t.kind == goSlice || t.kind == goMap || t.kind == goPointer || t.nillableNamed
}

// pageOf returns convex.Page[elem].
func pageOf(elem *goType) *goType {
	return &goType{kind: goQual, path: convexPkg, name: "Page", typeArgs: []*goType{elem}}
}

// isPage reports whether t is convex.Page[T].
func (t *goType) isPage() bool { return t.kind == goQual && t.path == convexPkg && t.name == "Page" }

func (t *goType) isValue() bool { return t.kind == goQual && t.path == convexPkg && t.name == "Value" }

// code renders t for jennifer.
func (t *goType) code() *jen.Statement {
	switch t.kind {
	case goBuiltin, goLocal:
		return jen.Id(t.name)
	case goQual:
		if len(t.typeArgs) > 0 {
			args := make([]jen.Code, len(t.typeArgs))
			for i, a := range t.typeArgs {
				args[i] = a.code()
			}
			return jen.Qual(t.path, t.name).Types(args...)
		}
		return jen.Qual(t.path, t.name)
	case goSlice:
		return jen.Index().Add(t.elem.code())
	case goMap:
		return jen.Map(t.key.code()).Add(t.elem.code())
	case goPointer:
		return jen.Op("*").Add(t.elem.code())
	default:
		return jen.Struct()
	}
}
