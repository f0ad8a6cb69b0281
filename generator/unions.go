package generator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/authgen/authgen/internal/manifest"
)

// flatten lists the members of a union with nested unions expanded
// (v.union(role, v.literal("admin"), v.null()) where role is itself a union)
// and structural duplicates dropped, keeping the first of each.
func flatten(t *manifest.Type) []*manifest.Type {
	var out []*manifest.Type
	seen := map[string]bool{}
	var walk func(t *manifest.Type)
	walk = func(t *manifest.Type) {
		if t.Kind == manifest.Union {
			for _, v := range t.Variants {
				walk(v)
			}
			return
		}
		if key := canonical(t); !seen[key] {
			seen[key] = true
			out = append(out, t)
		}
	}
	walk(t)
	return out
}

// unionType maps a union. Its members, nested unions flattened, decide:
// null makes the rest nillable (a pointer unless already nillable); any
// makes it a convex.Value; one member is that member's type; literals of
// one kind (string, number, boolean, bigint) are a named type with
// constants; objects that share a literal-valued field with a distinct value
// in each are a sealed interface; anything else is a holder struct with one
// pointer per member. Named unions are shared by structure like structs.
func (r *resolver) unionType(t *manifest.Type, ctx string) *goType {
	members := flatten(t)
	var rest []*manifest.Type
	for _, v := range members {
		switch v.Kind {
		case manifest.Null:
			continue
		case manifest.Any:
			return r.goTypeOf(v, ctx)
		}
		rest = append(rest, v)
	}
	nullable := len(rest) < len(members)
	rest = absorbLiterals(rest)
	var g *goType
	switch {
	case len(rest) == 0:
		return goValue
	case len(rest) == 1:
		g = r.goTypeOf(rest[0], ctx)
	default:
		whole := &manifest.Type{Kind: manifest.Union, Variants: rest, Pos: t.Pos}
		key := canonical(whole)
		if name, ok := r.canon[key]; ok {
			g = r.refType(name)
		} else if shared, ok := r.shared[key]; ok {
			g = shared
		} else {
			switch {
			case literalKind(rest) != "":
				g = &goType{kind: goLocal, name: r.declareEnum(ctx, whole, false)}
			case discriminant(rest) != "":
				g = &goType{kind: goLocal, name: r.declareSealed(ctx, whole, discriminant(rest)), nillableNamed: true}
			default:
				g = &goType{kind: goLocal, name: r.declareHolder(ctx, whole)}
			}
			r.shared[key] = g
		}
	}
	if nullable && !g.nillable() && !g.isValue() {
		return pointerTo(g)
	}
	return g
}

// absorbLiterals drops literals whose base type is also a member:
// "auto" | string is just string.
func absorbLiterals(members []*manifest.Type) []*manifest.Type {
	base := map[manifest.TypeKind]bool{}
	for _, m := range members {
		base[m.Kind] = true
	}
	var out []*manifest.Type
	for _, m := range members {
		if m.Kind == manifest.Literal && base[literalBase(m)] {
			continue
		}
		out = append(out, m)
	}
	// true | false is every boolean.
	if len(out) == 2 && literalKind(out) == "bool" {
		return []*manifest.Type{{Kind: manifest.Boolean, Pos: out[0].Pos}}
	}
	return out
}

// literalBase is the validator kind a literal's value belongs to.
func literalBase(t *manifest.Type) manifest.TypeKind {
	switch t.Value.(type) {
	case string:
		return manifest.String
	case float64:
		return manifest.Number
	case bool:
		return manifest.Boolean
	}
	return manifest.Int64
}

// literalKind returns the Go type name ("string", "float64", "bool",
// "int64") when every member is a literal of that one kind, else "".
func literalKind(members []*manifest.Type) string {
	kind := ""
	for _, m := range members {
		if m.Kind != manifest.Literal {
			return ""
		}
		k := fmt.Sprintf("%T", m.Value)
		if kind != "" && k != kind {
			return ""
		}
		kind = k
	}
	return kind
}

// discriminant returns the field that tells the object members apart: the
// first (by name) that every member has, required, as a literal, with a
// different value in each. It returns "" when the members are not all
// objects or no field qualifies.
func discriminant(members []*manifest.Type) string {
	var candidates []string
	for i, m := range members {
		if m.Kind != manifest.Object {
			return ""
		}
		var names []string
		for _, f := range m.Fields {
			if !f.Optional && f.Type.Kind == manifest.Literal {
				names = append(names, f.Name)
			}
		}
		if i == 0 {
			candidates = names
			continue
		}
		candidates = intersect(candidates, names)
	}
	sort.Strings(candidates)
	for _, name := range candidates {
		seen := map[string]bool{}
		distinct := true
		for _, m := range members {
			key := canonical(fieldType(m, name))
			distinct = distinct && !seen[key]
			seen[key] = true
		}
		if distinct {
			return name
		}
	}
	return ""
}

func intersect(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if in[s] {
			out = append(out, s)
		}
	}
	return out
}

func fieldType(obj *manifest.Type, name string) *manifest.Type {
	for _, f := range obj.Fields {
		if f.Name == name {
			return f.Type
		}
	}
	return nil
}

// declareEnum declares a named type over the literals' kind with one
// constant per literal: <Type><Value> ("active" → StatusActive, 3 →
// Interval3, -1.5 → OffsetMinus1_5, true → FlagTrue), numbered when the
// value spells no usable name.
func (r *resolver) declareEnum(name string, t *manifest.Type, fromTypes bool) string {
	values := flatten(t)
	if !fromTypes {
		name = r.derive(name, "the literal type for "+describePos(t), t.Pos)
	}
	shown := make([]string, len(values))
	for i, v := range values {
		shown[i] = v.String()
	}
	d := &decl{name: name, pos: t.Pos, doc: fmt.Sprintf("%s is one of %s.", name, strings.Join(shown, ", "))}
	switch values[0].Value.(type) {
	case string:
		d.enumBase = goString
	case float64:
		d.enumBase = goFloat64
	case bool:
		d.enumBase = goBool
	default:
		d.enumBase = goInt64
	}
	r.decls = append(r.decls, d)
	for i, v := range values {
		word := literalWord(v.Value)
		constName := name + word
		if word == "" || !usableGoName(constName) {
			constName = fmt.Sprintf("%sValue%d", name, i+1)
		}
		constName = r.derive(constName, fmt.Sprintf("the constant for %s of %s", v, name), t.Pos)
		d.enum = append(d.enum, enumConst{name: constName, value: v.Value})
	}
	return name
}

// literalWord spells a literal value as part of a Go name.
func literalWord(v any) string {
	switch x := v.(type) {
	case string:
		return pascal(x)
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return numberWord(strconv.FormatInt(x, 10))
	case float64:
		return numberWord(strconv.FormatFloat(x, 'f', -1, 64))
	}
	return ""
}

func numberWord(s string) string {
	s = strings.ReplaceAll(s, ".", "_")
	if strings.HasPrefix(s, "-") {
		return "Minus" + s[1:]
	}
	return s
}

// declareSealed declares a discriminated union: an interface with an
// unexported marker method, one struct per member named <Union><Value>
// (without the discriminant field, which the type implies), and the
// convex.RegisterUnion call that lets the codec write and read the field.
func (r *resolver) declareSealed(name string, t *manifest.Type, field string) string {
	name = r.derive(name, "the union interface for "+describePos(t), t.Pos)
	s := &sealedDecl{field: field, marker: "is" + name}
	members := t.Variants
	var tags []string
	for _, m := range members {
		tags = append(tags, fieldType(m, field).String())
	}
	d := &decl{name: name, pos: t.Pos, sealed: s,
		doc: fmt.Sprintf("%s is one of %d objects told apart by %q (%s); the convex codec picks the struct by it.", name, len(members), field, strings.Join(tags, ", "))}
	r.decls = append(r.decls, d)
	for _, m := range members {
		tag := fieldType(m, field).Value
		rest := &manifest.Type{Kind: manifest.Object, Pos: m.Pos}
		for _, f := range m.Fields {
			if f.Name != field {
				rest.Fields = append(rest.Fields, f)
			}
		}
		word := literalWord(tag)
		if word == "" {
			word = "Variant"
		}
		doc := fmt.Sprintf("%s%s is the %s whose %q is %s.", name, word, name, field, fieldType(m, field))
		vname := r.declareStructDecl(name+word, doc, rest, func(vd *decl) { vd.marker = s.marker })
		s.variants = append(s.variants, sealedVariant{tag: tag, name: vname})
	}
	return name
}

// declareHolder declares a union without a discriminant as a struct
// embedding convex.OneOf with one pointer field per member, named after
// the member's Go type; a member object is <Holder>Object (Object2, ...)
// and the literals of one kind are <Holder>Literal.
func (r *resolver) declareHolder(name string, t *manifest.Type) string {
	name = r.derive(name, "the union holder for "+describePos(t), t.Pos)
	d := &decl{name: name, pos: t.Pos, holder: true, isStruct: true,
		doc: fmt.Sprintf("%s holds one of %s: set exactly one field. Decoding sets the first field whose type fits the value.", name, t)}
	r.decls = append(r.decls, d)
	taken := map[string]bool{}
	for i, m := range groupLiterals(t.Variants) {
		member := fmt.Sprintf("%sVariant%d", name, i+1)
		switch m.Kind {
		case manifest.Object:
			member = name + "Object"
		case manifest.Union:
			member = name + "Literal"
		}
		typ := r.goTypeOf(m, member)
		field := holderFieldName(typ, name)
		for n := 2; taken[field]; n++ {
			field = holderFieldName(typ, name) + strconv.Itoa(n)
		}
		taken[field] = true
		d.fields = append(d.fields, &fieldDecl{goName: field, typ: pointerTo(typ)})
	}
	return name
}

// groupLiterals replaces the literals of each kind among a holder's members
// by one union of them, so "a" | "b" | number holds a literal type and a
// number rather than two strings.
func groupLiterals(members []*manifest.Type) []*manifest.Type {
	byKind := map[manifest.TypeKind]*manifest.Type{}
	var out []*manifest.Type
	for _, m := range members {
		if m.Kind != manifest.Literal {
			out = append(out, m)
			continue
		}
		k := literalBase(m)
		if g := byKind[k]; g != nil {
			g.Variants = append(g.Variants, m)
			continue
		}
		g := &manifest.Type{Kind: manifest.Union, Variants: []*manifest.Type{m}, Pos: m.Pos}
		byKind[k] = g
		out = append(out, g)
	}
	return out
}

// holderFieldName names a holder's field after its type: String, Number,
// Boolean, Int64,
// Bytes, Strings ([]string), the type's own name for named types (less the
// holder's name in front), Array and Record otherwise.
func holderFieldName(t *goType, holder string) string {
	switch t.kind {
	case goBuiltin:
		return map[string]string{"string": "String", "float64": "Number", "bool": "Boolean", "int64": "Int64"}[t.name]
	case goLocal, goQual:
		if rest := strings.TrimPrefix(t.name, holder); rest != t.name && usableGoName(rest) {
			return rest
		}
		return t.name
	case goSlice:
		if t.elem.kind == goBuiltin && t.elem.name == "byte" {
			return "Bytes"
		}
		if t.elem.kind == goBuiltin || t.elem.kind == goLocal {
			return holderFieldName(t.elem, holder) + "s"
		}
		return "Array"
	case goMap:
		return "Record"
	}
	return "Value"
}
