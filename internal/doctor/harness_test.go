package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authgen/authgen/internal/nodeharness"
	"github.com/go-jose/go-jose/v4"
)

// TestAgainstRealBetterAuth runs doctor against the real better-auth and
// @convex-dev/better-auth packages in Node: real discovery, JWKS, token
// endpoint, cookie names and RS256 tokens. Convex itself is a small server
// that verifies tokens against the harness's JWKS as the backend does.
func TestAgainstRealBetterAuth(t *testing.T) {
	ba := nodeharness.StartBetterAuth(t, nodeharness.BetterAuthOptions{})
	cookies, err := ba.SignUp("doctor@example.com", "correct horse battery", "Doctor")
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, c := range cookies {
		if c.Value != "" {
			header = append(header, c.Name+"="+c.Value)
		}
	}
	jwksBody, err := ba.JWKS()
	if err != nil {
		t.Fatal(err)
	}
	var jwks jose.JSONWebKeySet
	if err := json.Unmarshal(jwksBody, &jwks); err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if token == "" {
			writeJSON(w, 200, map[string]any{"status": "success", "value": nil})
			return
		}
		p, err := decodeJWT(token)
		if err != nil || p.Iss != ba.URL || !p.hasAudience("convex") {
			writeJSON(w, 401, map[string]string{"code": "NoAuthProvider", "message": "No auth provider found matching the given token"})
			return
		}
		jws, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.RS256})
		keys := jwks.Key(p.Kid)
		if err != nil || len(keys) == 0 {
			writeJSON(w, 401, map[string]string{"code": "InvalidAuthHeader", "message": "Could not decode token"})
			return
		}
		if _, err := jws.Verify(keys[0]); err != nil {
			writeJSON(w, 401, map[string]string{"code": "InvalidAuthHeader", "message": "Could not decode token"})
			return
		}
		writeJSON(w, 200, map[string]any{"status": "success", "value": map[string]string{"_id": p.Sub}})
	}))
	t.Cleanup(api.Close)

	// runDoctor runs doctor against the harness with SITE_URL = appURL.
	runDoctor := func(appURL string) outcome {
		t.Helper()
		dir := t.TempDir()
		mpath := filepath.Join(dir, "authgen.yaml")
		writeFile(t, mpath, healthyManifest)
		epath := filepath.Join(dir, ".env")
		writeFile(t, epath, "CONVEX_URL="+api.URL+"\nCONVEX_SITE_URL="+ba.URL+"\nSITE_URL="+appURL+"\n")
		var stdout, stderr bytes.Buffer
		code := run(context.Background(),
			// A generous --timeout: under CPU starvation Node can stall for seconds.
			[]string{"-f", mpath, "--env-file", epath, "--json", "--timeout", nodeharness.RequestTimeout.String(), "--cookie", strings.Join(header, "; ")},
			&stdout, &stderr, deps{now: time.Now, lookupEnv: func(string) (string, bool) { return "", false }})
		o := outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
		if err := json.Unmarshal(stdout.Bytes(), &o.report); err != nil {
			t.Fatalf("%v\n%s\n%s", err, o.stdout, o.stderr)
		}
		return o
	}

	// The harness's baseURL is its own URL, so that is the app origin it trusts.
	o := runDoctor(ba.URL)
	if o.code != exitOK {
		t.Fatalf("exit %d, want 0:\n%s", o.code, o.stdout)
	}
	for _, id := range []string{"discovery.issuer", "discovery.jwks", "token.endpoint", "token.forwarded_host", "origin.sign_in", "cookies.names", "cookies.session", "jwt.claims", "jwt.signature", "jwt.expiry", "convex.anonymous", "convex.current_user"} {
		if got := o.check(t, id); got.Status != StatusOK {
			t.Errorf("%s = %s: %s", id, got.Status, got.Finding)
		}
	}
	for _, c := range cookies {
		if len(c.Value) > 10 && strings.Contains(o.stdout, c.Value) {
			t.Errorf("the value of cookie %s reached the report", c.Name)
		}
	}

	// An app origin Better Auth was not told about: its real origin check
	// answers 403 INVALID_ORIGIN. Nothing listens there, and the harness
	// emulates Convex's edge (an X-Forwarded-Host naming another host gets an
	// empty 404), so doctor can only warn about proxies.
	o = runDoctor("http://127.0.0.1:1")
	if got := o.check(t, "origin.sign_in"); got.Status != StatusFail || !strings.Contains(got.Finding, "403 INVALID_ORIGIN") {
		t.Errorf("origin.sign_in with an untrusted app origin = %s: %s", got.Status, got.Finding)
	}
	if got := o.check(t, "token.forwarded_host"); got.Status != StatusWarn {
		t.Errorf("token.forwarded_host = %s: %s, want the edge warning", got.Status, got.Finding)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
