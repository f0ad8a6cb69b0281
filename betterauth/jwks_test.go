package betterauth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestKeyRotationRefetchesOnce(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth(WithJWKSRefetchInterval(time.Minute))
	if s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+f.token())); s == nil {
		t.Fatal("first token rejected")
	}
	_, other := rsaKeys(t)
	f.mu.Lock()
	f.jwks = jwksJSON(t, []string{"kid-2"}, other)
	f.key, f.kid = other, "kid-2"
	f.mu.Unlock()
	c.Add(2 * time.Minute) // past the refetch interval since the first fetch
	f.jwksFetches.Store(0)
	for range 3 {
		if s, _, err := sessionOf(a, request("/", "better-auth.convex_jwt="+f.token())); s == nil {
			t.Fatalf("rotated token rejected: %v", err)
		}
	}
	if n := f.jwksFetches.Load(); n != 1 {
		t.Errorf("JWKS refetches = %d, want 1", n)
	}
}

func TestUnknownKidIsRateLimitedAndNegativelyCached(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth(WithJWKSRefetchInterval(time.Minute))
	key, _ := rsaKeys(t)
	ctx := context.Background()
	if _, err := a.verifier.Verify(ctx, f.token()); err != nil {
		t.Fatal(err)
	}
	c.Add(2 * time.Minute)
	f.jwksFetches.Store(0)
	for i := range 50 {
		tok := signToken(t, key, "forged-"+string(rune('a'+i%3)), claimsFor(f.srv.URL, c.Now()))
		if _, err := a.verifier.Verify(ctx, tok); !errors.Is(err, ErrInvalidToken) {
			t.Fatalf("unknown kid accepted: %v", err)
		}
	}
	if n := f.jwksFetches.Load(); n != 1 {
		t.Errorf("JWKS fetches = %d for 50 unknown-kid tokens, want 1", n)
	}
}

func TestFailingFetchKeepsLastGoodKeys(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	if s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+f.token())); s == nil {
		t.Fatal("token rejected")
	}
	f.mu.Lock()
	f.jwks = []byte("<html>oops</html>")
	f.mu.Unlock()
	c.Add(2 * time.Hour) // keys are old: the next verification refetches, which fails
	a.tokens.delete(f.token())
	if _, err := a.verifier.Verify(context.Background(), f.token()); err != nil {
		t.Fatalf("lost the last good keys: %v", err)
	}
}

func TestJWKSFetchLimits(t *testing.T) {
	huge := `{"keys":[` + strings.Repeat(" ", maxJWKSBytes) + `]}`
	for name, h := range map[string]http.HandlerFunc{
		"status": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", 500) },
		"content type": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`{"keys":[]}`))
		},
		"too large": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(huge))
		},
		"no keys": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"keys":[]}`))
		},
		"redirect": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://evil.example/jwks", http.StatusFound)
		},
	} {
		srv := httptest.NewServer(h)
		rk := newRemoteKeys(srv.URL, noRedirectClient(nil), []string{"RS256"}, 0, time.Now)
		if _, err := rk.key(context.Background(), "k", "RS256"); !errors.Is(err, ErrJWKS) {
			t.Errorf("%s: err %v, want ErrJWKS", name, err)
		}
		srv.Close()
	}
}

func TestJWKSOutageIsAnErrorNotALogout(t *testing.T) {
	f := newFakeSite(t, newClock())
	tok := f.token()
	f.mu.Lock()
	f.jwks = []byte("{}") // no usable key: the fetch fails
	f.mu.Unlock()
	a := f.newAuth()
	s, _, err := sessionOf(a, request("/", "better-auth.convex_jwt="+tok))
	if s != nil || !errors.Is(err, ErrJWKS) {
		t.Fatalf("session %v err %v, want ErrJWKS", s, err)
	}
	if w := serve(a.RequireAuth(okHandler), request("/dashboard", "better-auth.convex_jwt="+tok)); w.Code != http.StatusServiceUnavailable {
		t.Errorf("RequireAuth: %d, want 503", w.Code)
	}
}

func TestStaleKeysWithFailingJWKSRefetchAtMostOncePerInterval(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth(WithJWKSRefetchInterval(time.Minute))
	if _, err := a.verifier.Verify(context.Background(), f.token()); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.jwks = []byte("{}") // the JWKS endpoint now fails
	f.mu.Unlock()
	c.Add(2 * time.Hour) // the keys are past maxKeyAge
	f.jwksFetches.Store(0)
	rk := a.verifier.keys.(*remoteKeys)
	for range 20 {
		if _, err := a.verifier.Verify(context.Background(), f.token()); err != nil {
			t.Fatalf("stale keys not used while the JWKS fails: %v", err)
		}
	}
	waitForBackgroundRefresh(t, rk)
	if n := f.jwksFetches.Load(); n != 1 {
		t.Errorf("JWKS fetches = %d for 20 verifications with stale keys and a failing endpoint, want 1", n)
	}
	c.Add(2 * time.Minute)
	a.verifier.Verify(context.Background(), f.token())
	waitForBackgroundRefresh(t, rk)
	if n := f.jwksFetches.Load(); n != 2 {
		t.Errorf("JWKS fetches = %d after the interval, want 2", n)
	}
}

func TestWeakRSAKeysRefused(t *testing.T) {
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(jwksJSON(t, []string{"weak"}, weak))
	cfg := Config{ConvexURL: "https://a.convex.cloud", SiteURL: "https://a.convex.site", JWKS: doc}
	var found bool
	for _, p := range ValidateConfig(cfg) {
		found = found || (p.Field == "JWKS" && strings.Contains(p.Message, "1024-bit RSA key"))
	}
	if !found {
		t.Errorf("static JWKS with a 1024-bit key: problems %v", ValidateConfig(cfg))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, doc)
	}))
	defer srv.Close()
	rk := newRemoteKeys(srv.URL, noRedirectClient(nil), []string{"RS256"}, 0, time.Now)
	if _, err := rk.key(context.Background(), "weak", "RS256"); !errors.Is(err, ErrJWKS) {
		t.Errorf("remote JWKS with only a 1024-bit key: %v, want ErrJWKS", err)
	}
}
