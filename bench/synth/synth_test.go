package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/authgen/authgen/generator/manifest"
)

// TestFunctionSpecParses feeds the synthetic spec to authgen's own
// function-spec parser: every function must come through, none skipped.
func TestFunctionSpecParses(t *testing.T) {
	fns := Functions(120)
	data, err := FunctionSpec(fns)
	if err != nil {
		t.Fatal(err)
	}
	parsed, skipped, errs := manifest.ParseSpec("function_spec.json", data)
	if len(errs) > 0 {
		t.Fatalf("ParseSpec: %v", errs)
	}
	if len(skipped) > 0 || len(parsed) != len(fns) {
		t.Fatalf("parsed %d functions, skipped %v; want %d, none skipped", len(parsed), skipped, len(fns))
	}
	kinds := map[manifest.Kind]int{}
	for i, f := range parsed {
		kinds[f.Kind]++
		if want := fns[i].Module + ":" + fns[i].Name; f.Path != want {
			t.Errorf("function %d: path %q, want %q", i, f.Path, want)
		}
		if f.UntypedArgs || f.UntypedReturns {
			t.Errorf("%s: untyped args or returns", f.Path)
		}
	}
	if kinds[manifest.Query] == 0 || kinds[manifest.Mutation] == 0 || kinds[manifest.Action] == 0 {
		t.Errorf("kinds %v: want queries, mutations and actions", kinds)
	}
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

// TestManifestParses: the synthetic manifest is accepted by authgen's parser.
func TestManifestParses(t *testing.T) {
	spec, err := FunctionSpec(Functions(10))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) ([]byte, error) {
		if name != "function_spec.json" {
			return nil, fmt.Errorf("unexpected read of %s", name)
		}
		return spec, nil
	}
	m, _, err := manifest.Parse("authgen.yaml", Manifest("function_spec.json", "out", "api"), read)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Functions) != 10 {
		t.Fatalf("%d functions, want 10", len(m.Functions))
	}
}
