package main

import (
	"errors"
	"fmt"
	"log"
	"testing"
)

// contender is one way to do the work a benchmark compares. prepare does
// the setup, outside the timed loop, and returns one unit of work.
type contender struct {
	name    string
	prepare func() (work func() error, err error)
}

// benchResult is one contender's figures: medians over the repetitions.
type benchResult struct {
	nsPerOp, bytesPerOp, allocsPerOp float64
	err                              error // why it was not measured
}

// benchmarkAll prepares every contender and times each with
// testing.Benchmark (-test.benchtime, 1s by default), repeating round-robin
// so that load from elsewhere on the machine spreads over all of them, and
// keeps the median of each. A failing setup or unit of work yields its
// reason instead of figures.
func (r *runner) benchmarkAll(section string, cs []contender) map[string]benchResult {
	reps := 5
	if r.quick {
		reps = 1
	}
	out := map[string]benchResult{}
	work := map[string]func() error{}
	for _, c := range cs {
		var w func() error
		err := safely(func() (err error) { w, err = c.prepare(); return err })
		if err != nil {
			out[c.name] = benchResult{err: err}
			continue
		}
		work[c.name] = w
	}
	ns, bytes, allocs := map[string][]float64{}, map[string][]float64{}, map[string][]float64{}
	for rep := range reps {
		for _, c := range cs {
			w := work[c.name]
			if w == nil {
				continue
			}
			log.Printf("%s: %s (run %d of %d)", section, c.name, rep+1, reps)
			var failure error
			br := testing.Benchmark(func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := safely(w); err != nil {
						failure = err
						b.SkipNow()
					}
				}
			})
			if failure == nil && br.N == 0 {
				failure = errors.New("testing.Benchmark did not run it")
			}
			if failure != nil {
				out[c.name] = benchResult{err: failure}
				delete(work, c.name)
				continue
			}
			ns[c.name] = append(ns[c.name], float64(br.T)/float64(br.N))
			bytes[c.name] = append(bytes[c.name], float64(br.MemBytes)/float64(br.N))
			allocs[c.name] = append(allocs[c.name], float64(br.MemAllocs)/float64(br.N))
		}
	}
	for name := range work {
		out[name] = benchResult{nsPerOp: median(ns[name]), bytesPerOp: median(bytes[name]), allocsPerOp: median(allocs[name])}
	}
	return out
}

// safely runs f, turning a panic (a runtime package that is still a stub
// panics) into an error: testing.Benchmark runs f on its own goroutine,
// where the runner's section guard cannot recover it.
func safely(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return f()
}
