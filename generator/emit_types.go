package generator

import (
	"fmt"
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
	var unions []*decl
	for _, d := range decls {
		comment(f, d.doc)
		switch {
		case d.table != "":
			f.Type().Id(d.name).String()
		case d.holder:
			fields := []jen.Code{jen.Qual(convexPkg, "OneOf")}
			for _, fd := range d.fields {
				fields = append(fields, jen.Id(fd.goName).Add(fd.typ.code()))
			}
			f.Type().Id(d.name).Struct(fields...)
		case d.isStruct:
			fields := make([]jen.Code, len(d.fields))
			for i, fd := range d.fields {
				fields[i] = fieldCode(fd)
			}
			f.Type().Id(d.name).Struct(fields...)
			if d.marker != "" {
				f.Line()
				f.Func().Params(jen.Id(d.name)).Id(d.marker).Params().Block()
			}
		case d.sealed != nil:
			f.Type().Id(d.name).Interface(jen.Id(d.sealed.marker).Params())
			unions = append(unions, d)
		case d.enum != nil:
			f.Type().Id(d.name).Add(d.enumBase.code())
			f.Line()
			consts := make([]jen.Code, len(d.enum))
			for i, c := range d.enum {
				consts[i] = jen.Comment(c.name + " is the literal " + literalText(c.value) + ".").Line().
					Id(c.name).Id(d.name).Op("=").Lit(c.value)
			}
			f.Comment("The values of " + d.name + ".")
			f.Const().Defs(consts...)
		default:
			f.Type().Id(d.name).Add(d.under.code())
		}
		f.Line()
	}
	if len(unions) > 0 {
		f.Comment("init tells the convex codec which field and value select each variant of the unions above.")
		f.Func().Id("init").Params().BlockFunc(func(b *jen.Group) {
			for _, d := range unions {
				variants := jen.Dict{}
				for _, v := range d.sealed.variants {
					variants[jen.Lit(v.tag)] = jen.Id(v.name).Values()
				}
				b.Qual(convexPkg, "RegisterUnion").Types(jen.Id(d.name)).Call(jen.Lit(d.sealed.field), jen.Map(jen.Any()).Id(d.name).Values(variants))
			}
		})
	}
	return f
}

// literalText writes a constant's literal as the validator does.
func literalText(v any) string {
	if s, ok := v.(string); ok {
		return quote(s)
	}
	return fmt.Sprint(v)
}

// fieldCode renders a struct field. An optional field is tagged omitzero,
// so nil leaves it out of the arguments (absent is not null) while an empty
// but non-nil slice or map is still sent, as [] or {}; omitempty would drop
// those too.
func fieldCode(fd *fieldDecl) jen.Code {
	if !fd.optional {
		return commented(fd.doc, jen.Id(fd.goName).Add(fd.typ.code()).Tag(map[string]string{"json": fd.jsonName}))
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
	return commented(fd.doc, jen.Id(fd.goName).Add(fd.typ.code()).Tag(map[string]string{"json": fd.jsonName + ",omitzero"}).Comment(doc))
}
