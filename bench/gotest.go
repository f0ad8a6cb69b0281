package main

import (
	"bufio"
	"context"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// goTestBench runs a package's own Benchmark functions, so the figures come
// from the bodies its owner wrote rather than a copy here. The test binary
// is built once and run runs times with -test.count 1: the sub-benchmarks
// of one function (ours, then the baseline) run back to back in every
// round, so load from elsewhere hits both alike, as in benchmarkAll.
// It returns every result line's figures keyed by benchmark name
// (without the -GOMAXPROCS suffix), one entry per round.
func (r *runner) goTestBench(ctx context.Context, pkg, pattern string, runs int, benchtime string) (map[string][]goBenchLine, error) {
	return r.goTestBenchExperiment(ctx, "", pkg, pattern, runs, benchtime)
}

// goTestBenchExperiment is goTestBench on a test binary built with
// GOEXPERIMENT=experiment (none when empty), e.g. jsonv2 for encoding/json/v2.
func (r *runner) goTestBenchExperiment(ctx context.Context, experiment, pkg, pattern string, runs int, benchtime string) (map[string][]goBenchLine, error) {
	bin := filepath.Join(r.work, "bin", filepath.Base(pkg)+experiment+".test")
	build := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, "./"+pkg)
	build.Dir = r.root
	if experiment != "" {
		build.Env = append(os.Environ(), "GOEXPERIMENT="+experiment)
	}
	if msg, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go test -c ./%s: %v: %s", pkg, err, firstLines(string(msg), 6))
	}
	all := map[string][]goBenchLine{}
	for i := range runs {
		log.Printf("go test -bench %s ./%s (run %d of %d)", pattern, pkg, i+1, runs)
		cmd := exec.CommandContext(ctx, bin, "-test.run", "^$", "-test.bench", pattern, "-test.benchmem",
			"-test.benchtime", benchtime, "-test.count", "1")
		cmd.Dir = filepath.Join(r.root, pkg) // where `go test` runs a package's tests
		out, err := cmd.CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("./%s benchmarks: %v: %s", pkg, err, firstLines(string(out), 6))
		}
		lines, err := parseGoBench(string(out))
		if err != nil {
			return nil, fmt.Errorf("./%s benchmarks: %w", pkg, err)
		}
		for _, l := range lines {
			all[l.name] = append(all[l.name], l)
		}
	}
	return all, nil
}

// goBenchLine is one result line of `go test -bench -benchmem`.
type goBenchLine struct {
	name    string             // e.g. BenchmarkMarshal1000Docs/convex
	n       int                // iterations
	metrics map[string]float64 // by unit: "ns/op", "B/op", "allocs/op", custom ones
}

// procsSuffix is the -GOMAXPROCS suffix the testing package appends to names.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// parseGoBench extracts the result lines from a test binary's output: a
// name starting with Benchmark, an iteration count, then value-unit pairs.
// Other lines (goos:, PASS, logs) are skipped; a result line that does not
// parse is an error, so a format change is noticed rather than misread.
func parseGoBench(out string) ([]goBenchLine, error) {
	var lines []goBenchLine
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		n, err := strconv.Atoi(f[1])
		if err != nil {
			continue // a log line that happens to start with a benchmark's name
		}
		if len(f)%2 != 0 {
			return nil, fmt.Errorf("result line %q: values and units do not pair up", sc.Text())
		}
		l := goBenchLine{name: procsSuffix.ReplaceAllString(f[0], ""), n: n, metrics: map[string]float64{}}
		for i := 2; i < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("result line %q: %q is not a number", sc.Text(), f[i])
			}
			l.metrics[f[i+1]] = v
		}
		if _, ok := l.metrics["ns/op"]; !ok {
			return nil, fmt.Errorf("result line %q has no ns/op", sc.Text())
		}
		lines = append(lines, l)
	}
	return lines, sc.Err()
}

// medianMetric is the median of one unit over a benchmark's rounds, and
// whether every round reported it.
func medianMetric(lines []goBenchLine, unit string) (float64, bool) {
	var xs []float64
	for _, l := range lines {
		v, ok := l.metrics[unit]
		if !ok {
			return 0, false
		}
		xs = append(xs, v)
	}
	return median(xs), len(xs) > 0
}
