package generator

import "github.com/authgen/authgen/internal/manifest"

// decl is one named type the generated package declares.
type decl struct {
	name string
	doc  string
	pos  manifest.Pos
	// Exactly one of the following describes the type.
	fields   []*fieldDecl // a struct, when isStruct
	isStruct bool
	enum     []enumConst // a literal type with constants, over enumBase
	enumBase *goType     // string, float64, bool or int64
	under    *goType     // a defined type over another type
	table    string      // an ID type: a string naming a document of table
	// sealed is set on the interface of a discriminated union; its
	// variants are structs declared right after it, each with marker set.
	sealed *sealedDecl
	marker string // a variant struct: the interface's marker method
	// holder marks a struct embedding convex.OneOf whose fields are the
	// variants of a union with no discriminant, one pointer each.
	holder bool
}

// sealedDecl is a discriminated union: field tells the variants apart.
type sealedDecl struct {
	field    string
	marker   string
	variants []sealedVariant
}

// sealedVariant is one variant struct and the discriminant value it stands for.
type sealedVariant struct {
	tag  any // string, float64, bool or int64
	name string
}

// fieldDecl is one struct field.
type fieldDecl struct {
	goName   string
	jsonName string
	typ      *goType
	optional bool
	doc      string // from the manifest
}

// enumConst is one constant of a literal union.
type enumConst struct {
	name  string
	value any // string, float64, bool or int64
}

// owner records who claimed a Go identifier, for collision messages.
type owner struct {
	what string
	pos  manifest.Pos
}

// describe names the owner and, when it came from an input file, where.
func (o owner) describe() string {
	if o.pos.File == "" {
		return o.what
	}
	return o.what + " (" + o.pos.String() + ")"
}

// namespace is one Go scope (package-level identifiers, or the methods of Client).
type namespace struct {
	scope  string
	owners map[string]owner
}

func newNamespace(scope string) *namespace {
	return &namespace{scope: scope, owners: map[string]owner{}}
}

// claim records name for what, or returns the owner it collides with.
func (ns *namespace) claim(name, what string, pos manifest.Pos) (owner, bool) {
	if prev, taken := ns.owners[name]; taken {
		return prev, false
	}
	ns.owners[name] = owner{what: what, pos: pos}
	return owner{}, true
}
