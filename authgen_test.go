package authgen_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/authgen/authgen"
)

// The JSON Schema and the example manifest must describe the same fields:
// every top-level and auth field the example documents is in the schema,
// and vice versa.
func TestSchemaMatchesExample(t *testing.T) {
	var schema struct {
		Properties map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"properties"`
		AdditionalProperties bool `json:"additionalProperties"`
	}
	if err := json.Unmarshal(authgen.JSONSchema, &schema); err != nil {
		t.Fatalf("authgen.schema.json: %v", err)
	}
	var example map[string]any
	if err := yaml.Unmarshal(authgen.ExampleManifest, &example); err != nil {
		t.Fatalf("schema.yaml.example: %v", err)
	}
	if got, want := keys(example), keys(schema.Properties); got != want {
		t.Errorf("top-level fields: example has %s, schema has %s", got, want)
	}
	auth, _ := example["auth"].(map[string]any)
	if got, want := keys(auth), keys(schema.Properties["auth"].Properties); got != want {
		t.Errorf("auth fields: example has %s, schema has %s", got, want)
	}
	// functions.spec/source/include/exclude are commented out in the example, so only check the schema side.
	if got := keys(schema.Properties["functions"].Properties); got != "define,exclude,include,source,spec" {
		t.Errorf("functions fields in schema: %s", got)
	}
	for _, doc := range []string{"# spec: convex/function_spec.json", "# source: convex"} {
		if !strings.Contains(string(authgen.ExampleManifest), doc) {
			t.Errorf("the example does not document %q", doc)
		}
	}
}

func keys[V any](m map[string]V) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}
