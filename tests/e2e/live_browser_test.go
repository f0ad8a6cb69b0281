package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/examples/ssr/convexapi"
	"github.com/authgen/authgen/examples/ssr/demo"
	"github.com/authgen/authgen/examples/ssr/web"
	"github.com/authgen/authgen/internal/nodeharness"
)

// liveSteps are the steps tests/node/e2e-live.mjs reports, in order; each
// leaves a screenshot.
var liveSteps = []string{
	"live-first-visitor",
	"live-second-visitor",
	"live-send",
	"live-arrives-without-reload",
	"live-reply-arrives",
}

// TestBrowserLive drives two Chromium contexts, two users, on the example
// app's dashboard: a message one sends through the form appears in the
// other's list without a reload, pushed by the dashboard's EventSource on
// /dashboard/live (the generated WatchMessagesList over Convex's sync
// protocol, streamed by live.StreamSSE), and the reply goes the other way.
// Screenshots go to tests/output/e2e-live.
//
// What is real: Chromium, the app (examples/ssr/web with its generated
// client, served in-process as `go run .` serves it), the sync client in
// convex/live with its token minted from each browser's session, and the
// SSE stream. What is fake: the whole deployment is authtest's, as when the
// example runs with no CONVEX_URL — its Better Auth endpoints and its sync
// endpoint, which follows the backend's protocol and re-runs subscribed
// queries after each mutation. TestBrowser uses the real better-auth
// instead, but its Convex stand-in has no sync endpoint, and a real Convex
// backend cannot run here.
func TestBrowserLive(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("Chromium is missing at %s (%v): run `apt-get install -y chromium`", chromiumPath, err)
	}
	nodeDir, err := nodeharness.NodeDir()
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH: run `make node-deps` (needs Node.js 20+): %v", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	appURL := "http://" + ln.Addr().String()
	// The app's origin is trusted, as SITE_URL is on a real deployment.
	d := authtest.New(t, authtest.WithTrustedOrigins(appURL))
	demo.Seed(d)

	var logs nodeharness.SyncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	api, err := convexapi.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	handler, err := web.New(api, logger)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: nodeharness.RequestTimeout}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	root, err := nodeharness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(root, "tests", "output", "e2e-live")
	if err := os.RemoveAll(outDir); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), browserRunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(nodeDir, "e2e-live.mjs"))
	cmd.Dir = nodeDir
	cmd.Env = append(os.Environ(),
		"E2E_APP_URL="+appURL,
		"E2E_OUT_DIR="+outDir,
		"E2E_CHROMIUM="+chromiumPath,
	)
	cmd.WaitDelay = 30 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser run failed (%v); screenshots in %s\n%s\napp log:\n%s", err, outDir, out, logs.String())
	}

	for i, step := range liveSteps {
		if !strings.Contains(string(out), "ok "+step+"\n") {
			t.Errorf("step %q did not report ok:\n%s", step, out)
		}
		shot := filepath.Join(outDir, fmt.Sprintf("%02d-%s.png", i+1, step))
		if _, err := os.Stat(shot); err != nil {
			t.Errorf("screenshot of step %q: %v", step, err)
		}
	}
	assertNoSecretsLogged(t, logs.String())
}
