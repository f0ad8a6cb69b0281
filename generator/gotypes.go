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
)

func pointerTo(t *goType) *goType { return &goType{kind: goPointer, elem: t} }

// nillable reports whether nil already means "no value" for t, so that
// T | null and optional fields need no extra pointer.
func (t *goType) nillable() bool {
	return t.kind == goSlice || t.kind == goMap || t.kind == goPointer || t.nillableNamed
}

func (t *goType) isValue() bool { return t.kind == goQual && t.path == convexPkg && t.name == "Value" }

// code renders t for jennifer.
func (t *goType) code() *jen.Statement {
	switch t.kind {
	case goBuiltin, goLocal:
		return jen.Id(t.name)
	case goQual:
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
