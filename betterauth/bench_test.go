package betterauth

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchSetup returns an Auth with a static JWKS (no network), a valid
// token, and a request carrying it as the convex_jwt cookie.
func benchSetup(b *testing.B) (*Auth, string, *http.Request) {
	key, _ := rsaKeys(b)
	c := newClock()
	cfg := Config{
		ConvexURL: "https://bench.convex.cloud",
		SiteURL:   "https://bench.convex.site",
		JWKS:      string(jwksJSON(b, []string{"kid-1"}, key)),
		Now:       c.Now,
	}
	a, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	tok := signToken(b, key, "kid-1", claimsFor(cfg.SiteURL, c.Now()))
	r := httptest.NewRequest(http.MethodGet, "/dashboard", nil)
	r.Header.Set("Cookie", "theme=dark; better-auth.convex_jwt="+tok+"; better-auth.session_token=abc.sig")
	return a, tok, r
}

// discard is a ResponseWriter that allocates nothing.
type discard struct{ h http.Header }

func (d discard) Header() http.Header       { return d.h }
func (discard) Write(p []byte) (int, error) { return len(p), nil }
func (discard) WriteHeader(int)             {}

var sink bool

func BenchmarkMiddlewareWarm(b *testing.B) {
	a, _, r := benchSetup(b)
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink = IsAuthenticated(r.Context()) }))
	w := discard{h: http.Header{}}
	h.ServeHTTP(w, r) // verify once: the loop measures cache hits
	if !sink {
		b.Fatal("not authenticated")
	}
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, r)
	}
}

func BenchmarkMiddlewareCold(b *testing.B) {
	a, tok, r := benchSetup(b)
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink = IsAuthenticated(r.Context()) }))
	w := discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		a.tokens.delete(tok) // force a full verification each time
		h.ServeHTTP(w, r)
	}
	if !sink {
		b.Fatal("not authenticated")
	}
}

func BenchmarkRawRSAVerify(b *testing.B) {
	key, _ := rsaKeys(b)
	_, tok, _ := benchSetup(b)
	i := strings.LastIndexByte(tok, '.')
	sig, err := base64.RawURLEncoding.DecodeString(tok[i+1:])
	if err != nil {
		b.Fatal(err)
	}
	pub := &key.PublicKey
	b.ReportAllocs()
	for b.Loop() {
		h := sha256.Sum256([]byte(tok[:i]))
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, h[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}
