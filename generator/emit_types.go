package generator

import (
	"sort"

	"github.com/dave/jennifer/jen"
)

// emitTypes renders the ID types (sorted by table) followed by every other
// declared type in declaration order. It returns nil when there is nothing
// to declare, so the file is not written.
func (g *gen) emitTypes() *jen.File {
	ids := make([]*decl, 0, len(g.r.ids))
	for _, d := range g.r.ids {
		ids = append(ids, d)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].name < ids[j].name })
	decls := append(ids, g.r.decls...)
	if len(decls) == 0 {
		return nil
	}
	f := g.newFile()
	for _, d := range decls {
		f.Comment(d.doc)
		switch {
		case d.table != "":
			f.Type().Id(d.name).String()
		case d.isStruct:
			fields := make([]jen.Code, len(d.fields))
			for i, fd := range d.fields {
				fields[i] = fieldCode(fd)
			}
			f.Type().Id(d.name).Struct(fields...)
		case d.enum != nil:
			f.Type().Id(d.name).String()
			f.Line()
			consts := make([]jen.Code, len(d.enum))
			for i, c := range d.enum {
				consts[i] = jen.Comment(c.name + " is the literal " + quote(c.value) + ".").Line().
					Id(c.name).Id(d.name).Op("=").Lit(c.value)
			}
			f.Comment("The values of " + d.name + ".")
			f.Const().Defs(consts...)
		default:
			f.Type().Id(d.name).Add(d.under.code())
		}
		f.Line()
	}
	return f
}

// fieldCode renders a struct field. An optional field is tagged omitzero,
// so nil leaves it out of the arguments (absent is not null) while an empty
// but non-nil slice or map is still sent, as [] or {}; omitempty would drop
// those too.
func fieldCode(fd *fieldDecl) jen.Code {
	if !fd.optional {
		return jen.Id(fd.goName).Add(fd.typ.code()).Tag(map[string]string{"json": fd.jsonName})
	}
	doc := "optional: nil leaves it out"
	switch {
	case fd.typ.kind == goSlice && fd.typ.elem.name == "byte":
		doc += "; empty non-nil bytes are sent"
	case fd.typ.kind == goSlice:
		doc += "; an empty slice is sent as []"
	case fd.typ.kind == goMap:
		doc += "; an empty map is sent as {}"
	case fd.typ.nillableNamed:
		doc += "; an empty non-nil value is sent"
	}
	return jen.Id(fd.goName).Add(fd.typ.code()).Tag(map[string]string{"json": fd.jsonName + ",omitzero"}).Comment(doc)
}
