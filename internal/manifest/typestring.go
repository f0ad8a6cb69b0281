package manifest

import (
	"fmt"
	"strings"
)

// maxFieldsShown keeps a spec-imported object type to a readable length.
const maxFieldsShown = 4

// String renders t in the manifest's type-expression notation, e.g.
// `User | null`, `{_id: id<users>, name: string}` or `Message[]`; objects
// show their first few fields.
func (t *Type) String() string {
	if t == nil {
		return "?"
	}
	switch t.Kind {
	case String:
		return "string"
	case Number:
		return "number"
	case Int64:
		return "int64"
	case Boolean:
		return "boolean"
	case Bytes:
		return "bytes"
	case Null:
		return "null"
	case Any:
		return "any"
	case FunctionRef:
		return "function"
	case ID:
		return "id<" + t.Table + ">"
	case Ref:
		return t.Name
	case Array:
		if t.Elem != nil && t.Elem.Kind == Union {
			return "(" + t.Elem.String() + ")[]"
		}
		return t.Elem.String() + "[]"
	case Record:
		return "record<" + t.Key.String() + ", " + t.Elem.String() + ">"
	case Literal:
		switch v := t.Value.(type) {
		case string:
			return fmt.Sprintf("%q", v)
		case int64:
			return fmt.Sprintf("%dn", v) // a bigint literal, as written
		}
		return fmt.Sprint(t.Value)
	case Union:
		parts := make([]string, len(t.Variants))
		for i, v := range t.Variants {
			parts[i] = v.String()
		}
		return strings.Join(parts, " | ")
	case Object:
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
			parts = append(parts, f.Name+opt+": "+f.Type.String())
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("<kind %d>", t.Kind)
}
