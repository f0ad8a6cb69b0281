package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/authgen/authgen/generator"
)

// TestFunctionSpecGenerates feeds the synthetic spec to authgen's public
// generator: every function must come through typed, none skipped, and each
// gets its reference in the generated API.
func TestFunctionSpecGenerates(t *testing.T) {
	fns := Functions(120)
	res := generate(t, fns)
	if len(res.Skipped) > 0 || len(res.Warnings) > 0 {
		t.Fatalf("skipped %v, warnings %v; want none", res.Skipped, res.Warnings)
	}
	var api string
	for _, f := range res.Files {
		if f.Name == generator.APIFile {
			api = string(f.Data)
		}
	}
	kinds := map[Kind]int{}
	for _, f := range fns {
		kinds[f.Kind]++
		if want := fmt.Sprintf("%q", f.Module+":"+f.Name); !strings.Contains(api, want) {
			t.Errorf("%s:%s: no call of %s in %s", f.Module, f.Name, want, generator.APIFile)
		}
	}
	if kinds[Query] == 0 || kinds[Mutation] == 0 || kinds[Action] == 0 {
		t.Errorf("kinds %v: want queries, mutations and actions", kinds)
	}
}

// generate runs generator.Generate in memory on the synthetic manifest and spec.
func generate(t *testing.T, fns []Function) *generator.Result {
	t.Helper()
	spec, err := FunctionSpec(fns)
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) ([]byte, error) {
		if filepath.Base(name) != "function_spec.json" {
			return nil, fmt.Errorf("unexpected read of %s", name)
		}
		return spec, nil
	}
	res, err := generator.Generate(generator.Options{
		ManifestPath: "authgen.yaml",
		Data:         Manifest("function_spec.json", "out", "api"),
		ReadFile:     read,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestOpenAPIMatchesSpec checks the OpenAPI document is valid and describes
// the same functions with the same argument fields and required sets.
func TestOpenAPIMatchesSpec(t *testing.T) {
	fns := Functions(60)
	data, err := OpenAPI(fns)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("loading: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("invalid OpenAPI document: %v", err)
	}
	if got := doc.Paths.Len(); got != len(fns) {
		t.Fatalf("%d paths, want %d", got, len(fns))
	}
	for _, f := range fns {
		item := doc.Paths.Find(fmt.Sprintf("/api/run/%s/%s", f.Module, f.Name))
		if item == nil || item.Post == nil {
			t.Fatalf("%s:%s: no POST operation", f.Module, f.Name)
		}
		s := item.Post.RequestBody.Value.Content.Get("application/json").Schema.Value
		var props, required, wantProps, wantRequired []string
		for name := range s.Properties {
			props = append(props, name)
		}
		required = append(required, s.Required...)
		for _, fl := range f.Args.Fields {
			wantProps = append(wantProps, fl.Name)
			if !fl.Optional {
				wantRequired = append(wantRequired, fl.Name)
			}
		}
		for _, l := range [][]string{props, required, wantProps, wantRequired} {
			sort.Strings(l)
		}
		if fmt.Sprint(props, required) != fmt.Sprint(wantProps, wantRequired) {
			t.Errorf("%s:%s: properties %v required %v, want %v %v", f.Module, f.Name, props, required, wantProps, wantRequired)
		}
	}
}

// TestDeterministic: the same size gives the same bytes, so runs compare.
func TestDeterministic(t *testing.T) {
	for _, render := range []func([]Function) ([]byte, error){FunctionSpec, OpenAPI} {
		a, err := render(Functions(50))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := render(Functions(50))
		if !bytes.Equal(a, b) || !json.Valid(a) {
			t.Fatal("output differs between runs or is not JSON")
		}
	}
}
