package spec_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/authgen/authgen/internal/cli"
	"github.com/authgen/authgen/internal/spec"
)

// benchApp is the corpus app the speed goals are measured on: the largest
// (636 modules, 1914 functions), so well past the 150 functions asked for.
const benchApp = "convexpress"

// BenchmarkCheck is a warm `authgen check` on benchApp's generated package,
// reading the committed spec (functions.spec) against extracting it from
// the source (functions.source) with the spec cache already filled. Both
// manifests generate the same package; the cache lookup hashes the
// functions directory, the project files and the lockfile.
func BenchmarkCheck(b *testing.B) {
	requireCorpus(b)
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	appDir, err := filepath.Abs(filepath.Join(corpusDir, benchApp))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, key, path string }{
		{"functions.spec", "spec", "function_spec.json"},
		{"functions.source", "source", "convex"},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			rel, err := filepath.Rel(dir, filepath.Join(appDir, c.path))
			if err != nil {
				b.Fatal(err)
			}
			// generate refuses a package outside a Go module.
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n\ngo 1.22\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			manifest := filepath.Join(dir, "authgen.yaml")
			data := "version: 1\npackage: {dir: api, name: api}\nfunctions:\n  " + c.key + ": " + rel + "\n"
			if err := os.WriteFile(manifest, []byte(data), 0o644); err != nil {
				b.Fatal(err)
			}
			run := func(verb string) {
				var stdout, stderr bytes.Buffer
				if code := cli.Run(context.Background(), []string{verb, "-f", manifest}, &stdout, &stderr); code != 0 {
					b.Fatalf("authgen %s: exit %d\n%s%s", verb, code, stdout.String(), stderr.String())
				}
			}
			run("generate") // also fills the spec cache for functions.source
			for b.Loop() {
				run("check")
			}
		})
	}
}

// BenchmarkExtractCold is `authgen spec` with nothing cached: Node starts,
// esbuild bundles every module, Node loads them and the validators are read.
func BenchmarkExtractCold(b *testing.B) {
	requireCorpus(b)
	for _, app := range []string{benchApp, "chef"} {
		b.Run(app, func(b *testing.B) {
			dir := filepath.Join(corpusDir, app, "convex")
			for b.Loop() {
				if _, err := spec.Extract(context.Background(), spec.Options{Dir: dir, NoCache: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
