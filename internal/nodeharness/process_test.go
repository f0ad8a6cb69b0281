package nodeharness

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRepoRoot(t *testing.T) {
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if !isModuleRoot(filepath.Join(root, "go.mod")) {
		t.Fatalf("RepoRoot() = %s, which has no go.mod for %s", root, ModulePath)
	}
	if _, err := NodeDir(); err != nil {
		t.Fatal(err)
	}
}

func TestFindModuleRootSkipsOtherModules(t *testing.T) {
	outer := t.TempDir()
	inner := filepath.Join(outer, "vendor", "other")
	deep := filepath.Join(inner, "pkg")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outer, "go.mod"), "module "+ModulePath+"\n\ngo 1.26\n")
	write(filepath.Join(inner, "go.mod"), "// a comment\nmodule example.com/other\n")

	if got, ok := findModuleRoot(deep); !ok || got != outer {
		t.Fatalf("findModuleRoot(%s) = %q, %v; want %q", deep, got, ok, outer)
	}
	if _, ok := findModuleRoot(t.TempDir()); ok {
		t.Fatal("findModuleRoot found a module root in an empty temp dir")
	}
}

func TestMissingNodeSaysMakeNodeDeps(t *testing.T) {
	if _, err := nodeDirIn(t.TempDir()); err == nil || !strings.Contains(err.Error(), "make node-deps") {
		t.Errorf("nodeDirIn(repo without node_modules) error = %v, want the make node-deps hint", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := launch(BetterAuthScript, nil, nil); err == nil || !strings.Contains(err.Error(), "make node-deps") {
		t.Errorf("launch without node on PATH: error = %v, want the make node-deps hint", err)
	}
}

func TestLineWriter(t *testing.T) {
	var lines []string
	w := &lineWriter{line: func(b []byte) { lines = append(lines, string(b)) }}
	for _, chunk := range []string{"{\"rea", "dy\":true}\r\nsecond\n", "", "third", "\nunterminated"} {
		if n, err := w.Write([]byte(chunk)); n != len(chunk) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", chunk, n, err)
		}
	}
	want := []string{`{"ready":true}`, "second", "third"}
	if !reflect.DeepEqual(lines, want) {
		t.Fatalf("lines = %q, want %q", lines, want)
	}
}

func TestLaunchMissingScript(t *testing.T) {
	_, err := launch("no-such-script.mjs", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "no-such-script.mjs") {
		t.Fatalf("launch(missing script) error = %v", err)
	}
}

func TestScriptExitingBeforeReady(t *testing.T) {
	p, err := launch(BetterAuthScript, map[string]string{"PORT": "not-a-port"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	err = p.waitReady(StartTimeout)
	if err == nil || !strings.Contains(err.Error(), "exited before it was ready") {
		t.Fatalf("waitReady error = %v, want an early exit", err)
	}
	if !strings.Contains(p.Output(), "PORT must be an integer") {
		t.Errorf("output does not explain the failure:\n%s", p.Output())
	}
}

func TestHarnessStopsWhenStdinCloses(t *testing.T) {
	p := Start(t, BetterAuthScript, nil)
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	if !p.cmd.ProcessState.Success() {
		t.Fatalf("harness exited with %v after stdin closed\n%s", p.cmd.ProcessState, p.Output())
	}
	if !strings.Contains(p.Output(), "stdin closed") {
		t.Errorf("harness did not log why it stopped:\n%s", p.Output())
	}
}

func TestHarnessStopsOnSIGTERM(t *testing.T) {
	p := Start(t, BetterAuthScript, nil, "--base-path=/custom")
	if !strings.Contains(string(p.Ready), `"basePath":"/custom"`) {
		t.Errorf("ready line %s does not carry the --base-path flag", p.Ready)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.Exited():
	case <-time.After(stopTimeout):
		t.Fatalf("harness still running %v after SIGTERM", stopTimeout)
	}
	if !p.cmd.ProcessState.Success() || !strings.Contains(p.Output(), "SIGTERM") {
		t.Fatalf("harness exit after SIGTERM: %v\n%s", p.cmd.ProcessState, p.Output())
	}
}

// TestAnnounceNeedsTheURL: with PORT=0 only the ready line knows the port,
// so a line without a loopback http URL and port is an error.
func TestAnnounceNeedsTheURL(t *testing.T) {
	for _, line := range []string{
		`{"ready":true}`,
		`{"ready":true,"url":"http://127.0.0.1"}`,
		`{"ready":true,"url":"http://127.0.0.1:0"}`,
		`{"ready":true,"url":"http://localhost:8080"}`,
		`{"ready":true,"url":"https://127.0.0.1:8080"}`,
		`{"ready":true,"url":"://"}`,
	} {
		p := &Process{script: "x.mjs"}
		if err := p.announce([]byte(line)); err == nil {
			t.Errorf("announce(%s) accepted it as %s", line, p.URL)
		}
	}
	p := &Process{script: "x.mjs"}
	if err := p.announce([]byte(`{"ready":true,"url":"http://127.0.0.1:41234","basePath":"/x"}`)); err != nil || p.Port != 41234 || p.URL != "http://127.0.0.1:41234" {
		t.Errorf("announce(valid line) = %v; URL %q, Port %d", err, p.URL, p.Port)
	}
}
