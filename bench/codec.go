package main

import (
	"context"
	"fmt"
)

// codecComparison is one of the convex package's benchmark functions: its
// sub-benchmark for this package against the one for the baseline.
type codecComparison struct {
	what           string // the table row
	ours, baseline string // full benchmark names
	goal           string
	limit          float64 // ours ÷ baseline ns/op, at most
}

var codecComparisons = []codecComparison{
	{"Marshal, 1,000 documents", "BenchmarkMarshal1000Docs/convex", "BenchmarkMarshal1000Docs/encoding_json",
		"convex.Marshal ≤ 1.3× json.Marshal (1,000 documents)", 1.3},
	{"Unmarshal, 1,000 documents", "BenchmarkUnmarshal1000Docs/convex", "BenchmarkUnmarshal1000Docs/encoding_json",
		"convex.Unmarshal ≤ 1.3× json.Unmarshal (1,000 documents)", 1.3},
	{"query call, 20 documents", "BenchmarkQueryCall/convex_client", "BenchmarkQueryCall/net_http_encoding_json",
		"query through convex.Client ≤ 1.1× hand-written net/http + encoding/json", 1.1},
}

// codecBenchPattern selects the benchmark functions codecComparisons name.
const codecBenchPattern = "^(BenchmarkMarshal1000Docs|BenchmarkUnmarshal1000Docs|BenchmarkQueryCall)$"

func (r *runner) codec(ctx context.Context, sec *Section) {
	runs, benchtime := 5, "1s"
	if r.quick {
		runs, benchtime = 1, "100ms"
	}
	sec.Intro = fmt.Sprintf("The convex package's own benchmarks (convex/bench_test.go), so the figures come from the "+
		"code its owner maintains: the test binary is built once and run %d times (`-test.bench '%s' -test.benchmem "+
		"-test.benchtime %s`); in every run the two sides of a comparison run back to back, and the figures are "+
		"medians over the runs. The documents (benchDocs) are Convex chat messages: system fields, strings with "+
		"escapes and non-ASCII, a string list, a record of numbers, an optional field. Each side decodes its own "+
		"encoding of the same data (the Convex encoding is byte for byte what the official convexToJson writes). The "+
		"query benchmarks share one loopback httptest server answering 20 documents; the hand-written client sends "+
		"the same headers and body (encoding/json) and decodes the envelope with encoding/json. Section 3 measures "+
		"the same kind of call through the generated method and betterauth.",
		runs, codecBenchPattern, benchtime)

	results, err := r.goTestBench(ctx, "convex", codecBenchPattern, runs, benchtime)
	if err != nil {
		sec.NotMeasured = err.Error()
		for _, c := range codecComparisons {
			sec.Goals = append(sec.Goals, unmeasured(c.goal, "the convex benchmarks did not run"))
		}
		return
	}
	table := &Table{Header: []string{"operation", "convex ns/op", "convex B/op", "convex allocs/op",
		"baseline ns/op", "baseline B/op", "baseline allocs/op", "time ratio"}}
	for _, c := range codecComparisons {
		ours, okOurs := codecFigures(results[c.ours])
		base, okBase := codecFigures(results[c.baseline])
		if !okOurs || !okBase {
			table.Add(c.what, "not measured: no result for "+c.ours+" or "+c.baseline, "", "", "", "", "", "")
			sec.Goals = append(sec.Goals, unmeasured(c.goal, "benchmark "+c.ours+" or "+c.baseline+" reported no figures"))
			continue
		}
		ratio := ours.nsPerOp / base.nsPerOp
		table.Add(c.what, fmtNs(ours.nsPerOp), fmtCount(ours.bytesPerOp), fmtCount(ours.allocsPerOp),
			fmtNs(base.nsPerOp), fmtCount(base.bytesPerOp), fmtCount(base.allocsPerOp), fmtRatio(ratio))
		sec.Goals = append(sec.Goals, atMost(c.goal, ratio, c.limit,
			fmt.Sprintf("%s (%s vs %s; allocs %s vs %s)", fmtRatio(ratio), fmtNs(ours.nsPerOp), fmtNs(base.nsPerOp),
				fmtCount(ours.allocsPerOp), fmtCount(base.allocsPerOp))))
	}
	sec.Tables = append(sec.Tables, table)
	defer r.claims(ctx, sec, runs, benchtime)
	sec.Notes = append(sec.Notes, "Baselines: json.Marshal and json.Unmarshal of the same []benchDoc; for the query "+
		"call, http.Client.Do with a request built and a response decoded by encoding/json. Time ratio is convex ÷ "+
		"baseline: below 1 means the convex package is faster.")
}

// claimsBenchPattern selects betterauth's benchmarks of reading a JWT
// payload (jsonscan.go against encoding/json) and of the cold path they sit on.
const claimsBenchPattern = "^(BenchmarkClaimsPayload|BenchmarkClaimsPayloadV2|BenchmarkMiddlewareCold)$"

// claims measures whether betterauth's hand-written JSON scanner (the
// second one besides convex's decoder) earns its keep: readClaims on a JWT
// payload against encoding/json with the duplicate-claim check readClaims
// makes, and against encoding/json/v2 (GOEXPERIMENT=jsonv2 in Go 1.26),
// which refuses duplicate names itself; the cold Middleware path gives the
// scale.
func (r *runner) claims(ctx context.Context, sec *Section, runs int, benchtime string) {
	results, err := r.goTestBench(ctx, "betterauth", claimsBenchPattern, runs, benchtime)
	if err != nil {
		sec.Notes = append(sec.Notes, "JWT payload parsing not measured: "+err.Error())
		return
	}
	v2, err := r.goTestBenchExperiment(ctx, "jsonv2", "betterauth", "^BenchmarkClaimsPayloadV2$", runs, benchtime)
	if err != nil {
		sec.Notes = append(sec.Notes, "encoding/json/v2 not measured: "+err.Error())
	}
	for k, v := range v2 {
		results[k] = v
	}
	table := &Table{Header: []string{"reading a JWT payload (betterauth)", "ns/op", "B/op", "allocs/op", "share of a cold request"}}
	cold, okCold := codecFigures(results["BenchmarkMiddlewareCold"])
	for _, row := range []struct{ what, name string }{
		{"readClaims (jsonscan.go, one validating pass)", "BenchmarkClaimsPayload/jsonscan"},
		{"encoding/json: Decoder pass for duplicates + Unmarshal", "BenchmarkClaimsPayload/encoding-json"},
		{"encoding/json/v2 Unmarshal (GOEXPERIMENT=jsonv2)", "BenchmarkClaimsPayloadV2"},
		{"the whole cold Middleware request", "BenchmarkMiddlewareCold"},
	} {
		f, ok := codecFigures(results[row.name])
		if !ok {
			table.Add(row.what, "not measured: no result for "+row.name, "", "", "")
			continue
		}
		share := ""
		if okCold {
			share = fmt.Sprintf("%.1f%%", 100*f.nsPerOp/cold.nsPerOp)
		}
		table.Add(row.what, fmtNs(f.nsPerOp), fmtCount(f.bytesPerOp), fmtCount(f.allocsPerOp), share)
	}
	sec.Tables = append(sec.Tables, table)
	sec.Notes = append(sec.Notes, fmt.Sprintf("JWT payloads: betterauth's benchmarks (`go test ./betterauth -bench '%s' "+
		"-benchmem`, the v2 row built with GOEXPERIMENT=jsonv2). Decision (issue 15): keep jsonscan.go for the "+
		"security-sensitive payload read. encoding/json needs a second pass to see a repeated claim (v1 keeps the last "+
		"copy silently), which costs a large share of a cold request; encoding/json/v2 refuses duplicates itself at a "+
		"small cost, but is behind GOEXPERIMENT in Go 1.26, which a library cannot require of its users: replace "+
		"jsonscan.go with it once encoding/json/v2 is on by default. convex/scan.go is not a second validator but the "+
		"decoder of Convex's JSON dialect ($integer, $bytes, size limits), measured in the table above.", claimsBenchPattern))
}

// codecFigures are the medians of one benchmark's rounds; ok is false when
// it did not run or lacked -benchmem figures.
func codecFigures(lines []goBenchLine) (benchResult, bool) {
	ns, okNs := medianMetric(lines, "ns/op")
	b, okB := medianMetric(lines, "B/op")
	a, okA := medianMetric(lines, "allocs/op")
	return benchResult{nsPerOp: ns, bytesPerOp: b, allocsPerOp: a}, okNs && okB && okA
}
