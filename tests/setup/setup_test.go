// Package setup_test checks the promise of the README's first lines: its
// second command, `make test`, installs what the suite needs on a fresh
// Debian machine (or says in one line what it needs), and CI runs that same
// command.
package setup_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const root = "../.."

// readmeCommands returns the commands of the README's first code block.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	in := false
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			if in {
				return cmds
			}
			in = true
			continue
		}
		if in {
			cmd, _, _ := strings.Cut(line, "#")
			cmds = append(cmds, strings.TrimSpace(cmd))
		}
	}
	t.Fatal("README.md has no code block")
	return nil
}

func TestReadmeTestCommandIsWhatCIRuns(t *testing.T) {
	cmds := readmeCommands(t)
	if len(cmds) < 2 || cmds[1] != "make test" {
		t.Fatalf("README's second command = %q, want \"make test\"", cmds)
	}
	ci, err := os.ReadFile(filepath.Join(root, ".ci/run"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^make test$`).Match(ci) {
		t.Errorf(".ci/run does not run `make test`, the README's test command:\n%s", ci)
	}
	if strings.Contains(string(ci), "apt-get") || strings.Contains(string(ci), "npm ") {
		t.Errorf(".ci/run installs things itself; put installs in `make deps` so the README's command does the same:\n%s", ci)
	}
}

// TestMakeTestInstallsFirst: `make test` runs the installers before any go test.
func TestMakeTestInstallsFirst(t *testing.T) {
	out, err := exec.Command("make", "-C", root, "-n", "-B", "test").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n test: %v\n%s", err, out)
	}
	plan := string(out)
	systemDeps := strings.Index(plan, ".ci/system-deps")
	npm := strings.Index(plan, "npm ci")
	goTest := strings.Index(plan, "go test")
	if systemDeps < 0 || npm < 0 || goTest < 0 || systemDeps > goTest || npm > goTest {
		t.Fatalf("make test should run .ci/system-deps and npm ci before go test; it runs:\n%s", plan)
	}
	for _, want := range []string{"/usr/bin/chromium:chromium", "redis-server:redis-server"} {
		if !strings.Contains(plan, want) {
			t.Errorf("make test does not install %s; it runs:\n%s", want, plan)
		}
	}
}

// runSystemDeps runs .ci/system-deps with a PATH holding only stubs: id
// reports uid, and sudo and apt-get (when present) log their arguments.
func runSystemDeps(t *testing.T, uid string, withSudo, withApt bool, args ...string) (log, stderr string, err error) {
	t.Helper()
	bin := t.TempDir()
	logFile := filepath.Join(t.TempDir(), "log")
	stub := func(name, body string) {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	stub("id", "echo "+uid)
	stub("env", `echo "env $*" >> "$LOG"; shift; exec "$@"`) // drops DEBIAN_FRONTEND=…
	if withSudo {
		stub("sudo", `echo "sudo $*" >> "$LOG"; exec "$@"`)
	}
	if withApt {
		stub("apt-get", `echo "apt-get $*" >> "$LOG"`)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, append([]string{filepath.Join(root, ".ci/system-deps")}, args...)...)
	cmd.Env = []string{"PATH=" + bin, "LOG=" + logFile}
	var errBuf strings.Builder
	cmd.Stderr = &errBuf
	err = cmd.Run()
	data, _ := os.ReadFile(logFile)
	return string(data), errBuf.String(), err
}

func TestSystemDeps(t *testing.T) {
	present := "/bin/sh:dash"
	missing := []string{present, "/nonexistent/chromium:chromium", "no-such-program-authgen:redis-server"}

	t.Run("nothing missing", func(t *testing.T) {
		log, stderr, err := runSystemDeps(t, "1000", true, true, present)
		if err != nil || log != "" || stderr != "" {
			t.Errorf("err=%v log=%q stderr=%q, want nothing done", err, log, stderr)
		}
	})
	t.Run("root", func(t *testing.T) {
		log, _, err := runSystemDeps(t, "0", false, true, missing...)
		want := "apt-get update -qq\nenv DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium redis-server\napt-get install -y -qq chromium redis-server\n"
		if err != nil || log != want {
			t.Errorf("err=%v log:\n%s\nwant:\n%s", err, log, want)
		}
	})
	t.Run("user with sudo", func(t *testing.T) {
		log, stderr, err := runSystemDeps(t, "1000", true, true, missing...)
		if err != nil || !strings.HasPrefix(log, "sudo apt-get update -qq\n") ||
			!strings.Contains(log, "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium redis-server\n") {
			t.Errorf("err=%v log:\n%s", err, log)
		}
		if !strings.Contains(stderr, "installing chromium redis-server with sudo apt-get") {
			t.Errorf("stderr = %q, want it to say what it installs", stderr)
		}
	})
	// Where it cannot install, it fails with one line naming what is needed.
	for _, tc := range []struct {
		name          string
		uid           string
		sudo, apt     bool
		wantInMessage string
	}{
		{"user without sudo", "1000", false, true, "run that as root"},
		{"no apt-get", "0", false, false, "apt-get is not available"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log, stderr, err := runSystemDeps(t, tc.uid, tc.sudo, tc.apt, missing...)
			if err == nil || log != "" {
				t.Fatalf("err=%v log=%q, want a failure that installs nothing", err, log)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "apt-get install -y chromium redis-server") ||
				!strings.Contains(stderr, tc.wantInMessage) {
				t.Errorf("stderr = %q, want one line with the install command and %q", stderr, tc.wantInMessage)
			}
		})
	}
}
