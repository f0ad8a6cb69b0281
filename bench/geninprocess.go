package main

import (
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"testing"

	"github.com/authgen/authgen/generator"
)

// inProcessGen is generator.Generate's figures at one size: medians of
// testing.Benchmark runs, and the size of the package it renders.
type inProcessGen struct {
	benchResult
	output int
}

// generateInProcess times generator.Generate, the whole of `authgen
// generate` except process start-up and writing the files, on the
// synthetic deployments the subprocess runs use (dirs by size), with
// testing.Benchmark so allocations are counted. Sizes run round-robin.
func (r *runner) generateInProcess(sizes []int, dirs map[int]string) map[int]inProcessGen {
	reps := 3
	if r.quick {
		reps = 1
	}
	ns, allocs, bytes := map[int][]float64{}, map[int][]float64{}, map[int][]float64{}
	out := map[int]inProcessGen{}
	for rep := range reps {
		for _, n := range sizes {
			if out[n].err != nil {
				continue
			}
			log.Printf("generation: generator.Generate in process, %d functions (run %d of %d)", n, rep+1, reps)
			opts := generator.Options{ManifestPath: filepath.Join(dirs[n], "authgen.yaml")}
			var size int
			var failure error
			br := testing.Benchmark(func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var res *generator.Result
					if err := safely(func() (err error) { res, err = generator.Generate(opts); return err }); err != nil {
						failure = err
						b.SkipNow()
					}
					size = 0
					for _, f := range res.Files {
						size += len(f.Data)
					}
				}
			})
			if failure == nil && br.N == 0 {
				failure = errors.New("testing.Benchmark did not run it")
			}
			if failure != nil {
				out[n] = inProcessGen{benchResult: benchResult{err: fmt.Errorf("generator.Generate: %w", failure)}}
				continue
			}
			ns[n] = append(ns[n], float64(br.NsPerOp()))
			allocs[n] = append(allocs[n], float64(br.AllocsPerOp()))
			bytes[n] = append(bytes[n], float64(br.AllocedBytesPerOp()))
			out[n] = inProcessGen{output: size}
		}
	}
	for _, n := range sizes {
		if out[n].err == nil {
			out[n] = inProcessGen{output: out[n].output,
				benchResult: benchResult{nsPerOp: median(ns[n]), allocsPerOp: median(allocs[n]), bytesPerOp: median(bytes[n])}}
		}
	}
	return out
}
