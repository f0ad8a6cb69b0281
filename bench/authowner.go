package main

import (
	"context"
	"fmt"
	"strings"
)

// ownerAuthPattern selects betterauth's own benchmark functions: the ones
// its owner tunes the cold path with.
const ownerAuthPattern = "^Benchmark(MiddlewareWarm|MiddlewareCold|RawRSAVerify|ColdVsRaw)$"

// ownerAuthBenchmarks runs betterauth/bench_test.go's benchmarks as a cross
// check of this section's figures, which come from a different fixture: the
// owner's token is signed locally in Better Auth's shape and the cold path
// drops the cache entry each time, so it includes the cache insert that
// WithCacheSize(0) skips here.
func (r *runner) ownerAuthBenchmarks(ctx context.Context, sec *Section) {
	runs, benchtime := 3, "1s"
	if r.quick {
		runs, benchtime = 1, "100ms"
	}
	results, err := r.goTestBench(ctx, "betterauth", ownerAuthPattern, runs, benchtime)
	if err != nil {
		sec.Notes = append(sec.Notes, "betterauth's own benchmarks: not measured: "+err.Error())
		return
	}
	table := &Table{
		Caption: fmt.Sprintf("Cross-check: betterauth's own benchmarks (betterauth/bench_test.go, the owner's command `go test "+
			"-run '^$' -bench 'MiddlewareWarm|MiddlewareCold|RawRSAVerify|ColdVsRaw' ./betterauth`), medians of %d runs of "+
			"%s. Its token is signed locally in Better Auth's shape, and its cold path deletes the cache entry each time, so "+
			"it includes the cache insert. ColdVsRaw alternates batches of 128 cold and raw verifications, like the table "+
			"above.", runs, benchtime),
		Header: []string{"benchmark", "ns/op", "B/op", "allocs/op", "cold ÷ raw"},
	}
	cold, coldOK := codecFigures(results["BenchmarkMiddlewareCold"])
	raw, rawOK := codecFigures(results["BenchmarkRawRSAVerify"])
	for _, name := range []string{"BenchmarkMiddlewareWarm", "BenchmarkMiddlewareCold", "BenchmarkRawRSAVerify"} {
		f, ok := codecFigures(results[name])
		if !ok {
			table.Add(strings.TrimPrefix(name, "Benchmark"), "not measured: no result", "", "", "")
			continue
		}
		ratio := ""
		if name == "BenchmarkMiddlewareCold" && coldOK && rawOK {
			ratio = fmtRatio(cold.nsPerOp/raw.nsPerOp) + " (separate medians)"
		}
		table.Add(strings.TrimPrefix(name, "Benchmark"), fmtNs(f.nsPerOp), fmtCount(f.bytesPerOp), fmtCount(f.allocsPerOp), ratio)
	}
	alternating := "not measured: no result"
	if wall, ok := medianMetric(results["BenchmarkColdVsRaw"], "cold/raw"); ok {
		alternating = fmtRatio(wall) + " wall"
		if cpu, ok := medianMetric(results["BenchmarkColdVsRaw"], "cold/raw-cpu"); ok {
			alternating += ", " + fmtRatio(cpu) + " thread CPU"
		}
	}
	table.Add("ColdVsRaw", "", "", "", alternating)
	sec.Tables = append(sec.Tables, table)
}
