// Package synth builds deterministic synthetic Convex deployments for the
// generation benchmark: the same N functions rendered as `npx convex
// function-spec` JSON for authgen and as an OpenAPI 3 document for
// oapi-codegen, so both generators get equivalent work.
package synth

import "fmt"

// Kind is a Convex function type as function-spec spells it.
type Kind string

// The function types a synthetic deployment uses.
const (
	Query    Kind = "Query"
	Mutation Kind = "Mutation"
	Action   Kind = "Action"
)

// TypeKind names a validator.
type TypeKind string

// The validators a synthetic function uses; together they cover every
// mapping rule of DESIGN.md's type table that OpenAPI can also express.
const (
	String  TypeKind = "string"
	Number  TypeKind = "number"
	Int64   TypeKind = "bigint"
	Boolean TypeKind = "boolean"
	Null    TypeKind = "null"
	ID      TypeKind = "id"
	Array   TypeKind = "array"
	Object  TypeKind = "object"
	Union   TypeKind = "union"
	Literal TypeKind = "literal"
)

// Type is a validator.
type Type struct {
	Kind    TypeKind
	Table   string  // ID
	Elem    *Type   // Array
	Fields  []Field // Object, in declaration order
	Options []*Type // Union
	Value   string  // Literal (string literals only)
}

// Field is one property of an object validator.
type Field struct {
	Name     string
	Type     *Type
	Optional bool
}

// Function is one public Convex function.
type Function struct {
	Module  string // e.g. "mod007"
	Name    string // e.g. "fn012"
	Kind    Kind
	Args    *Type // always an Object
	Returns *Type
}

// FunctionsPerModule is how many functions share one module file, so that
// large deployments look like real ones (many modules, tens of exports each).
const FunctionsPerModule = 25

// Functions returns n deterministic functions. Their shapes rotate through
// a handful of templates so every validator kind appears at every size.
func Functions(n int) []Function {
	fns := make([]Function, n)
	for i := range fns {
		fns[i] = Function{
			Module:  fmt.Sprintf("mod%03d", i/FunctionsPerModule),
			Name:    fmt.Sprintf("fn%03d", i%FunctionsPerModule),
			Kind:    []Kind{Query, Query, Mutation, Action}[i%4],
			Args:    argsFor(i),
			Returns: returnsFor(i),
		}
	}
	return fns
}

func prim(k TypeKind) *Type         { return &Type{Kind: k} }
func id(table string) *Type         { return &Type{Kind: ID, Table: table} }
func arrayOf(t *Type) *Type         { return &Type{Kind: Array, Elem: t} }
func object(fs ...Field) *Type      { return &Type{Kind: Object, Fields: fs} }
func nullable(t *Type) *Type        { return &Type{Kind: Union, Options: []*Type{t, prim(Null)}} }
func field(n string, t *Type) Field { return Field{Name: n, Type: t} }
func optional(n string, t *Type) Field {
	return Field{Name: n, Type: t, Optional: true}
}

// literals is a union of string literals (an enum in OpenAPI).
func literals(vals ...string) *Type {
	u := &Type{Kind: Union}
	for _, v := range vals {
		u.Options = append(u.Options, &Type{Kind: Literal, Value: v})
	}
	return u
}

func table(i int) string { return fmt.Sprintf("table%02d", i%40) }

func argsFor(i int) *Type {
	fs := []Field{
		field("id", id(table(i))),
		field("name", prim(String)),
		optional("limit", prim(Number)),
	}
	switch i % 3 {
	case 0:
		fs = append(fs, field("count", prim(Int64)), field("tags", arrayOf(prim(String))))
	case 1:
		fs = append(fs, field("enabled", prim(Boolean)), field("status", literals("active", "archived", "deleted")))
	case 2:
		fs = append(fs, field("filter", object(field("field", prim(String)), optional("min", prim(Number)), optional("max", prim(Number)))))
	}
	return object(fs...)
}

// document is the stored-row shape most queries return.
func document(i int) *Type {
	return object(
		field("_id", id(table(i))),
		field("_creationTime", prim(Number)),
		field("title", prim(String)),
		field("score", nullable(prim(Number))),
		field("version", prim(Int64)),
		field("items", arrayOf(object(field("key", prim(String)), field("value", prim(Number))))),
		optional("note", prim(String)),
	)
}

func returnsFor(i int) *Type {
	switch i % 4 {
	case 0:
		return arrayOf(document(i))
	case 1:
		return document(i)
	case 2:
		return id(table(i))
	default:
		return object(field("ok", prim(Boolean)), optional("message", prim(String)))
	}
}
