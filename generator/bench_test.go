package generator_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/authgen/authgen/generator"
)

// syntheticSpec builds a function-spec document with n public functions in
// n/10 modules, each with an object argument (an ID, an optional number, a
// string-literal union) and an array-of-objects result.
func syntheticSpec(n int) []byte {
	field := func(t any, optional bool) map[string]any { return map[string]any{"fieldType": t, "optional": optional} }
	kinds := []string{"Query", "Mutation", "Action"}
	fns := make([]any, 0, n)
	for i := range n {
		fns = append(fns, map[string]any{
			"functionType": kinds[i%3],
			"identifier":   fmt.Sprintf("mod%d.js:fn%d", i/10, i),
			"visibility":   map[string]any{"kind": "public"},
			"args": map[string]any{"type": "object", "value": map[string]any{
				"channel": field(map[string]any{"type": "id", "tableName": fmt.Sprintf("t%d", i%50)}, false),
				"limit":   field(map[string]any{"type": "number"}, true),
				"order": field(map[string]any{"type": "union", "value": []any{
					map[string]any{"type": "literal", "value": "asc"}, map[string]any{"type": "literal", "value": "desc"},
				}}, false),
			}},
			"returns": map[string]any{"type": "array", "value": map[string]any{"type": "object", "value": map[string]any{
				"_id":   field(map[string]any{"type": "id", "tableName": fmt.Sprintf("t%d", i%50)}, false),
				"body":  field(map[string]any{"type": "string"}, false),
				"count": field(map[string]any{"type": "bigint"}, false),
				"meta":  field(map[string]any{"type": "object", "value": map[string]any{"tag": field(map[string]any{"type": "string"}, true)}}, false),
			}}},
		})
	}
	data, err := json.Marshal(map[string]any{"url": "https://bench.convex.cloud", "functions": fns})
	if err != nil {
		panic(err)
	}
	return data
}

var benchManifest = []byte("version: 1\npackage: {dir: out, name: bench}\nfunctions: {spec: spec.json}\n")

// BenchmarkGenerate measures a whole run (parse, resolve, render, gofmt) for
// synthetic specs; output-bytes is the size of the generated package.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprintf("functions=%d", n), func(b *testing.B) {
			spec := syntheticSpec(n)
			opts := generator.Options{
				ManifestPath: "bench/authgen.yaml",
				Data:         benchManifest,
				OutDir:       b.TempDir(),
				ReadFile:     func(string) ([]byte, error) { return spec, nil },
			}
			var size int
			b.ReportAllocs()
			for b.Loop() {
				res, err := generator.Generate(opts)
				if err != nil {
					b.Fatal(err)
				}
				size = 0
				for _, f := range res.Files {
					size += len(f.Data)
				}
			}
			b.ReportMetric(float64(size), "output-bytes")
		})
	}
}
