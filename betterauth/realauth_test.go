package betterauth_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
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

	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/internal/nodeharness"
)

// These tests run the real better-auth with the real convex() plugin
// (tests/node/betterauth-harness.mjs) on 127.0.0.1 and put the runtime in
// front of it, as a Go server in front of a Convex site would be.

const tokenPath = "/api/auth/convex/token"
const jwksPath = "/api/auth/convex/jwks"

// offsetClock is real time plus an adjustable offset: the harness signs
// with the real clock, and tests move ours relative to it.
type offsetClock struct{ offset atomic.Int64 }

func (c *offsetClock) Now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *offsetClock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// app is a Go server with the runtime in front of a harness.
type app struct {
	t     *testing.T
	ba    *nodeharness.BetterAuth
	auth  *betterauth.Auth
	srv   *httptest.Server
	clock *offsetClock
	// appOrigin is the Origin browsers send when it is not srv's own: a
	// replica started with serveApp serves the first server's origin.
	appOrigin string
}

// seen is what the /me handler reports about a request's session.
type seen struct {
	Subject, SessionID, Email, Token string
	Authenticated                    bool
	Err                              string
	TokenEndpointErr                 bool
	TokenEndpointStatus              int           // the failing token endpoint's last status
	TokenEndpointRetryAfter          time.Duration // the wait it asked for
}

// siteURLIsApp as BetterAuthOptions.SiteURL makes startApp give Better
// Auth the Go server's origin as baseURL, as a deployment whose app proxies
// Better Auth has: links it sends (e-mail verification) point at the app.
const siteURLIsApp = "<the app's origin>"

func startApp(t *testing.T, opts nodeharness.BetterAuthOptions, cfgMod func(*betterauth.Config), authOpts ...betterauth.Option) *app {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	origin := "http://" + srv.Listener.Addr().String()
	opts.TrustedOrigins = append(opts.TrustedOrigins, origin)
	if opts.SiteURL == siteURLIsApp {
		opts.SiteURL = origin
	}
	ba := nodeharness.StartBetterAuth(t, opts)
	return serveApp(t, srv, ba, opts.CookiePrefix, cfgMod, authOpts...)
}

// serveApp starts srv as a Go server with the runtime in front of ba. A
// second server on one harness is another replica of the app: its own
// caches, its own configuration.
func serveApp(t *testing.T, srv *httptest.Server, ba *nodeharness.BetterAuth, cookiePrefix string, cfgMod func(*betterauth.Config), authOpts ...betterauth.Option) *app {
	t.Helper()
	clock := &offsetClock{}
	cfg := betterauth.Config{
		ConvexURL:    "https://harness.convex.cloud",
		SiteURL:      ba.URL,
		BasePath:     ba.BasePath,
		CookiePrefix: cookiePrefix,
		Now:          clock.Now,
		// Under CPU starvation Node can stall for seconds: the runtime's
		// production timeouts would turn that into a flaky failure.
		HTTPClient: nodeharness.NewHTTPClient(),
	}
	if cfgMod != nil {
		cfgMod(&cfg)
	}
	authOpts = append([]betterauth.Option{
		betterauth.WithLogger(slog.New(slog.DiscardHandler)),
		betterauth.WithTokenRetry(2, time.Millisecond),
	}, authOpts...)
	a, err := betterauth.New(cfg, authOpts...)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(cfg.BasePath+"/", a.AuthHandler())
	mux.Handle("/me", a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var out seen
		if s, ok := betterauth.SessionFromContext(r.Context()); ok {
			out = seen{Subject: s.Subject, SessionID: s.SessionID, Email: s.Email, Token: s.Token, Authenticated: true}
		}
		if err := betterauth.SessionErr(r.Context()); err != nil {
			out.Err = err.Error()
			out.TokenEndpointErr = errors.Is(err, betterauth.ErrTokenEndpoint)
			if te := (*betterauth.TokenEndpointError)(nil); errors.As(err, &te) {
				out.TokenEndpointStatus, out.TokenEndpointRetryAfter = te.Status, te.RetryAfter
			}
		}
		json.NewEncoder(w).Encode(out)
	})))
	mux.Handle("/dashboard", a.RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "dashboard")
	})))
	srv.Config.Handler = mux
	srv.Start()
	t.Cleanup(srv.Close)
	return &app{t: t, ba: ba, auth: a, srv: srv, clock: clock}
}

var noRedirects = nodeharness.NewHTTPClient()

// post sends a JSON POST through the Go server's AuthHandler.
func (a *app) post(path string, body any, cookies []*http.Cookie) *http.Response {
	a.t.Helper()
	payload, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+path, bytes.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", a.srv.URL)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		a.t.Fatalf("POST %s through AuthHandler: %s", path, resp.Status)
	}
	return resp
}

// signUp creates a user through AuthHandler and returns the cookies set.
func (a *app) signUp(email string) []*http.Cookie {
	return a.post(a.ba.BasePath+"/sign-up/email", map[string]string{"email": email, "password": "correct-horse-battery", "name": "Alice"}, nil).Cookies()
}

// me calls /me with cookies and returns what the handler saw and the response.
func (a *app) me(cookies ...*http.Cookie) (seen, *http.Response) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+"/me", nil)
	for _, c := range cookies {
		if c != nil && c.MaxAge >= 0 && c.Value != "" {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out seen
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		a.t.Fatal(err)
	}
	return out, resp
}

// meWithHeader calls /me with one extra request header and no cookies.
func (a *app) meWithHeader(name, value string) (seen, *http.Response) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+"/me", nil)
	req.Header.Set(name, value)
	resp, err := noRedirects.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out seen
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		a.t.Fatal(err)
	}
	return out, resp
}

// count returns how many requests the harness saw on path.
func (a *app) count(path string) int {
	a.t.Helper()
	n, err := a.ba.Requests()
	if err != nil {
		a.t.Fatal(err)
	}
	return n[path]
}

func cookie(t *testing.T, cookies []*http.Cookie, name string) *http.Cookie {
	t.Helper()
	c := nodeharness.FindCookie(cookies, name)
	if c == nil || c.Value == "" {
		var names []string
		for _, c := range cookies {
			names = append(names, c.Name)
		}
		t.Fatalf("no %s cookie among %v", name, names)
	}
	return c
}

func TestRealBetterAuth(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{}, nil, betterauth.WithJWKSRefetchInterval(time.Minute))

	cookies := a.signUp("alice@example.com")
	session := cookie(t, cookies, "better-auth.session_token")
	jwt := cookie(t, cookies, "better-auth.convex_jwt")

	t.Run("sign in through AuthHandler", func(t *testing.T) {
		got := a.post(a.ba.BasePath+"/sign-in/email", map[string]string{"email": "alice@example.com", "password": "correct-horse-battery"}, nil).Cookies()
		cookie(t, got, "better-auth.session_token")
		cookie(t, got, "better-auth.convex_jwt")
	})

	t.Run("no JWT cookie: one mint and a refreshed cookie", func(t *testing.T) {
		before := a.count(tokenPath)
		s, resp := a.me(session)
		if !s.Authenticated {
			t.Fatalf("session %+v", s)
		}
		if n := a.count(tokenPath) - before; n != 1 {
			t.Errorf("mints = %d, want 1", n)
		}
		set := cookie(t, resp.Cookies(), "better-auth.convex_jwt")
		if !set.HttpOnly || set.Path != "/" || set.SameSite != http.SameSiteLaxMode || set.Secure || set.MaxAge < 800 || set.MaxAge > 900 {
			t.Errorf("refreshed cookie attributes %+v", set)
		}
	})

	// The previous mint taught Auth the session cookie's session, so the
	// cookie JWT of that session is checked against it without a mint.
	t.Run("fresh cookie JWT: zero mints", func(t *testing.T) {
		before := a.count(tokenPath)
		s, _ := a.me(session, jwt)
		if !s.Authenticated || s.Email != "alice@example.com" || s.Subject == "" || s.SessionID == "" || s.Token != jwt.Value {
			t.Fatalf("session %+v", s)
		}
		if n := a.count(tokenPath) - before; n != 0 {
			t.Errorf("mints = %d, want 0", n)
		}
	})

	t.Run("expiring cookie JWT: exactly one mint", func(t *testing.T) {
		a.clock.Advance(14*time.Minute + 50*time.Second) // the cookie JWT now has 10s left: inside the 30s margin
		defer a.clock.Advance(-(14*time.Minute + 50*time.Second))
		before := a.count(tokenPath)
		s, _ := a.me(session, jwt)
		if !s.Authenticated {
			t.Fatalf("session %+v", s)
		}
		if n := a.count(tokenPath) - before; n != 1 {
			t.Errorf("mints = %d, want 1", n)
		}
	})

	t.Run("expired real token is rejected", func(t *testing.T) {
		cfg := a.auth.Config()
		cfg.Now = func() time.Time { return time.Now().Add(16 * time.Minute) }
		cfg.HTTPClient = nil
		if _, err := betterauth.VerifyToken(t.Context(), cfg, jwt.Value); !errors.Is(err, betterauth.ErrInvalidToken) {
			t.Errorf("err = %v, want ErrInvalidToken", err)
		}
	})

	t.Run("forged variants of a real token are rejected", func(t *testing.T) {
		for name, tok := range forgeFrom(t, a.ba, jwt.Value) {
			if s, _ := a.me(&http.Cookie{Name: "better-auth.convex_jwt", Value: tok}); s.Authenticated {
				t.Errorf("%s: accepted", name)
			}
			if _, err := betterauth.VerifyToken(t.Context(), a.auth.Config(), tok); !errors.Is(err, betterauth.ErrInvalidToken) {
				t.Errorf("%s: err = %v, want ErrInvalidToken", name, err)
			}
		}
	})

	t.Run("API client with a bearer JWT", func(t *testing.T) {
		before := a.count(tokenPath)
		s, resp := a.meWithHeader("Authorization", "bearer  "+jwt.Value)
		if !s.Authenticated || s.Token != jwt.Value || s.Email != "alice@example.com" || len(resp.Cookies()) != 0 {
			t.Errorf("bearer JWT: session %+v, Set-Cookie %v", s, resp.Cookies())
		}
		if s, _ := a.meWithHeader("Authorization", "Bearer "+session.Value); s.Authenticated || s.Err != "" {
			t.Errorf("bearer session token: %+v, want anonymous without error", s)
		}
		if n := a.count(tokenPath) - before; n != 0 {
			t.Errorf("token endpoint calls = %d, want 0", n)
		}
	})

	t.Run("token endpoint 401: anonymous", func(t *testing.T) {
		forged := &http.Cookie{Name: "better-auth.session_token", Value: "forged.c2lnbmF0dXJl"}
		before := a.count(tokenPath)
		for range 3 {
			s, _ := a.me(forged)
			if s.Authenticated || s.Err != "" {
				t.Errorf("session %+v, want anonymous without error", s)
			}
		}
		if n := a.count(tokenPath) - before; n != 1 {
			t.Errorf("token endpoint calls = %d for a refused cookie sent 3 times, want 1", n)
		}
	})

	t.Run("injected 503: error, not anonymous", func(t *testing.T) {
		if err := a.ba.FailToken(503, 2); err != nil {
			t.Fatal(err)
		}
		other := a.signUp("bob@example.com")
		bob := cookie(t, other, "better-auth.session_token")
		s, _ := a.me(bob)
		if s.Authenticated || !s.TokenEndpointErr {
			t.Fatalf("session %+v, want a token endpoint error", s)
		}
		if err := a.ba.FailToken(503, 2); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodGet, a.srv.URL+"/dashboard", nil)
		req.AddCookie(&http.Cookie{Name: bob.Name, Value: bob.Value})
		resp, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("RequireAuth during outage: %s, want 503", resp.Status)
		}
	})

	t.Run("key rotation: one JWKS refetch", func(t *testing.T) {
		kid, err := a.ba.RotateKeys()
		if err != nil {
			t.Fatal(err)
		}
		a.clock.Advance(2 * time.Minute) // past the refetch interval
		fresh := a.signUp("carol@example.com")
		before := a.count(jwksPath)
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if s, _ := a.me(cookie(t, fresh, "better-auth.session_token")); !s.Authenticated {
					t.Errorf("after rotation to %s: %+v", kid, s)
				}
			}()
		}
		wg.Wait()
		if n := a.count(jwksPath) - before; n != 1 {
			t.Errorf("JWKS fetches = %d, want 1", n)
		}
	})

	t.Run("sign-out then 401: anonymous and cookie cleared", func(t *testing.T) {
		user := a.signUp("dave@example.com")
		sess := cookie(t, user, "better-auth.session_token")
		a.post(a.ba.BasePath+"/sign-out", map[string]string{}, []*http.Cookie{{Name: sess.Name, Value: sess.Value}})
		stale := &http.Cookie{Name: "better-auth.convex_jwt", Value: "x.y.z"}
		s, resp := a.me(sess, stale)
		if s.Authenticated || s.Err != "" {
			t.Fatalf("session %+v, want anonymous", s)
		}
		if c := nodeharness.FindCookie(resp.Cookies(), "better-auth.convex_jwt"); c == nil || c.MaxAge >= 0 {
			t.Errorf("stale convex_jwt not cleared: %+v", c)
		}
	})

	t.Run("sign-out forgets the cached session at once", func(t *testing.T) {
		user := a.signUp("heidi@example.com")
		sess := cookie(t, user, "better-auth.session_token")
		jwt := cookie(t, user, "better-auth.convex_jwt")
		if s, _ := a.me(sess); !s.Authenticated { // mints and caches the session for a minute
			t.Fatalf("before sign-out: %+v", s)
		}
		if s, _ := a.me(sess, jwt); !s.Authenticated {
			t.Fatalf("before sign-out with the JWT cookie: %+v", s)
		}
		a.post(a.ba.BasePath+"/sign-out", map[string]string{}, []*http.Cookie{{Name: sess.Name, Value: sess.Value}, {Name: jwt.Name, Value: jwt.Value}})
		before := a.count(tokenPath)
		if s, _ := a.me(sess); s.Authenticated || s.Err != "" {
			t.Errorf("session cookie replayed after sign-out: %+v, want anonymous", s)
		}
		if n := a.count(tokenPath) - before; n != 1 {
			t.Errorf("token endpoint calls = %d, want 1 (the cache must not answer)", n)
		}
		if s, _ := a.me(sess, jwt); s.Authenticated {
			t.Errorf("session and JWT cookies replayed after sign-out: %+v, want anonymous", s)
		}
		if s, _ := a.me(jwt); s.Authenticated {
			t.Errorf("JWT cookie replayed after sign-out: %+v, want anonymous", s)
		}
	})
}

func TestRealBetterAuthConcurrentRequestsShareOneMint(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{}, nil)
	session := cookie(t, a.signUp("erin@example.com"), "better-auth.session_token")
	if err := a.ba.DelayToken(300*time.Millisecond, 1); err != nil {
		t.Fatal(err)
	}
	before := a.count(tokenPath)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s, _ := a.me(session); !s.Authenticated {
				t.Errorf("session %+v", s)
			}
		}()
	}
	wg.Wait()
	if n := a.count(tokenPath) - before; n != 1 {
		t.Errorf("mints = %d, want 1", n)
	}
}

func TestRealBetterAuthSecureCookies(t *testing.T) {
	yes := true
	a := startApp(t, nodeharness.BetterAuthOptions{UseSecureCookies: &yes}, nil)
	cookies := a.signUp("frank@example.com")
	session := cookie(t, cookies, "__Secure-better-auth.session_token")
	jwt := cookie(t, cookies, "__Secure-better-auth.convex_jwt")
	if s, _ := a.me(jwt); !s.Authenticated {
		t.Errorf("__Secure- JWT cookie over http not read: %+v", s)
	}
	before := a.count(tokenPath)
	s, _ := a.me(session)
	if !s.Authenticated || a.count(tokenPath)-before != 1 {
		t.Errorf("__Secure- session cookie did not mint: %+v", s)
	}
}

func TestRealBetterAuthCustomCookiePrefix(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{CookiePrefix: "acme"}, nil)
	cookies := a.signUp("grace@example.com")
	session := cookie(t, cookies, "acme.session_token")
	jwt := cookie(t, cookies, "acme.convex_jwt")
	if s, _ := a.me(jwt); !s.Authenticated {
		t.Errorf("acme.convex_jwt not read: %+v", s)
	}
	if s, _ := a.me(session); !s.Authenticated {
		t.Errorf("acme.session_token did not mint: %+v", s)
	}
	if s, _ := a.me(&http.Cookie{Name: "better-auth.session_token", Value: session.Value}); s.Authenticated {
		t.Error("default-prefix cookie accepted despite the custom prefix")
	}
}

func TestRealBetterAuthCheckLive(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{}, nil)
	if err := a.auth.CheckLive(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// forgeFrom derives hostile tokens from a real one: payload or signature
// tampered, truncated, alg none, HS256 keyed with the published public key,
// and an unknown kid.
func forgeFrom(t *testing.T, ba *nodeharness.BetterAuth, real string) map[string]string {
	t.Helper()
	enc := base64.RawURLEncoding
	parts := strings.Split(real, ".")
	header, _ := enc.DecodeString(parts[0])
	payload, _ := enc.DecodeString(parts[1])
	var h map[string]any
	if err := json.Unmarshal(header, &h); err != nil {
		t.Fatal(err)
	}
	withHeader := func(mod map[string]any) string {
		nh := map[string]any{}
		for k, v := range h {
			nh[k] = v
		}
		for k, v := range mod {
			nh[k] = v
		}
		b, _ := json.Marshal(nh)
		return enc.EncodeToString(b)
	}
	sig, _ := enc.DecodeString(parts[2])
	sig[0] ^= 0x80

	jwks, err := ba.JWKS()
	if err != nil {
		t.Fatal(err)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(jwks, &set); err != nil || len(set.Keys) == 0 {
		t.Fatalf("JWKS %s: %v", jwks, err)
	}
	der, err := x509.MarshalPKIXPublicKey(set.Keys[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	hsInput := withHeader(map[string]any{"alg": "HS256"}) + "." + parts[1]
	mac := hmac.New(sha256.New, der)
	mac.Write([]byte(hsInput))

	return map[string]string{
		"tampered payload":   parts[0] + "." + enc.EncodeToString(bytes.Replace(payload, []byte(`"aud":"convex"`), []byte(`"aud":"convex","admin":true`), 1)) + "." + parts[2],
		"tampered signature": parts[0] + "." + parts[1] + "." + enc.EncodeToString(sig),
		"truncated":          real[:len(real)-8],
		"alg none":           withHeader(map[string]any{"alg": "none"}) + "." + parts[1] + ".",
		"HS256 with pub key": hsInput + "." + enc.EncodeToString(mac.Sum(nil)),
		"unknown kid":        withHeader(map[string]any{"kid": "not-a-kid"}) + "." + parts[1] + "." + parts[2],
	}
}
