package synth

import (
	"encoding/json"
	"fmt"
)

// OpenAPI renders fns as an OpenAPI 3.0.3 document with one POST operation
// per function: the request body schema is the function's args and the 200
// response schema its result, inline as function-spec has them, so that
// oapi-codegen names and emits as many types as authgen does. A function
// returning null gets a response without content.
func OpenAPI(fns []Function) ([]byte, error) {
	paths := make(map[string]any, len(fns))
	for _, f := range fns {
		resp := map[string]any{"description": "the function's result"}
		if f.Returns.Kind != Null {
			resp["content"] = map[string]any{"application/json": map[string]any{"schema": schema(f.Returns)}}
		}
		paths[fmt.Sprintf("/api/run/%s/%s", f.Module, f.Name)] = map[string]any{
			"post": map[string]any{
				"operationId": f.Module + "_" + f.Name,
				"summary":     fmt.Sprintf("%s %s:%s", f.Kind, f.Module, f.Name),
				"requestBody": map[string]any{
					"required": true,
					"content":  map[string]any{"application/json": map[string]any{"schema": schema(f.Args)}},
				},
				"responses": map[string]any{"200": resp},
			},
		}
	}
	doc := map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": "synthetic Convex deployment", "version": "1.0.0"},
		"servers": []any{map[string]any{"url": "https://synthetic-bench-123.convex.cloud"}},
		"paths":   paths,
	}
	return json.MarshalIndent(doc, "", "  ")
}

// schema maps a validator onto the OpenAPI schema with the same meaning:
// int64 is integer/int64, an id is a string, T | null is nullable, a union
// of string literals is an enum, and optional fields are left out of
// `required`.
func schema(t *Type) map[string]any {
	switch t.Kind {
	case String, ID:
		return map[string]any{"type": "string"}
	case Number:
		return map[string]any{"type": "number", "format": "double"}
	case Int64:
		return map[string]any{"type": "integer", "format": "int64"}
	case Boolean:
		return map[string]any{"type": "boolean"}
	case Array:
		return map[string]any{"type": "array", "items": schema(t.Elem)}
	case Object:
		props := make(map[string]any, len(t.Fields))
		var required []string
		for _, f := range t.Fields {
			props[f.Name] = schema(f.Type)
			if !f.Optional {
				required = append(required, f.Name)
			}
		}
		s := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	case Union:
		return unionSchema(t)
	case Literal:
		return map[string]any{"type": "string", "enum": []string{t.Value}}
	}
	panic(fmt.Sprintf("synth: no OpenAPI schema for %q", t.Kind))
}

// unionSchema handles the two union shapes synthetic functions use.
func unionSchema(t *Type) map[string]any {
	if len(t.Options) == 2 && t.Options[1].Kind == Null {
		s := schema(t.Options[0])
		s["nullable"] = true
		return s
	}
	var enum []string
	for _, o := range t.Options {
		if o.Kind != Literal {
			panic("synth: only T | null and string-literal unions have an OpenAPI form here")
		}
		enum = append(enum, o.Value)
	}
	return map[string]any{"type": "string", "enum": enum}
}
