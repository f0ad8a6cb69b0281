package betterauth

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Test keys are generated once per test binary: RSA generation is slow.
var (
	keysOnce          sync.Once
	testKey, otherKey *rsa.PrivateKey
)

func rsaKeys(t testing.TB) (*rsa.PrivateKey, *rsa.PrivateKey) {
	t.Helper()
	keysOnce.Do(func() {
		var err error
		if testKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
		if otherKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	})
	return testKey, otherKey
}

// testNow is the fixed clock of unit tests.
var testNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// clock is an adjustable test clock.
type clock struct{ ns atomic.Int64 }

func newClock() *clock          { c := &clock{}; c.ns.Store(testNow.UnixNano()); return c }
func (c *clock) Now() time.Time { return time.Unix(0, c.ns.Load()) }
func (c *clock) Add(d time.Duration) {
	c.ns.Add(int64(d))
}

// signToken signs claims with key under kid (omitted when empty) using RS256.
func signToken(t testing.TB, key *rsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	opts.ExtraHeaders = map[jose.HeaderKey]any{}
	if kid != "" {
		opts.ExtraHeaders["kid"] = kid
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, opts)
	if err != nil {
		t.Fatal(err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := signer.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	s, err := obj.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// betterAuthToken signs a token exactly as @convex-dev/better-auth 0.12
// does: header {"alg":"RS256","kid":…} without typ, and the claims in the
// plugin's order (reference/better-auth-internals.md §2).
func betterAuthToken(t testing.TB, key *rsa.PrivateKey, kid, iss string, now time.Time) string {
	t.Helper()
	header := `{"alg":"RS256","kid":"` + kid + `"}`
	iat := now.Unix()
	payload := fmt.Sprintf(`{"iat":%d,"name":"Alice","email":"alice@example.com","emailVerified":false,`+
		`"createdAt":%d,"updatedAt":%d,"sessionId":"e3LRD380dtia7QmZez7BVQaYVw3O70Gy",`+
		`"sub":"tdmcoLbuJENsx42Lt6JBGImJNYYvnhq0","exp":%d,"iss":"%s","aud":"convex"}`,
		iat, now.UnixMilli()-3600_000, now.UnixMilli()-3600_000, iat+900, iss)
	input := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + base64.RawURLEncoding.EncodeToString([]byte(payload))
	return input + "." + base64.RawURLEncoding.EncodeToString(rsaSign(t, key, input))
}

// claimsFor returns Better Auth–shaped claims for iss valid at now for 15 minutes.
func claimsFor(iss string, now time.Time) map[string]any {
	return map[string]any{
		"iat": now.Unix(), "exp": now.Add(15 * time.Minute).Unix(),
		"iss": iss, "aud": "convex", "sub": "user_1", "sessionId": "sess_1",
		"email": "alice@example.com", "name": "Alice", "emailVerified": false,
	}
}

// jwksJSON is a JWKS document with the public halves of keys under kids.
func jwksJSON(t testing.TB, kids []string, keys ...*rsa.PrivateKey) []byte {
	t.Helper()
	set := jose.JSONWebKeySet{}
	for i, k := range keys {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &k.PublicKey, KeyID: kids[i], Algorithm: "RS256"})
	}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fakeSite imitates the Better Auth endpoints on a Convex site:
// /api/auth/convex/jwks and /api/auth/convex/token.
type fakeSite struct {
	t     testing.TB
	srv   *httptest.Server
	clock *clock

	mu          sync.Mutex
	jwks        []byte
	kid         string
	key         *rsa.PrivateKey
	tokenStatus []int  // statuses to answer before succeeding; 0 = succeed
	retryAfter  string // Retry-After sent with a tokenStatus answer, if set
	validCookie string
	lastReq     *http.Request
	gate        chan struct{} // when set, the token endpoint waits for it
	// signOutStatus, when set, is the sign-out endpoint's failing status;
	// otherwise sign-out invalidates validCookie and answers 200.
	signOutStatus int
	// mintSetCookie is a Set-Cookie the token endpoint adds to a 200 (a
	// session extended after updateAge); deniedSetCookie one it adds to a
	// 401 (better-auth ≥ 1.6.27 clears the dead session's cookies).
	mintSetCookie, deniedSetCookie string

	mints, jwksFetches, signOuts atomic.Int32
}

func newFakeSite(t testing.TB, c *clock) *fakeSite {
	k, _ := rsaKeys(t)
	f := &fakeSite{t: t, clock: c, kid: "kid-1", key: k, validCookie: "better-auth.session_token=sess-abc.sig"}
	f.jwks = jwksJSON(t, []string{"kid-1"}, k)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/auth/convex/jwks", func(w http.ResponseWriter, r *http.Request) {
		f.jwksFetches.Add(1)
		f.mu.Lock()
		body := f.jwks
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	mux.HandleFunc("GET /api/auth/convex/token", func(w http.ResponseWriter, r *http.Request) {
		f.mints.Add(1)
		f.mu.Lock()
		f.lastReq = r.Clone(r.Context())
		gate := f.gate
		var status int
		if len(f.tokenStatus) > 0 {
			status, f.tokenStatus = f.tokenStatus[0], f.tokenStatus[1:]
		}
		valid := r.Header.Get("Cookie") == f.validCookie
		kid, key := f.kid, f.key
		mintSetCookie, deniedSetCookie := f.mintSetCookie, f.deniedSetCookie
		f.mu.Unlock()
		if gate != nil {
			<-gate
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case status != 0:
			if f.retryAfter != "" {
				w.Header().Set("Retry-After", f.retryAfter)
			}
			w.WriteHeader(status)
			io.WriteString(w, `{"message":"Internal Server Error"}`)
		case !valid:
			if deniedSetCookie != "" {
				w.Header().Add("Set-Cookie", deniedSetCookie)
			}
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"Unauthorized","code":"UNAUTHORIZED"}`)
		default:
			tok := signToken(f.t, key, kid, claimsFor(f.srv.URL, f.clock.Now()))
			http.SetCookie(w, &http.Cookie{Name: "better-auth.convex_jwt", Value: tok, MaxAge: 900, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
			if mintSetCookie != "" {
				w.Header().Add("Set-Cookie", mintSetCookie)
			}
			json.NewEncoder(w).Encode(map[string]string{"token": tok})
		}
	})
	mux.HandleFunc("POST /api/auth/sign-out", func(w http.ResponseWriter, r *http.Request) {
		f.signOuts.Add(1)
		f.mu.Lock()
		status := f.signOutStatus
		if status == 0 && r.Header.Get("Cookie") != "" && strings.Contains(r.Header.Get("Cookie"), f.validCookie) {
			f.validCookie = "" // the session is deleted: its cookie no longer mints
		}
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("Set-Cookie", "better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax")
		w.Header().Add("Set-Cookie", "better-auth.convex_jwt=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax")
		if status != 0 {
			w.WriteHeader(status)
		}
		io.WriteString(w, `{"success":true}`)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// token signs a valid token for this site at the current clock.
func (f *fakeSite) token() string {
	return signToken(f.t, f.key, f.kid, claimsFor(f.srv.URL, f.clock.Now()))
}

// config is a Config pointing at the fake site.
func (f *fakeSite) config() Config {
	return Config{
		ConvexURL: "https://test.convex.cloud", // not called by these tests
		SiteURL:   f.srv.URL,
		Now:       f.clock.Now,
	}
}

// newAuth builds an Auth on the fake site with fast retries and a quiet logger.
func (f *fakeSite) newAuth(opts ...Option) *Auth {
	f.t.Helper()
	opts = append([]Option{WithTokenRetry(3, time.Millisecond), WithLogger(slog.New(slog.DiscardHandler))}, opts...)
	a, err := New(f.config(), opts...)
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}

// request builds a GET with the given Cookie header.
func request(target, cookie string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	return r
}

// sessionOf runs r through Middleware and reports what the handler saw.
func sessionOf(a *Auth, r *http.Request) (*Session, *httptest.ResponseRecorder, error) {
	var s *Session
	var serr error
	w := httptest.NewRecorder()
	a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ = SessionFromContext(r.Context())
		serr = SessionErr(r.Context())
	})).ServeHTTP(w, r)
	return s, w, serr
}

func setCookies(w *httptest.ResponseRecorder) string {
	return strings.Join(w.Result().Header.Values("Set-Cookie"), "\n")
}

// rsaSign produces an RS256 signature over input.
func rsaSign(t testing.TB, key *rsa.PrivateKey, input string) []byte {
	t.Helper()
	h := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, h[:])
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
func jsonMarshal(v any) ([]byte, error)   { return json.Marshal(v) }
func b64std(b []byte) string              { return base64.StdEncoding.EncodeToString(b) }

// knowSessionCookie tells a which session cookie (a "name=value" pair)
// belongs to, as a mint from it would have: a JWT cookie of that session
// then needs no mint.
func knowSessionCookie(a *Auth, cookie, sessionID string) {
	name, value, _ := strings.Cut(cookie, "=")
	m := mintRequest{cookieName: name, cookieValue: value}
	now := a.now()
	k := a.pairingKey(m)
	a.sessionIDs.put(string(k[:]), sessionID, now.Add(sessionIDTTL), now)
}
