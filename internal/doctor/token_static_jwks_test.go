package doctor

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
)

// staticJWKSDeployment is a fake deployment whose token endpoint fails as
// get-convex/better-auth#427 describes: with a static JWKS of several keys,
// every mint throws ("b.createdAt.getTime is not a function") and the
// endpoint answers 500, while the JWKS is served fine.
func staticJWKSDeployment(t *testing.T, jwks []byte) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/auth/convex/jwks", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(jwks)
	})
	mux.HandleFunc("GET /api/auth/convex/token", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"code": "INTERNAL_SERVER_ERROR", "message": "b.createdAt.getTime is not a function"})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// jwksOf returns a JWK set of n fresh RS256 public keys.
func jwksOf(t *testing.T, n int) []byte {
	t.Helper()
	var set jose.JSONWebKeySet
	for i := range n {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &key.PublicKey, KeyID: fmt.Sprintf("key-%d", i+1), Algorithm: "RS256", Use: "sig"})
	}
	out, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTokenEndpoint500WithStaticJWKSOfSeveralKeys: the hint names #427 and
// the one-key fix only when the JWKS is static (auth.jwks: env:JWKS) and
// holds several keys; any other 500 gets the general advice.
func TestTokenEndpoint500WithStaticJWKSOfSeveralKeys(t *testing.T) {
	t.Parallel()
	two, one := jwksOf(t, 2), jwksOf(t, 1)
	tests := []struct {
		name        string
		jwks        []byte
		static      bool
		finding     string
		fix         string
		notInReport string
	}{
		{
			name:    "static, two keys",
			jwks:    two,
			static:  true,
			finding: "the JWKS holds 2 keys: with a static JWKS (the convex plugin's jwks option) holding several keys, minting fails (get-convex/better-auth#427)",
			fix:     "Give the convex() plugin's static jwks exactly one key (the current signing key), redeploy, and keep the same single-key document in JWKS.",
		},
		{
			name:        "static, one key",
			jwks:        one,
			static:      true,
			finding:     "answered 500",
			fix:         "Read the deployment's logs for /convex/token.",
			notInReport: "#427",
		},
		{
			name:        "remote, two keys",
			jwks:        two,
			finding:     "answered 500",
			fix:         "Read the deployment's logs for /convex/token.",
			notInReport: "#427",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := staticJWKSDeployment(t, tt.jwks)
			dir := t.TempDir()
			manifest := healthyManifest
			env := "CONVEX_URL=https://fake-deployment-1.convex.cloud\nCONVEX_SITE_URL=" + srv.URL + "\n"
			if tt.static {
				manifest = strings.Replace(manifest, "  sign_in_path: /sign-in\n", "  sign_in_path: /sign-in\n  jwks: env:JWKS\n", 1)
				env += "JWKS='" + string(tt.jwks) + "'\n"
			}
			mpath, epath := filepath.Join(dir, "authgen.yaml"), filepath.Join(dir, ".env")
			writeFile(t, mpath, manifest)
			writeFile(t, epath, env)
			o := runArgs(t, []string{"-f", mpath, "--env-file", epath, "--json"})
			if err := json.Unmarshal([]byte(o.stdout), &o.report); err != nil {
				t.Fatalf("doctor --json output does not parse: %v\n%s\nstderr: %s", err, o.stdout, o.stderr)
			}
			if got := o.check(t, "discovery.jwks"); got.Status != StatusOK {
				t.Fatalf("discovery.jwks = %s %q; the fake serves a usable JWKS", got.Status, got.Finding)
			}
			got := o.check(t, "token.endpoint")
			if got.Status != StatusFail || !strings.Contains(got.Finding, tt.finding) || !strings.Contains(got.Fix, tt.fix) {
				t.Errorf("token.endpoint = %s\n finding %q\n fix %q\nwant a failure with %q and the fix %q", got.Status, got.Finding, got.Fix, tt.finding, tt.fix)
			}
			if tt.notInReport != "" && strings.Contains(got.Finding+got.Fix, tt.notInReport) {
				t.Errorf("token.endpoint mentions %s: %q / %q", tt.notInReport, got.Finding, got.Fix)
			}
			if o.code == 0 {
				t.Errorf("doctor exited 0 with a failing token endpoint")
			}
		})
	}
}
