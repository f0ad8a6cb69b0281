// Package manifest reads authgen.yaml (through yaml.v3 nodes, so every
// problem carries file:line:col) and the JSON printed by
// `npx convex function-spec` into one model the generator emits from.
package manifest

// Manifest is a parsed and validated authgen.yaml with its function-spec merged in.
type Manifest struct {
	// Path is the manifest file as the user named it; errors are reported against it.
	Path string
	// Dir is the directory holding the manifest; relative paths resolve against it.
	Dir         string
	Version     int
	Package     Package
	Auth        Auth
	CurrentUser *CurrentUser
	Functions   []*Function // sorted by Path
	Types       []*NamedType
	Routes      []Route
	// Skipped lists spec entries left out (internal, HTTP actions, excluded), for `generate -v`.
	Skipped []string

	named map[string]*NamedType // Types by name, built by Named
}

// Package says where the generated package lives.
type Package struct {
	Dir  string // relative to the manifest directory
	Name string // empty: taken from the directory
	Pos  Pos
}

// Auth is the Better Auth deployment configuration baked into NewFromEnv.
type Auth struct {
	ConvexURLEnv string
	SiteURLEnv   string
	BasePath     string
	CookiePrefix string
	// JWKSEnv names the variable holding a static JWKS; empty means fetch it remotely.
	JWKSEnv    string
	SignInPath string
}

// CurrentUser is the query named by current_user, behind the generated
// Client.CurrentUser.
type CurrentUser struct {
	Path string // canonical
	Pos  Pos
	// Function is the query; a parsed manifest always has it.
	Function *Function
	// Untyped is set when the query has no typed result (no validator, any
	// or null): Client.CurrentUser then returns Better Auth's user document.
	Untyped bool
	// Unusable says why the query cannot back Client.CurrentUser (it takes
	// arguments, or does not return an object or object | null); nil when it can.
	Unusable *Error
}

// Kind is the type of a Convex function.
type Kind string

// The function kinds Convex exposes over HTTP.
const (
	Query    Kind = "query"
	Mutation Kind = "mutation"
	Action   Kind = "action"
)

// Function is one public Convex function the generated package calls.
type Function struct {
	Path   string // canonical "dir/module:export"
	Kind   Kind
	GoName string // explicit `name:` override, else empty
	// Args is an object type, or an Any type when the function has no args validator.
	Args    *Type
	Returns *Type
	// Untyped records that the spec had no validator for args or returns.
	UntypedArgs, UntypedReturns bool
	// SpecReturns is the spec's validator when a define entry overrode it, used to
	// check that a bound Go type has every field the validator requires.
	SpecReturns *Type
	// Doc is the YAML comment on the functions.define entry, without the #s.
	Doc string
	Pos Pos
}

// NamedType is an entry of the manifest's `types:` section.
type NamedType struct {
	Name string
	// Type is the type expression or object; nil when the entry binds a Go type.
	Type *Type
	// GoType is "import/path.Name" for a binding.
	GoType string
	// Doc is the YAML comment on the entry, without the #s.
	Doc string
	Pos Pos
}

// TypeKind says which Convex validator a Type stands for.
type TypeKind int

// The validator kinds of convex/values, plus Ref for names from `types:`.
const (
	String TypeKind = iota + 1
	Number
	Int64
	Boolean
	Bytes
	Null
	Any
	ID
	Array
	Record
	Object
	Literal
	Union
	Ref
	// FunctionRef is v.function() (convex ≥ 1.49): a reference to a Convex
	// function, sent over the wire as its handle string.
	FunctionRef
)

// Type is a Convex validator.
type Type struct {
	Kind     TypeKind
	Table    string  // ID
	Elem     *Type   // Array element, Record value
	Key      *Type   // Record key
	Fields   []Field // Object, in spec order
	Value    any     // Literal: string, float64, bool or int64
	Variants []*Type // Union
	Name     string  // Ref
	// Unknown is the validator type of an Any that stands for a validator
	// this version does not know (a newer Convex release's), so the
	// generator can warn instead of failing.
	Unknown string
	Pos     Pos
}

// Field is one property of an object validator.
type Field struct {
	Name     string
	Type     *Type
	Optional bool
	// Doc is the YAML comment on the field, without the #s.
	Doc string
	Pos Pos
}

// Route protects a path prefix of the user's server.
type Route struct {
	Prefix string
	// Status401 is true for `unauthenticated: "401"`, false for redirect.
	Status401 bool
	// Roles and Rule are `require: {role: ..., rule: ...}`: a signed-in
	// user needs one of Roles (the JWT's role claim) and Rule, a predicate
	// registered in Go with betterauth.WithRule, or gets 403.
	Roles []string
	Rule  string
	Pos   Pos
}
