package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/authgen/authgen/bench/synth"
)

// genRun is one measured subprocess run.
type genRun struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	maxRSS int64         // bytes
}

// codeGenerator is one code generator under test.
type codeGenerator struct {
	name string
	bin  string
	args []string // run in the synthetic deployment's directory
	// outputs are removed before each run so every run does the full work
	// (authgen skips writing unchanged files).
	outputs []string
}

var genSizes = []int{100, 1000, 5000}

func (r *runner) generation(ctx context.Context, sec *Section) {
	sec.Intro = fmt.Sprintf("Each generator runs as a subprocess on synthetic deployments of N functions "+
		"(one module per %d functions; queries, mutations and actions with ids, int64, optional, nullable, "+
		"enum-like literal unions, nested objects and arrays). authgen reads `npx convex function-spec` JSON; "+
		"oapi-codegen (`-generate types,client`) reads an OpenAPI 3.0.3 document with one POST operation per "+
		"function whose request body and 200 response carry the same schemas, inline. Output files are deleted "+
		"before every run. Wall time, CPU time and peak RSS (getrusage ru_maxrss) are medians of %d runs (after one "+
		"unrecorded warm-up at the smallest size); the two generators alternate. The third table (issue 4 item 9) runs authgen's generator in "+
		"process on the same deployments to count its allocations.", synth.FunctionsPerModule, r.runs)
	sizes := genSizes
	if r.quick {
		sizes = []int{20, 60}
	}
	authgenBin, authgenErr := r.goBuild(ctx, authgenPkg)
	oapiBin, oapiErr := r.goBuild(ctx, oapiPkg)
	if oapiErr != nil {
		sec.NotMeasured = oapiErr.Error()
		sec.Goals = append(sec.Goals, unmeasured("authgen ≤ 0.5× oapi-codegen at 1,000 functions", "oapi-codegen did not build"))
		return
	}
	gens := []*codeGenerator{{
		name: "oapi-codegen", bin: oapiBin, outputs: []string{"oapi.gen.go"},
		args: []string{"-generate", "types,client", "-package", "api", "-o", "oapi.gen.go", "openapi.json"},
	}}
	if authgenErr == nil {
		gens = append([]*codeGenerator{{
			name: "authgen", bin: authgenBin, outputs: []string{"out"},
			args: []string{"generate", "-f", "authgen.yaml"},
		}}, gens...)
	} else {
		sec.Notes = append(sec.Notes, "authgen not measured: "+authgenErr.Error())
	}

	table := &Table{Header: []string{"functions", "authgen wall", "authgen CPU", "authgen peak RSS", "authgen output",
		"oapi-codegen wall", "oapi-codegen CPU", "oapi-codegen peak RSS", "oapi-codegen output", "wall ratio", "CPU ratio", "RSS ratio"}}
	stats := map[string]map[int]genStats{"authgen": {}, "oapi-codegen": {}}
	dirs := map[int]string{}
	for i, n := range sizes {
		dir, err := writeSynthetic(r.work, n)
		if err != nil {
			sec.NotMeasured = err.Error()
			return
		}
		dirs[n] = dir
		// One unrecorded warm-up before the first size, so it does not pay for a cold page cache.
		got, failed := measureSize(ctx, gens, dir, r.runs, i == 0)
		row := []string{fmt.Sprint(n)}
		for _, name := range []string{"authgen", "oapi-codegen"} {
			st, ok := got[name]
			switch {
			case failed[name] != nil:
				row = append(row, "failed: "+firstLines(failed[name].Error(), 3), "", "", "")
			case !ok:
				row = append(row, "—", "—", "—", "—")
			default:
				stats[name][n] = st
				row = append(row, fmtNs(st.wall), fmtNs(st.cpu), fmtBytes(st.rss), fmtBytes(st.output))
			}
		}
		a, aok := got["authgen"]
		o, ook := got["oapi-codegen"]
		if aok && ook {
			row = append(row, fmtRatio(a.wall/o.wall), fmtRatio(a.cpu/o.cpu), fmtRatio(a.rss/o.rss))
		} else {
			row = append(row, "—", "—", "—")
		}
		table.Add(row...)
		log.Printf("generation: %d functions done", n)
	}
	sec.Tables = append(sec.Tables, table)
	sec.Notes = append(sec.Notes, "Ratios are authgen ÷ oapi-codegen: below 1 means authgen is faster or smaller. "+
		"CPU is user + system time (getrusage), less disturbed than wall time by other load on a shared machine.")

	lo, hi := sizes[len(sizes)-2], sizes[len(sizes)-1]
	linear := float64(hi) / float64(lo)
	growth := &Table{
		Caption: fmt.Sprintf("Growth from %d to %d functions (%s is linear):", lo, hi, fmtRatio(linear)),
		Header: []string{"generator", fmt.Sprintf("wall %d ÷ %d", hi, lo), fmt.Sprintf("CPU %d ÷ %d", hi, lo),
			fmt.Sprintf("wall per function at %d", lo), fmt.Sprintf("wall per function at %d", hi)},
	}
	for _, name := range []string{"authgen", "oapi-codegen"} {
		l, lok := stats[name][lo]
		h, hok := stats[name][hi]
		if lok && hok {
			growth.Add(name, fmtRatio(h.wall/l.wall), fmtRatio(h.cpu/l.cpu), fmtNs(l.wall/float64(lo)), fmtNs(h.wall/float64(hi)))
		}
	}
	sec.Tables = append(sec.Tables, growth)

	at := sizes[len(sizes)/2] // 1,000 in the full run
	goalName := fmt.Sprintf("authgen ≤ 0.5× oapi-codegen wall time at %d functions", at)
	a, aok := stats["authgen"][at]
	o, ook := stats["oapi-codegen"][at]
	if aok && ook {
		sec.Goals = append(sec.Goals, atMost(goalName, a.wall/o.wall, 0.5,
			fmt.Sprintf("%s (%s vs %s; CPU %s)", fmtRatio(a.wall/o.wall), fmtNs(a.wall), fmtNs(o.wall), fmtRatio(a.cpu/o.cpu))))
	} else {
		sec.Goals = append(sec.Goals, unmeasured(goalName, "authgen did not run"))
	}
	// Near-linear: per-function cost at the largest size within 1.25× of the
	// one at the next size down. Judged on CPU time, which other load on a
	// shared machine disturbs far less than wall time; wall is shown too.
	linName := fmt.Sprintf("authgen near-linear growth (%d→%d CPU time ≤ %s, i.e. per-function cost within 1.25×)", lo, hi, fmtRatio(1.25*linear))
	l, lok := stats["authgen"][lo]
	h, hok := stats["authgen"][hi]
	if lok && hok {
		sec.Goals = append(sec.Goals, atMost(linName, h.cpu/l.cpu, 1.25*linear,
			fmt.Sprintf("%s (wall %s)", fmtRatio(h.cpu/l.cpu), fmtRatio(h.wall/l.wall))))
	} else {
		sec.Goals = append(sec.Goals, unmeasured(linName, "authgen did not run"))
	}
	r.inProcessTable(sec, sizes, dirs)
}

// inProcessTable adds generator.Generate's in-process time, allocations
// and output size at every size, and judges how its allocations grow.
func (r *runner) inProcessTable(sec *Section, sizes []int, dirs map[int]string) {
	got := r.generateInProcess(sizes, dirs)
	table := &Table{
		Caption: "In process: generator.Generate (parse the manifest and the function spec, resolve types, render with " +
			"jennifer, gofmt; everything `authgen generate` does except starting the process and writing the files), " +
			"testing.Benchmark, medians of runs taken round-robin across sizes:",
		Header: []string{"functions", "time/op", "per function", "allocs/op", "allocs per function", "B/op", "output"},
	}
	for _, n := range sizes {
		g := got[n]
		if g.err != nil {
			table.Add(fmt.Sprint(n), "not measured: "+firstLines(g.err.Error(), 3), "", "", "", "", "")
			continue
		}
		table.Add(fmt.Sprint(n), fmtNs(g.nsPerOp), fmtNs(g.nsPerOp/float64(n)), fmtCount(g.allocsPerOp),
			fmtCount(g.allocsPerOp/float64(n)), fmtBytes(g.bytesPerOp), fmtBytes(float64(g.output)))
	}
	sec.Tables = append(sec.Tables, table)
	sec.Notes = append(sec.Notes, "In process, most of the time is jennifer's rendering and go/format (the generator "+
		"owner's profile); ParseSpec also indexes every JSON value's offset so function-spec problems carry "+
		"file:line:col. The subprocess rows add process start-up, reading the files and writing the package.")

	lo, hi := sizes[len(sizes)-2], sizes[len(sizes)-1]
	limit := 1.25 * float64(hi) / float64(lo)
	name := fmt.Sprintf("generator.Generate allocations near-linear (%d→%d allocs/op ≤ %s, i.e. per function within 1.25×)", lo, hi, fmtRatio(limit))
	l, h := got[lo], got[hi]
	if err := errors.Join(l.err, h.err); err != nil {
		sec.Goals = append(sec.Goals, unmeasured(name, firstLines(err.Error(), 1)))
		return
	}
	sec.Goals = append(sec.Goals, atMost(name, h.allocsPerOp/l.allocsPerOp, limit,
		fmt.Sprintf("%s (time %s, B/op %s)", fmtRatio(h.allocsPerOp/l.allocsPerOp), fmtRatio(h.nsPerOp/l.nsPerOp), fmtRatio(h.bytesPerOp/l.bytesPerOp))))
}

// genStats are one generator's medians at one size.
type genStats struct {
	wall, cpu float64 // ns
	rss       float64 // bytes
	output    float64 // bytes written
}

// measureSize runs every generator runs times in dir, alternating between
// them, and returns each one's medians or the error that stopped it.
func measureSize(ctx context.Context, gens []*codeGenerator, dir string, runs int, warmUp bool) (map[string]genStats, map[string]error) {
	samples := map[string][]genRun{}
	output := map[string]int64{}
	failed := map[string]error{}
	first := 0
	if warmUp {
		first = -1
	}
	for i := first; i < runs; i++ {
		for _, g := range gens {
			if failed[g.name] != nil {
				continue
			}
			run, err := g.runOnce(ctx, dir)
			if err != nil {
				failed[g.name] = err
				continue
			}
			if i >= 0 {
				samples[g.name] = append(samples[g.name], run)
			}
			output[g.name] = dirSize(dir, g.outputs)
		}
	}
	out := map[string]genStats{}
	for name, runs := range samples {
		if failed[name] != nil {
			continue
		}
		var wall, cpu, rss []float64
		for _, x := range runs {
			wall = append(wall, float64(x.wall))
			cpu = append(cpu, float64(x.cpu))
			rss = append(rss, float64(x.maxRSS))
		}
		out[name] = genStats{wall: median(wall), cpu: median(cpu), rss: median(rss), output: float64(output[name])}
	}
	return out, failed
}

// runOnce deletes the previous output and runs the generator in dir.
func (g *codeGenerator) runOnce(ctx context.Context, dir string) (genRun, error) {
	for _, o := range g.outputs {
		if err := os.RemoveAll(filepath.Join(dir, o)); err != nil {
			return genRun{}, err
		}
	}
	cmd := exec.CommandContext(ctx, g.bin, g.args...)
	cmd.Dir = dir
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		return genRun{}, fmt.Errorf("%s: %v: %s", g.name, err, firstLines(string(out), 4))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return genRun{}, fmt.Errorf("%s: no rusage on this platform", g.name)
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return genRun{wall: wall, cpu: cpu, maxRSS: ru.Maxrss * 1024}, nil // Linux reports KiB
}

// writeSynthetic writes the function spec, the authgen manifest and the
// OpenAPI document for n functions into a fresh directory.
func writeSynthetic(work string, n int) (string, error) {
	dir := filepath.Join(work, fmt.Sprintf("gen-%d", n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	fns := synth.Functions(n)
	spec, err := synth.FunctionSpec(fns)
	if err != nil {
		return "", fmt.Errorf("function spec: %w", err)
	}
	oapi, err := synth.OpenAPI(fns)
	if err != nil {
		return "", fmt.Errorf("OpenAPI document: %w", err)
	}
	files := map[string][]byte{
		"function_spec.json": spec,
		"openapi.json":       oapi,
		"authgen.yaml":       synth.Manifest("function_spec.json", "out", "api"),
		// A go.mod so authgen derives an import path, as in a real project.
		"go.mod": []byte("module example.com/synthetic\n\ngo 1.24\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// dirSize sums the sizes of the files under the named paths in dir.
func dirSize(dir string, paths []string) int64 {
	var total int64
	for _, p := range paths {
		filepath.WalkDir(filepath.Join(dir, p), func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total
}
