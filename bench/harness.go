package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// harness is tests/node/betterauth-harness.mjs: the real better-auth with
// the real convex() plugin, acting as a Convex deployment's site URL. It is
// started the way internal/nodeharness starts it (that package needs a
// testing.TB): PORT=0, one JSON ready line on stdout, exit when stdin closes.
type harness struct {
	url      string
	basePath string
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	stderr   *lockedBuffer
	done     chan struct{}
	client   *http.Client
}

const harnessScript = "betterauth-harness.mjs"

// errNodeDeps is the reason every Node-backed measurement gives when the
// packages are not installed.
var errNodeDeps = errors.New("tests/node/node_modules is missing: run `make node-deps`")

// checkNode reports whether node and the test packages are available.
func (r *runner) checkNode() error {
	if _, err := exec.LookPath("node"); err != nil {
		return fmt.Errorf("node is not on PATH: %w", err)
	}
	if _, err := os.Stat(filepath.Join(r.nodeDir, "node_modules", "better-auth")); err != nil {
		return errNodeDeps
	}
	return nil
}

// betterAuth returns the shared harness, starting it on first use.
func (r *runner) betterAuth(ctx context.Context) (*harness, error) {
	if r.harness != nil {
		return r.harness, nil
	}
	if err := r.checkNode(); err != nil {
		return nil, err
	}
	h, err := startHarness(ctx, r.nodeDir)
	if err != nil {
		return nil, err
	}
	r.harness = h
	return h, nil
}

func startHarness(ctx context.Context, nodeDir string) (*harness, error) {
	// Not CommandContext: the harness outlives this call and is stopped by
	// closing its stdin.
	cmd := exec.Command("node", harnessScript)
	cmd.Dir = nodeDir
	// Pin every option, as nodeharness does, so the caller's environment
	// cannot change cookie names or security.
	cmd.Env = append(os.Environ(), "PORT=0", "BASE_PATH=/api/auth", "NODE_ENV=", "COOKIE_PREFIX=",
		"USE_SECURE_COOKIES=", "JWT_EXPIRATION_SECONDS=", "SITE_URL=", "TRUSTED_ORIGINS=",
		"CONVEX_DATES=true", "EDGE_EMULATION=true")
	h := &harness{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan struct{}),
		client: &http.Client{Timeout: 20 * time.Second}}
	cmd.Stderr = h.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if h.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the Better Auth harness: %w", err)
	}
	go func() { cmd.Wait(); close(h.done) }()

	ready := make(chan error, 1)
	go func() {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil {
			ready <- fmt.Errorf("reading the ready line: %w", err)
			return
		}
		var msg struct {
			Ready    bool   `json:"ready"`
			URL      string `json:"url"`
			BasePath string `json:"basePath"`
		}
		if err := json.Unmarshal([]byte(line), &msg); err != nil || !msg.Ready || msg.URL == "" {
			ready <- fmt.Errorf("unexpected ready line %q", strings.TrimSpace(line))
			return
		}
		h.url, h.basePath = msg.URL, msg.BasePath
		ready <- nil
		io.Copy(io.Discard, stdout) // the harness keeps stdout for the ready line only
	}()
	select {
	case err = <-ready:
	case <-time.After(60 * time.Second):
		err = errors.New("not ready after 60s")
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		h.stop()
		return nil, fmt.Errorf("Better Auth harness: %w; stderr: %s", err, firstLines(h.stderr.String(), 5))
	}
	if h.basePath == "" {
		h.basePath = "/api/auth"
	}
	return h, nil
}

// stop closes stdin, which makes the harness exit, and kills it if it
// has not within 5 seconds.
func (h *harness) stop() {
	h.stdin.Close()
	select {
	case <-h.done:
	case <-time.After(5 * time.Second):
		h.cmd.Process.Kill()
		<-h.done
	}
}

// authURL is the URL of a Better Auth endpoint.
func (h *harness) authURL(endpoint string) string { return h.url + h.basePath + endpoint }

// signUp creates a user and returns the cookies Better Auth set (the
// session token and the convex_jwt), as a browser would hold them.
func (h *harness) signUp(ctx context.Context, email string) ([]*http.Cookie, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": "correct-horse-battery", "name": "Bench User"})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.authURL("/sign-up/email"), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", h.url) // Better Auth's CSRF check trusts its own origin
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sign-up: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("sign-up: status %d: %s", resp.StatusCode, msg)
	}
	return resp.Cookies(), nil
}

// jwks fetches the deployment's key set.
func (h *harness) jwks(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.authURL("/convex/jwks"), nil)
	if err != nil {
		return "", err
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("JWKS: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("JWKS: status %d, %v", resp.StatusCode, err)
	}
	return string(data), nil
}

// lockedBuffer is a bytes.Buffer safe for the writer goroutine exec starts.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 64<<10 { // keep the start; that is where the cause is
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
