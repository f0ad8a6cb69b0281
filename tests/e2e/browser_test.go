// Package e2e holds the end-to-end tests of the example app: a real
// browser against examples/ssr, and `authgen init --example` building from
// an empty directory.
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

	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/examples/ssr/convexapi"
	"github.com/authgen/authgen/examples/ssr/web"
	"github.com/authgen/authgen/internal/nodeharness"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// browserRunTimeout bounds the whole browser run, which takes about 15 s
// on the shared 2-core machine at a load of 3.5; the headroom is for a
// more loaded one.
const browserRunTimeout = 5 * time.Minute

// jwtLifetimeSeconds is the Convex JWT lifetime the real Better Auth is
// started with: a third of the default 15 minutes, and as long as the
// browser run may last, so that no JWT expires in real time during it
// however slow the machine is. The run goes past it by moving the clocks
// (clock), not by waiting.
const jwtLifetimeSeconds = int(browserRunTimeout / time.Second)

// browserSteps are the steps tests/node/e2e-browser.mjs reports, in order;
// each leaves a screenshot.
var browserSteps = []string{
	"sign-up",
	"reload-signed-in",
	"refresh-after-jwt-expiry",
	"signed-out-redirect-keeps-target",
	"sign-in-returns-to-target",
	"hostile-redirect-falls-back",
	"sign-out",
	"signed-out-dashboard-redirects",
	"session-extended-by-go-page",
	"signed-in-past-original-expiry",
	"revoked-elsewhere-signs-out",
	"signed-in-as-a",
	"verification-link-switches-to-b",
	"sign-in-rate-limited",
}

// TestBrowser drives Chromium through the example app (examples/ssr/web
// with its generated convexapi client, served in-process) and checks the
// whole sign-in story: sign-up, server-rendered name, reload, a JWT refresh
// after the JWT's lifetime, redirect_to round trip, a hostile redirect_to,
// sign-out; then the session's lifecycle as only Go-served pages see it
// (issue 14): after Better Auth's updateAge a Go page's mint extends the
// browser's session cookie and the user is still signed in past the
// session's original expiry; a session signed out at Better Auth from
// elsewhere leaves the browser anonymous with its session and convex_jwt
// cookies cleared; B's e-mail verification link opened in a browser signed
// in as A makes the next Go page B's (get-convex/better-auth#416); and a
// fourth sign-in within 10 s is refused by the rate limiter. Cookie state
// is read from the browser's own cookie jar. Screenshots of every step,
// captioned with the page's URL and what the step checked, go to
// tests/output/e2e.
//
// Auth is the real better-auth with the real @convex-dev/better-auth
// convex() plugin (internal/nodeharness), with a 5-minute JWT lifetime and
// SITE_URL set to the app's origin, as in a real Convex deployment: every
// cookie, redirect and token the browser sees comes from Better Auth
// through the app's AuthHandler. The Convex side is fakeConvex in this
// package, a small stand-in for the deployment's /api/query that verifies
// the bearer JWT against the real Better Auth's JWKS with the backend's
// issuer, audience and expiry rules and serves auth:getCurrentUser from the
// token's claims and a seeded messages:list. (authtest's fake deployment
// trusts only its own issuer, so it cannot stand in here.) Better Auth, the
// app and fakeConvex share one clock, which the browser run moves past the
// JWT's lifetime, updateAge and the session's expiry. Better Auth runs as in
// production: its rate limiter on with the default limits (the browser is
// one client address, so the run keeps to 3 sign-ins per 10 s of the shared
// clock until the step that exceeds them) and e-mail verification with
// autoSignInAfterVerification.
func TestBrowser(t *testing.T) {
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

	// The app's origin must be known before Better Auth starts: it is
	// Better Auth's baseURL (SITE_URL), hence a trusted origin.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	appURL := "http://" + ln.Addr().String()

	ba := nodeharness.StartBetterAuth(t, nodeharness.BetterAuthOptions{
		JWTExpirationSeconds: jwtLifetimeSeconds,
		SiteURL:              appURL,
		ProductionRateLimit:  true,
		EmailVerification:    true,
	})
	var now clock
	controlURL := startControl(t, &now, ba)
	convexURL := startFakeConvex(t, ba.URL, ba.AuthURL("/convex/jwks"), now.Now, []map[string]any{
		{"_id": "m1", "_creationTime": 1.7e12, "body": "Welcome to the example app.", "author": "authgen"},
		{"_id": "m2", "_creationTime": 1.7e12 + 1, "body": "This list came from a typed query.", "author": "authgen"},
	})

	var logs nodeharness.SyncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	api, err := convexapi.New(betterauth.Config{
		ConvexURL:  convexURL,
		SiteURL:    ba.URL,
		Now:        now.Now,
		HTTPClient: nodeharness.NewHTTPClient(),
	}, betterauth.WithLogger(logger))
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
	outDir := filepath.Join(root, "tests", "output", "e2e")
	if err := os.RemoveAll(outDir); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), browserRunTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(nodeDir, "e2e-browser.mjs"))
	cmd.Dir = nodeDir
	cmd.Env = append(os.Environ(),
		"E2E_APP_URL="+appURL,
		"E2E_CONTROL_URL="+controlURL,
		"E2E_OUT_DIR="+outDir,
		fmt.Sprintf("E2E_JWT_SECONDS=%d", jwtLifetimeSeconds),
		"E2E_CHROMIUM="+chromiumPath,
	)
	// Once the run is killed, do not wait for Chromium processes that may
	// still hold its output pipe.
	cmd.WaitDelay = 30 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser run failed (%v); screenshots in %s\n%s\napp log:\n%s", err, outDir, out, logs.String())
	}

	for i, step := range browserSteps {
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

// assertNoSecretsLogged fails when the app's log holds a JWT (every JWT
// starts with the base64 of `{"`) or a cookie.
func assertNoSecretsLogged(t *testing.T, log string) {
	t.Helper()
	if log == "" {
		t.Error("the app logged nothing; expected one line per request")
	}
	for _, secret := range []string{"eyJ", "session_token=", "convex_jwt="} {
		if strings.Contains(log, secret) {
			t.Errorf("the app log contains %q:\n%s", secret, log)
		}
	}
}
