package doctor

import (
	"fmt"
	"strings"

	"github.com/authgen/authgen/generator/manifest"
)

// maxRefDepth bounds how many named types nullable follows, so a cycle in
// `types:` cannot loop.
const maxRefDepth = 16

// nullable reports whether a value of type t may be null: t is null, a
// union with a nullable member, or a name from `types:` standing for one.
func nullable(t *manifest.Type, types []*manifest.NamedType) bool {
	return nullableAt(t, types, 0)
}

func nullableAt(t *manifest.Type, types []*manifest.NamedType, depth int) bool {
	if t == nil || depth > maxRefDepth {
		return false
	}
	switch t.Kind {
	case manifest.Null:
		return true
	case manifest.Union:
		for _, v := range t.Variants {
			if nullableAt(v, types, depth+1) {
				return true
			}
		}
	case manifest.Ref:
		for _, nt := range types {
			if nt.Name == t.Name {
				// A Go type binding (nt.Type == nil) is a struct the
				// generated code decodes into: never null.
				return nullableAt(nt.Type, types, depth+1)
			}
		}
	}
	return false
}

// maxFieldsShown keeps a spec-imported object type to a readable length.
const maxFieldsShown = 4

// typeString renders t in the manifest's type-expression notation, e.g.
// `User | null`, `{_id: id<users>, name: string}` or `Message[]`.
func typeString(t *manifest.Type) string {
	if t == nil {
		return "?"
	}
	switch t.Kind {
	case manifest.String:
		return "string"
	case manifest.Number:
		return "number"
	case manifest.Int64:
		return "int64"
	case manifest.Boolean:
		return "boolean"
	case manifest.Bytes:
		return "bytes"
	case manifest.Null:
		return "null"
	case manifest.Any:
		return "any"
	case manifest.ID:
		return "id<" + t.Table + ">"
	case manifest.Ref:
		return t.Name
	case manifest.Array:
		if t.Elem != nil && t.Elem.Kind == manifest.Union {
			return "(" + typeString(t.Elem) + ")[]"
		}
		return typeString(t.Elem) + "[]"
	case manifest.Record:
		return "record<" + typeString(t.Key) + ", " + typeString(t.Elem) + ">"
	case manifest.Literal:
		if s, ok := t.Value.(string); ok {
			return fmt.Sprintf("%q", s)
		}
		return fmt.Sprint(t.Value)
	case manifest.Union:
		parts := make([]string, len(t.Variants))
		for i, v := range t.Variants {
			parts[i] = typeString(v)
		}
		return strings.Join(parts, " | ")
	case manifest.Object:
		parts := make([]string, 0, maxFieldsShown+1)
		for i, f := range t.Fields {
			if i == maxFieldsShown {
				parts = append(parts, "…")
				break
			}
			opt := ""
			if f.Optional {
				opt = "?"
			}
			parts = append(parts, f.Name+opt+": "+typeString(f.Type))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("<kind %d>", t.Kind)
}
