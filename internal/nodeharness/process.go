package nodeharness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// StartTimeout bounds how long Start waits for a script's ready line.
// Importing better-auth takes one to two seconds on an idle 2-core machine,
// but on a loaded one (go test runs packages in parallel, next to Chromium)
// Node has been seen to get no CPU for several seconds at a time and to need
// over 20 s. The bound only decides how long a broken script takes to fail,
// so it is generous.
var StartTimeout = 2 * time.Minute

// stopTimeout bounds how long Stop waits for the child to exit after its
// stdin closes before killing it. A healthy script exits within
// milliseconds; the headroom is for a starved machine, where a kill would
// be reported as the script's fault.
const stopTimeout = 30 * time.Second

// Process is a running Node script started by Start.
type Process struct {
	// URL is the script's base URL, the "url" of its ready line, e.g.
	// "http://127.0.0.1:41234".
	URL string
	// Port is URL's port.
	Port int
	// Ready is the JSON ready line the script printed.
	Ready json.RawMessage

	script string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	output *SyncBuffer
	ready  chan json.RawMessage // receives the ready line once
	exited chan struct{}        // closed when cmd.Wait returns
	err    error                // cmd.Wait's result, valid once exited is closed

	stopOnce sync.Once
}

// readyLine is the part of a script's announcement that Start interprets.
type readyLine struct {
	Ready bool   `json:"ready"`
	URL   string `json:"url"`
}

// Start runs `node tests/node/<script> args...` with PORT=0 and env added to
// the environment (env wins over the inherited environment and PORT), waits
// up to StartTimeout for the script's one-line JSON announcement
// {"ready":true,"url":"http://127.0.0.1:<port>",...} on stdout, and returns
// the running process. The child's stdin is a pipe: closing it (Stop, or
// this process dying) makes a well-behaved script exit.
//
// PORT=0 lets the script's own listen pick the port, so no other process
// can take it between choosing and binding (as it could if Start chose a
// free port and passed it on); the script reports the port in its url.
//
// The process is stopped in t.Cleanup, and when the test failed its stderr
// is written to the test log. Start fails the test, never skips it, when
// Node, the installed packages or the script are missing.
func Start(t testing.TB, script string, env map[string]string, args ...string) *Process {
	t.Helper()
	p, err := launch(script, env, args)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Stop(); err != nil {
			t.Errorf("nodeharness: %v", err)
		}
		if t.Failed() {
			t.Logf("nodeharness: output of %s:\n%s", script, p.Output())
		}
	})
	if err := p.waitReady(StartTimeout); err != nil {
		t.Fatalf("%v\noutput of %s:\n%s", err, script, p.Output())
	}
	return p
}

// launch starts the child without waiting for it to become ready.
func launch(script string, env map[string]string, args []string) (*Process, error) {
	dir, err := NodeDir()
	if err != nil {
		return nil, err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("nodeharness: node is not on PATH: %s", nodeDepsHint)
	}
	scriptPath := filepath.Join(dir, script)
	if _, err := os.Stat(scriptPath); err != nil {
		return nil, fmt.Errorf("nodeharness: script %s: %w", script, err)
	}
	cmd := exec.Command(node, append([]string{scriptPath}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PORT=0")
	for _, k := range slices.Sorted(maps.Keys(env)) {
		cmd.Env = append(cmd.Env, k+"="+env[k])
	}
	// After the child exits, do not wait forever for grandchildren that
	// inherited its output pipes.
	cmd.WaitDelay = stopTimeout
	p := &Process{
		script: script,
		cmd:    cmd,
		output: &SyncBuffer{},
		ready:  make(chan json.RawMessage, 1),
		exited: make(chan struct{}),
	}
	cmd.Stderr = p.output
	// A Writer rather than StdoutPipe: exec copies into it and Wait waits
	// for the copy, so no output is lost when the child exits.
	cmd.Stdout = &lineWriter{line: p.stdoutLine}
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("nodeharness: stdin pipe for %s: %w", script, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("nodeharness: starting node %s: %w", script, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// stdoutLine takes the first {"ready":true,...} line as the announcement and
// keeps every other line with the stderr output for diagnosis.
func (p *Process) stdoutLine(line []byte) {
	var r readyLine
	if json.Unmarshal(line, &r) == nil && r.Ready {
		select {
		case p.ready <- json.RawMessage(bytes.Clone(line)):
			return
		default: // already announced
		}
	}
	p.output.Write(append(append([]byte("stdout: "), line...), '\n'))
}

// waitReady waits for the ready line, the child's exit or the timeout.
func (p *Process) waitReady(timeout time.Duration) error {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case line := <-p.ready:
		return p.announce(line)
	case <-p.exited:
		// The ready line may have been written just before the exit.
		select {
		case line := <-p.ready:
			return p.announce(line)
		default:
		}
		return fmt.Errorf("nodeharness: %s exited before it was ready: %v", p.script, p.err)
	case <-timer.C:
		return fmt.Errorf("nodeharness: %s not ready after %v", p.script, timeout)
	}
}

// announce records the ready line and the URL it announces, which must be
// http://127.0.0.1:<port>.
func (p *Process) announce(line json.RawMessage) error {
	p.Ready = line
	var r readyLine
	if err := json.Unmarshal(line, &r); err != nil {
		return fmt.Errorf("nodeharness: %s ready line: %w", p.script, err)
	}
	u, err := url.Parse(r.URL)
	if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
		return fmt.Errorf("nodeharness: %s ready line %s: want a url http://127.0.0.1:<port>", p.script, line)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil || port <= 0 {
		return fmt.Errorf("nodeharness: %s ready line %s: url without a port", p.script, line)
	}
	p.URL, p.Port = r.URL, port
	return nil
}

// Stop closes the child's stdin, waits for it to exit and kills it if it
// has not exited within a few seconds. It is safe to call more than once; it
// returns an error only when the child had to be killed.
func (p *Process) Stop() error {
	var err error
	p.stopOnce.Do(func() {
		p.stdin.Close()
		select {
		case <-p.exited:
			return
		case <-time.After(stopTimeout):
		}
		p.cmd.Process.Kill()
		<-p.exited
		err = fmt.Errorf("%s ignored its closed stdin for %v and was killed", p.script, stopTimeout)
	})
	return err
}

// Exited is closed when the child process has exited.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// Output returns what the child wrote to stderr, plus any stdout lines other
// than the ready line, so far.
func (p *Process) Output() string { return p.output.String() }

// lineWriter calls line for every complete newline-terminated line written
// to it; a final unterminated line is dropped.
type lineWriter struct {
	line    func([]byte)
	pending []byte
}

func (w *lineWriter) Write(b []byte) (int, error) {
	w.pending = append(w.pending, b...)
	for {
		i := bytes.IndexByte(w.pending, '\n')
		if i < 0 {
			return len(b), nil
		}
		w.line(bytes.TrimSuffix(w.pending[:i], []byte("\r")))
		w.pending = w.pending[i+1:]
	}
}
