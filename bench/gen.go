package main

import (
	"context"
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
	maxRSS int64 // bytes
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
		"before every run. Wall time and peak RSS (getrusage ru_maxrss) are medians of %d runs (after one "+
		"unrecorded warm-up at the smallest size); the two generators alternate.", synth.FunctionsPerModule, r.runs)
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

	table := &Table{Header: []string{"functions", "authgen wall", "authgen peak RSS", "authgen output",
		"oapi-codegen wall", "oapi-codegen peak RSS", "oapi-codegen output", "wall ratio", "RSS ratio"}}
	medians := map[string]map[int]float64{}
	for _, n := range sizes {
		dir, err := writeSynthetic(r.work, n)
		if err != nil {
			sec.NotMeasured = err.Error()
			return
		}
		res := map[string][]genRun{}
		outSize := map[string]int64{}
		failed := map[string]error{}
		first := 0
		if n == sizes[0] {
			first = -1 // one unrecorded warm-up, so the first size does not pay for a cold page cache
		}
		for i := first; i < r.runs; i++ {
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
					res[g.name] = append(res[g.name], run)
				}
				outSize[g.name] = dirSize(dir, g.outputs)
			}
		}
		row := []string{fmt.Sprint(n)}
		cells := map[string][3]float64{}
		for _, name := range []string{"authgen", "oapi-codegen"} {
			if err := failed[name]; err != nil {
				row = append(row, "failed", firstLines(err.Error(), 3), "")
				continue
			}
			if len(res[name]) == 0 {
				row = append(row, "—", "—", "—")
				continue
			}
			var walls, rss []float64
			for _, x := range res[name] {
				walls = append(walls, float64(x.wall))
				rss = append(rss, float64(x.maxRSS))
			}
			w, m := median(walls), median(rss)
			cells[name] = [3]float64{w, m}
			if medians[name] == nil {
				medians[name] = map[int]float64{}
			}
			medians[name][n] = w
			row = append(row, fmtNs(w), fmtBytes(m), fmtBytes(float64(outSize[name])))
		}
		a, aok := cells["authgen"]
		o, ook := cells["oapi-codegen"]
		if aok && ook {
			row = append(row, fmtRatio(a[0]/o[0]), fmtRatio(a[1]/o[1]))
		} else {
			row = append(row, "—", "—")
		}
		table.Add(row...)
		log.Printf("generation: %d functions done", n)
	}
	sec.Tables = append(sec.Tables, table)
	sec.Notes = append(sec.Notes, "Ratios are authgen ÷ oapi-codegen: below 1 means authgen is faster or smaller.")

	lo, hi := sizes[len(sizes)-2], sizes[len(sizes)-1]
	growth := &Table{
		Caption: fmt.Sprintf("Growth from %d to %d functions (%s is linear):", lo, hi, fmtRatio(float64(hi)/float64(lo))),
		Header:  []string{"generator", fmt.Sprintf("wall %d ÷ %d", hi, lo), fmt.Sprintf("per-function time at %d", lo), fmt.Sprintf("per-function time at %d", hi)},
	}
	for _, name := range []string{"authgen", "oapi-codegen"} {
		m := medians[name]
		if m[lo] == 0 || m[hi] == 0 {
			continue
		}
		growth.Add(name, fmtRatio(m[hi]/m[lo]), fmtNs(m[lo]/float64(lo)), fmtNs(m[hi]/float64(hi)))
	}
	sec.Tables = append(sec.Tables, growth)

	at := sizes[len(sizes)/2] // 1,000 in the full run
	goalName := fmt.Sprintf("authgen ≤ 0.5× oapi-codegen wall time at %d functions", at)
	if a, o := medians["authgen"][at], medians["oapi-codegen"][at]; a > 0 && o > 0 {
		sec.Goals = append(sec.Goals, atMost(goalName, a/o, 0.5, fmt.Sprintf("%s (%s vs %s)", fmtRatio(a/o), fmtNs(a), fmtNs(o))))
	} else {
		sec.Goals = append(sec.Goals, unmeasured(goalName, "authgen did not run"))
	}
	// Near-linear: the per-function cost at the largest size within 1.25×
	// of the cost at the next size down.
	linName := fmt.Sprintf("authgen near-linear growth (%d→%d: ≤ %.2f×, i.e. per-function cost within 1.25×)", lo, hi, 1.25*float64(hi)/float64(lo))
	if a := medians["authgen"]; a[lo] > 0 && a[hi] > 0 {
		g := a[hi] / a[lo]
		sec.Goals = append(sec.Goals, atMost(linName, g, 1.25*float64(hi)/float64(lo), fmtRatio(g)))
	} else {
		sec.Goals = append(sec.Goals, unmeasured(linName, "authgen did not run"))
	}
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
	return genRun{wall: wall, maxRSS: ru.Maxrss * 1024}, nil // Linux reports KiB
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
