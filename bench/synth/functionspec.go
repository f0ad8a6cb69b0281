package synth

import (
	"encoding/json"
	"fmt"
)

// FunctionSpec renders fns as the JSON `npx convex function-spec` prints
// (shared/reference/convex-http-api.md §5): `url` first, then `functions`,
// every key inside a function sorted as convexToJson sorts them.
func FunctionSpec(fns []Function) ([]byte, error) {
	type spec struct {
		URL       string           `json:"url"`
		Functions []map[string]any `json:"functions"`
	}
	doc := spec{URL: "https://synthetic-bench-123.convex.cloud", Functions: make([]map[string]any, len(fns))}
	for i, f := range fns {
		doc.Functions[i] = map[string]any{
			"args":         validator(f.Args),
			"functionType": string(f.Kind),
			"identifier":   fmt.Sprintf("%s.js:%s", f.Module, f.Name),
			"returns":      validator(f.Returns),
			"visibility":   map[string]string{"kind": "public"},
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

// validator is the ValidatorJSON of t; maps marshal with sorted keys, which
// is the order function-spec uses.
func validator(t *Type) map[string]any {
	switch t.Kind {
	case ID:
		return map[string]any{"type": "id", "tableName": t.Table}
	case Array:
		return map[string]any{"type": "array", "value": validator(t.Elem)}
	case Object:
		fields := make(map[string]any, len(t.Fields))
		for _, f := range t.Fields {
			fields[f.Name] = map[string]any{"fieldType": validator(f.Type), "optional": f.Optional}
		}
		return map[string]any{"type": "object", "value": fields}
	case Union:
		opts := make([]any, len(t.Options))
		for i, o := range t.Options {
			opts[i] = validator(o)
		}
		return map[string]any{"type": "union", "value": opts}
	case Literal:
		return map[string]any{"type": "literal", "value": t.Value}
	default:
		return map[string]any{"type": string(t.Kind)}
	}
}
