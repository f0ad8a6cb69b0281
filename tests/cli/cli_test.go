// Package cli_test runs the authgen command line through testscript
// scripts (testdata/*.txtar) and checks every golden case with `authgen check`.
package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/authgen/authgen/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"authgen": func() { os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata", RequireExplicitExec: true, Setup: func(env *testscript.Env) error {
		if err := goEnv(env); err != nil {
			return err
		}
		return specEnv(env)
	}})
}

// specEnv serves scripts that extract function specs (functions.source,
// authgen spec): CORPUS_NODE_MODULES is the convex install of tests/corpus
// (`symlink node_modules -> $CORPUS_NODE_MODULES` makes a script's app
// resolve it), and the spec cache lives in the script's work directory.
func specEnv(env *testscript.Env) error {
	modules, err := filepath.Abs("../corpus/node_modules")
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(modules, "convex", "package.json")); err != nil {
		return fmt.Errorf("tests/corpus has no node_modules/convex: run `make corpus-deps` (%w)", err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		return fmt.Errorf("node is not on PATH: install Node.js 18 or newer (apt-get install nodejs): %w", err)
	}
	env.Setenv("CORPUS_NODE_MODULES", modules)
	env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
	return nil
}

// goEnv lets scripts that bind Go types run the go command (go/packages)
// offline, from this machine's build and module caches.
func goEnv(env *testscript.Env) error {
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT"} {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			return fmt.Errorf("go env %s: %w", name, err)
		}
		env.Setenv(name, strings.TrimSpace(string(out)))
	}
	env.Setenv("GOPROXY", "off")
	env.Setenv("GOFLAGS", "-mod=mod")
	env.Setenv("GOTOOLCHAIN", "local")
	return nil
}

// TestCheckGoldens is `authgen check` over every golden case that generates:
// the committed output must be exactly what the generator produces.
func TestCheckGoldens(t *testing.T) {
	manifests, err := filepath.Glob("../../golden/*/authgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, m := range manifests {
		if _, err := os.Stat(filepath.Join(filepath.Dir(m), "out")); err != nil {
			continue // a failing case: golden/<case>/stderr.txt holds its errors
		}
		var stdout, stderr bytes.Buffer
		if code := cli.Run(context.Background(), []string{"check", "-f", m}, &stdout, &stderr); code != 0 || stdout.Len() > 0 {
			t.Errorf("authgen check -f %s: exit %d\n%s%s", m, code, stdout.String(), stderr.String())
		}
		checked++
	}
	if checked < 8 {
		t.Fatalf("checked %d golden cases, want at least 8", checked)
	}
}

// TestCheckRepoGeneratedCode is `authgen check` over every manifest the
// repository itself generates from (examples/*/authgen.yaml): committed
// generated code must match the current generator.
func TestCheckRepoGeneratedCode(t *testing.T) {
	manifests, err := filepath.Glob("../../examples/*/authgen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range manifests {
		var stdout, stderr bytes.Buffer
		if code := cli.Run(context.Background(), []string{"check", "-f", m}, &stdout, &stderr); code != 0 {
			t.Errorf("authgen check -f %s: exit %d (regenerate with `go generate ./...` in %s)\n%s%s", m, code, filepath.Dir(m), stdout.String(), stderr.String())
		}
	}
}

// TestExitStatuses pins the statuses scripts can only see as zero or not:
// a bare authgen and a flag before the verb are usage errors (2).
func TestExitStatuses(t *testing.T) {
	for _, args := range [][]string{nil, {"-f", "authgen.yaml"}, {"frobnicate"}} {
		var stdout, stderr bytes.Buffer
		if code := cli.Run(context.Background(), args, &stdout, &stderr); code != 2 {
			t.Errorf("authgen %q: exit %d, want 2\n%s", args, code, stderr.String())
		}
	}
}
