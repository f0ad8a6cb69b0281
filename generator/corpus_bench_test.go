package generator_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/write"
)

// largestCorpusSpec returns the function spec of the corpus app with the
// most bytes of spec (convexpress: 1,986 functions).
func largestCorpusSpec(b *testing.B) string {
	specs, _ := filepath.Glob(filepath.Join(*corpusRoot, "*", "function_spec.json"))
	var largest string
	var size int64
	for _, s := range specs {
		if st, err := os.Stat(s); err == nil && st.Size() > size {
			largest, size = s, st.Size()
		}
	}
	if largest == "" {
		b.Fatalf("no function specs under %s", *corpusRoot)
	}
	return largest
}

// corpusModule writes a module holding the largest corpus app's manifest and
// spec, its generated package in out/, wired to this repository.
func corpusModule(b *testing.B) (dir string, opts generator.Options) {
	repo, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	dir = b.TempDir()
	data, err := os.ReadFile(largestCorpusSpec(b))
	if err != nil {
		b.Fatal(err)
	}
	gosum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		b.Fatal(err)
	}
	for name, content := range map[string]string{
		"function_spec.json": string(data),
		"authgen.yaml":       "version: 1\npackage: {dir: out, name: app}\nfunctions: {spec: function_spec.json}\n",
		"go.mod":             "module example.com/corpus\n\ngo 1.26\n\nrequire github.com/authgen/authgen v0.0.0\n\nreplace github.com/authgen/authgen => " + repo + "\n",
		"go.sum":             string(gosum),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir, generator.Options{ManifestPath: filepath.Join(dir, "authgen.yaml")}
}

// BenchmarkCorpusGenerate is generation (parse, resolve, render; no
// writing) of the largest corpus app.
func BenchmarkCorpusGenerate(b *testing.B) {
	_, opts := corpusModule(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := generator.Generate(opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpusBuild is `go build` of the generated package of the
// largest corpus app with its dependencies cached: each iteration changes a
// constant in a hand-written file of the package, so only that package is
// compiled again. Run it with -benchtime=3x. Besides wall time it reports
// the CPU time of the build (cpu-s/op), which a busy shared machine
// disturbs less.
func BenchmarkCorpusBuild(b *testing.B) {
	dir, opts := corpusModule(b)
	res, err := generator.Generate(opts)
	if err != nil {
		b.Fatal(err)
	}
	plan, err := write.NewPlan(res.Dir, res.Files)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := plan.Apply(); err != nil {
		b.Fatal(err)
	}
	var size int
	for _, f := range res.Files {
		size += len(f.Data)
	}
	var cpu time.Duration
	build := func(i int) {
		stamp := fmt.Sprintf("package app\n\nconst buildRun = %d\n", i)
		if err := os.WriteFile(filepath.Join(dir, "out", "run.go"), []byte(stamp), 0o644); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command("go", "build", "./out")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
		// The go command's rusage includes the compiler and linker it ran.
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	build(-1) // dependencies into the cache
	cpu = 0
	b.ResetTimer()
	i := 0
	for b.Loop() {
		build(i)
		i++
	}
	b.ReportMetric(float64(size), "bytes-generated")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}
