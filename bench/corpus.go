package main

import (
	"context"
	"fmt"
)

// corpusBaseline holds the same two benchmarks (generator/corpus_bench_test.go)
// run on commit 6be905c, the generator before issue 12 (shared document
// types, unions, pagination), against the same function spec: the files
// copied onto that commit's tree (`git archive 6be905c`) and run with
// `go test ./generator -run '^$' -bench '^BenchmarkCorpus(Generate|Build)$'
// -benchmem -corpus <repo>/tests/corpus` (Generate -benchtime 10x; Build
// 3x, twice, interleaved with two runs on this code, the mean kept).
// The load average during those runs is kept beside them: the machine
// was shared, so compare ratios measured under similar load.
var corpusBaseline = struct {
	genNs, genBytes, genAllocs, buildNs, buildCPU, generatedBytes float64
	load                                                          string
}{
	genNs: 1428762726, genBytes: 106214723, genAllocs: 1758850,
	buildNs: 38899982017, buildCPU: 18.82, generatedBytes: 2140145,
	load: "10 to 14 (2 cores)",
}

// corpus measures the largest app of tests/corpus: generating its package
// and compiling it, against the baseline above.
func (r *runner) corpus(ctx context.Context, sec *Section) {
	genTime, buildTime := "10x", "3x"
	if r.quick {
		genTime, buildTime = "1x", "1x"
	}
	sec.Intro = "The largest real app of tests/corpus (convexpress: 1,986 functions, 1,256 public) through the " +
		"generator's own benchmarks (generator/corpus_bench_test.go): BenchmarkCorpusGenerate is generate in " +
		"memory (parse the spec, resolve, render, format); BenchmarkCorpusBuild is `go build` of the generated " +
		"package with its dependencies cached, only the package itself recompiled (-benchtime " + buildTime +
		"). Before is the same benchmarks on commit 6be905c, the generator before shared types (see " +
		"corpusBaseline in bench/corpus.go for the exact command and the load it ran under)."
	gen, err := r.goTestBench(ctx, "generator", "^BenchmarkCorpusGenerate$", 1, genTime)
	if err == nil {
		var build map[string][]goBenchLine
		if build, err = r.goTestBench(ctx, "generator", "^BenchmarkCorpusBuild$", 1, buildTime); err == nil {
			for k, v := range build {
				gen[k] = v
			}
		}
	}
	goals := []string{"the generated package is smaller than before shared types", "`go build` of the generated package takes less CPU than before"}
	if err != nil {
		sec.NotMeasured = err.Error()
		for _, g := range goals {
			sec.Goals = append(sec.Goals, unmeasured(g, "the corpus benchmarks did not run"))
		}
		return
	}
	b := corpusBaseline
	genNs, _ := medianMetric(gen["BenchmarkCorpusGenerate"], "ns/op")
	genB, _ := medianMetric(gen["BenchmarkCorpusGenerate"], "B/op")
	genA, _ := medianMetric(gen["BenchmarkCorpusGenerate"], "allocs/op")
	buildNs, _ := medianMetric(gen["BenchmarkCorpusBuild"], "ns/op")
	buildCPU, _ := medianMetric(gen["BenchmarkCorpusBuild"], "cpu-s/op")
	size, _ := medianMetric(gen["BenchmarkCorpusBuild"], "bytes-generated")
	table := &Table{Header: []string{"measure", "before (6be905c)", "now", "now ÷ before"}}
	table.Add("generate, time per run", fmtNs(b.genNs), fmtNs(genNs), fmtRatio(genNs/b.genNs))
	table.Add("generate, bytes allocated", fmtBytes(b.genBytes), fmtBytes(genB), fmtRatio(genB/b.genBytes))
	table.Add("generate, allocations", fmtCount(b.genAllocs), fmtCount(genA), fmtRatio(genA/b.genAllocs))
	table.Add("generated Go source", fmtBytes(b.generatedBytes), fmtBytes(size), fmtRatio(size/b.generatedBytes))
	table.Add("go build of the generated package, wall time", fmtNs(b.buildNs), fmtNs(buildNs), fmtRatio(buildNs/b.buildNs))
	table.Add("go build of the generated package, CPU time", fmt.Sprintf("%.1f s", b.buildCPU), fmt.Sprintf("%.1f s", buildCPU), fmtRatio(buildCPU/b.buildCPU))
	sec.Tables = append(sec.Tables, table)
	sec.Goals = append(sec.Goals,
		atMost(goals[0], size/b.generatedBytes, 1, fmt.Sprintf("%s vs %s", fmtBytes(size), fmtBytes(b.generatedBytes))),
		atMost(goals[1], buildCPU/b.buildCPU, 1, fmt.Sprintf("%.1f s vs %.1f s of CPU", buildCPU, b.buildCPU)))
	sec.Notes = append(sec.Notes, "Before, load average "+b.load+"; the build goal compares CPU time (the go "+
		"command's rusage, compiler and linker included), which other work on a shared machine disturbs less "+
		"than wall time. Generation time also includes changes by "+
		"others since 6be905c (goimports formatting of the output), which the profile shows is most of it; the "+
		"resolver itself is about 3% of a run.")
}
