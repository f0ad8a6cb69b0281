package generator

import (
	"sort"
	"strings"

	"github.com/authgen/authgen/internal/manifest"
)

// checkBindings compares each define entry that replaced a spec validator
// with a bound Go type against that validator: the Go type must carry a
// JSON field for every required field the validator lists.
func (r *resolver) checkBindings() {
	for _, f := range r.m.Functions {
		if f.SpecReturns != nil {
			r.compareWithSpec(f, f.Returns, f.SpecReturns)
		}
	}
}

func (r *resolver) compareWithSpec(f *manifest.Function, def, spec *manifest.Type) {
	def, spec = def.NonNull(), spec.NonNull()
	switch def.Kind {
	case manifest.Ref:
		nt := r.m.Named(def.Name)
		b := r.bindings[def.Name]
		if nt == nil || nt.GoType == "" || b == nil || spec.Kind != manifest.Object {
			return
		}
		if b.JSONFields == nil {
			r.fail(def.Pos, "bind a struct type", "Go type %s is not a struct, but %s returns an object", nt.GoType, f.Path)
			return
		}
		var missing []string
		for _, field := range spec.Fields {
			if !field.Optional && !hasJSONField(b.JSONFields, field.Name) {
				missing = append(missing, field.Name)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			r.fail(def.Pos, "add the fields with matching `json:\"...\"` tags to the Go type",
				"Go type %s lacks JSON field(s) %s required by the returns validator of %s", nt.GoType, strings.Join(missing, ", "), f.Path)
		}
	case manifest.Array:
		if spec.Kind == manifest.Array {
			r.compareWithSpec(f, def.Elem, spec.Elem)
		}
	case manifest.Record:
		if spec.Kind == manifest.Record {
			r.compareWithSpec(f, def.Elem, spec.Elem)
		}
	case manifest.Object:
		if spec.Kind != manifest.Object {
			return
		}
		for _, df := range def.Fields {
			for _, sf := range spec.Fields {
				if sf.Name == df.Name {
					r.compareWithSpec(f, df.Type, sf.Type)
				}
			}
		}
	}
}

// hasJSONField matches the way encoding/json decodes: exact name first, then case-insensitively.
func hasJSONField(fields map[string]bool, name string) bool {
	if fields[name] {
		return true
	}
	for f := range fields {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	return false
}
