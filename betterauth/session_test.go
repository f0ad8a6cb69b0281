package betterauth

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const sessionCookie = "better-auth.session_token=sess-abc.sig"

func TestFreshCookieJWTNeedsNoNetwork(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	// A JWT cookie beside a session cookie counts once the cookie's session
	// is known (a first request from it mints once to learn it).
	knowSessionCookie(a, sessionCookie, "sess_1")
	tok := f.token()
	f.jwksFetches.Store(0)
	for _, cookie := range []string{
		"better-auth.convex_jwt=" + tok,
		"__Secure-better-auth.convex_jwt=" + tok,
		"better-auth-convex_jwt=" + tok,
		"other=1; better-auth.convex_jwt=" + tok + "; " + sessionCookie,
	} {
		s, _, err := sessionOf(a, request("/", cookie))
		if err != nil || s == nil || s.Subject != "user_1" || s.SessionID != "sess_1" || s.Email != "alice@example.com" || s.Name != "Alice" {
			t.Fatalf("cookie %.40q: session %+v, err %v", cookie, s, err)
		}
	}
	if n := f.mints.Load(); n != 0 {
		t.Errorf("token endpoint called %d times, want 0", n)
	}
	if n := f.jwksFetches.Load(); n != 1 {
		t.Errorf("JWKS fetched %d times, want 1", n)
	}
}

func TestExpiredCookieMintsOnceAndSetsCookie(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	old := f.token()
	c.Add(20 * time.Minute)
	s, w, err := sessionOf(a, request("/", "better-auth.convex_jwt="+old+"; "+sessionCookie))
	if err != nil || s == nil || s.Token == old {
		t.Fatalf("session %+v, err %v", s, err)
	}
	if n := f.mints.Load(); n != 1 {
		t.Errorf("mints = %d, want 1", n)
	}
	want := "better-auth.convex_jwt=" + s.Token + "; Max-Age=900; Path=/; HttpOnly; SameSite=Lax"
	if got := setCookies(w); got != want {
		t.Errorf("Set-Cookie\n got %q\nwant %q", got, want)
	}
	if got := w.Header().Get("Cache-Control"); got != "private" {
		t.Errorf("Cache-Control %q on a response carrying a JWT cookie, want private (no shared cache may keep it)", got)
	}
}

func TestCookieWithinRefreshMarginIsReminted(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	tok := f.token()
	c.Add(15*time.Minute - 10*time.Second) // inside the 30s margin
	s, _, err := sessionOf(a, request("/", "better-auth.convex_jwt="+tok+"; "+sessionCookie))
	if err != nil || s == nil || s.Token == tok || f.mints.Load() != 1 {
		t.Fatalf("session %v err %v mints %d; want a fresh mint", s, err, f.mints.Load())
	}
	// Without a session cookie the still-valid token is used as is.
	s, _, err = sessionOf(a, request("/", "better-auth.convex_jwt="+tok))
	if err != nil || s == nil || s.Token != tok {
		t.Fatalf("without session cookie: session %v err %v", s, err)
	}
}

func TestMintRequestIsClean(t *testing.T) {
	f := newFakeSite(t, newClock())
	f.validCookie = "__Secure-" + sessionCookie // over https only __Secure- names count
	a := f.newAuth()
	r := request("https://app.example.com/dash", "junk=1; "+f.validCookie)
	r.Host = "app.example.com"
	r.Header.Set("X-Forwarded-Host", "evil.example")
	r.Header.Set("X-Forwarded-Proto", "https")
	r.Header.Set("Content-Length", "42")
	r.Header.Set("Authorization", "Bearer x")
	r.Header.Set("Accept-Encoding", "gzip")
	s, w, err := sessionOf(a, r)
	if err != nil || s == nil {
		t.Fatalf("session %v err %v", s, err)
	}
	got := f.lastReq
	for name, want := range map[string]string{
		"Cookie":                        "__Secure-" + sessionCookie,
		"X-Better-Auth-Forwarded-Host":  "app.example.com",
		"X-Better-Auth-Forwarded-Proto": "https",
		"Accept-Encoding":               "identity",
		"X-Forwarded-Host":              "",
		"Authorization":                 "",
		"Content-Length":                "",
	} {
		if v := got.Header.Get(name); v != want {
			t.Errorf("token request %s = %q, want %q", name, v, want)
		}
	}
	if got.Host != strings.TrimPrefix(f.srv.URL, "http://") {
		t.Errorf("token request Host = %q", got.Host)
	}
	if c := setCookies(w); !strings.HasPrefix(c, "__Secure-better-auth.convex_jwt=") || !strings.Contains(c, "; Secure; SameSite=Lax") {
		t.Errorf("https request got Set-Cookie %q, want the __Secure- variant", c)
	}
}

func TestTokenEndpoint401IsAnonymousAndClearsStaleCookie(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	old := f.token()
	c.Add(time.Hour)
	s, w, err := sessionOf(a, request("/", "better-auth.convex_jwt="+old+"; better-auth.session_token=revoked.sig"))
	if s != nil || err != nil {
		t.Fatalf("session %v err %v, want anonymous", s, err)
	}
	if got, want := setCookies(w), "better-auth.convex_jwt=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"; got != want {
		t.Errorf("Set-Cookie %q, want %q", got, want)
	}
	if got := w.Header().Get("Cache-Control"); got != "private" {
		t.Errorf("Cache-Control %q on a response clearing a cookie, want private", got)
	}
	if n := f.mints.Load(); n != 1 {
		t.Errorf("mints = %d, want 1 (401 is not retried)", n)
	}
}

// TestDeadSessionClearsEveryJWTCookie: with a legacy-named JWT cookie
// beside the current one, both go when the session is dead; the one left
// would otherwise sign the dead session in alone until it expires.
func TestDeadSessionClearsEveryJWTCookie(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	tok := f.token()
	c.Add(time.Second)
	_, w, err := sessionOf(a, request("/", "better-auth.convex_jwt="+f.token()+"; better-auth-convex_jwt="+tok+"; better-auth.session_token=revoked.sig"))
	if err != nil {
		t.Fatal(err)
	}
	got := w.Header().Values("Set-Cookie")
	want := []string{
		"better-auth.convex_jwt=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
		"better-auth-convex_jwt=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Set-Cookie %q, want %q", got, want)
	}
}

func TestTokenEndpoint5xxRetriesThenSucceeds(t *testing.T) {
	f := newFakeSite(t, newClock())
	f.tokenStatus = []int{503, 503}
	a := f.newAuth()
	s, _, err := sessionOf(a, request("/", sessionCookie))
	if err != nil || s == nil {
		t.Fatalf("session %v err %v", s, err)
	}
	if n := f.mints.Load(); n != 3 {
		t.Errorf("mints = %d, want 3", n)
	}
}

func TestTokenEndpointOutageIsAnErrorNotALogout(t *testing.T) {
	f := newFakeSite(t, newClock())
	f.tokenStatus = []int{503, 502, 500, 503}
	a := f.newAuth()
	s, _, err := sessionOf(a, request("/", sessionCookie))
	var te *TokenEndpointError
	if s != nil || !errors.Is(err, ErrTokenEndpoint) || !errors.As(err, &te) || te.Status != 500 {
		t.Fatalf("session %v err %v; want TokenEndpointError 500", s, err)
	}
	if n := f.mints.Load(); n != 3 {
		t.Errorf("attempts = %d, want 3", n)
	}

	// RequireAuth answers 503, neither a redirect nor 401.
	f.tokenStatus = []int{503, 503, 503}
	w := serve(a.RequireAuth(okHandler), request("/dashboard", sessionCookie))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Location") != "" {
		t.Errorf("RequireAuth during outage: %d %q", w.Code, w.Header().Get("Location"))
	}
}

func TestNetworkFailureIsTokenEndpointError(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	f.srv.Close()
	a.verifier.keys = &staticKeys{keys: mustParse(t, string(f.jwks))}
	_, _, err := sessionOf(a, request("/", sessionCookie))
	var te *TokenEndpointError
	if !errors.As(err, &te) || te.Status != 0 {
		t.Fatalf("err %v, want network TokenEndpointError", err)
	}
}

func TestOutageKeepsStillValidCookieToken(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	knowSessionCookie(a, sessionCookie, "sess_1")
	tok := f.token()
	c.Add(15*time.Minute - 10*time.Second)
	f.tokenStatus = []int{503, 503, 503}
	s, _, err := sessionOf(a, request("/", "better-auth.convex_jwt="+tok+"; "+sessionCookie))
	if err != nil || s == nil || s.Token != tok {
		t.Fatalf("session %v err %v; want the still-valid cookie token", s, err)
	}
}

func TestMintedTokenThatDoesNotVerifyIsAnError(t *testing.T) {
	f := newFakeSite(t, newClock())
	_, other := rsaKeys(t)
	f.key = other // signs with a key the JWKS does not publish under kid-1
	a := f.newAuth()
	_, _, err := sessionOf(a, request("/", sessionCookie))
	if !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("err %v, want ErrInvalidToken", err)
	}
}

func TestConcurrentRequestsShareOneMint(t *testing.T) {
	f := newFakeSite(t, newClock())
	gate := make(chan struct{})
	f.gate = gate
	a := f.newAuth()
	var wg sync.WaitGroup
	results := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, _, err := sessionOf(a, request("/", sessionCookie))
			if err == nil && s == nil {
				err = errors.New("anonymous")
			}
			results <- err
		}()
	}
	// Hold the first mint open until it has started, so requests overlap it;
	// later arrivals join the flight or find its cached result.
	for f.mints.Load() == 0 {
		runtime.Gosched()
	}
	close(gate)
	wg.Wait()
	close(results)
	for err := range results {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.mints.Load(); n != 1 {
		t.Fatalf("mints = %d, want 1", n)
	}
}

func TestOversizedAndMalformedCookiesIgnored(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	for _, cookie := range []string{
		"better-auth.session_token=" + strings.Repeat("a", maxCookieValue+1),
		"better-auth.session_token=",
		"better-auth.session_token=a\"b",
		"better-auth.convex_jwt=" + strings.Repeat("x", maxCookieValue+1),
	} {
		s, _, err := sessionOf(a, request("/", cookie))
		if s != nil || err != nil {
			t.Errorf("%.50q: session %v err %v", cookie, s, err)
		}
	}
	if n := f.mints.Load(); n != 0 {
		t.Errorf("mints = %d, want 0", n)
	}
}

func TestSecureCookiesConfigDecidesName(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	yes := true
	cfg := f.config()
	cfg.SecureCookies = &yes
	a, err := New(cfg, WithTokenRetry(1, 0))
	if err != nil {
		t.Fatal(err)
	}
	f.validCookie = "__Secure-" + sessionCookie
	_, w, _ := sessionOf(a, request("/", f.validCookie)) // plain http request judged secure
	if got := setCookies(w); !strings.HasPrefix(got, "__Secure-better-auth.convex_jwt=") {
		t.Errorf("Set-Cookie %q, want __Secure- name", got)
	}
}

func TestCustomCookiePrefix(t *testing.T) {
	f := newFakeSite(t, newClock())
	cfg := f.config()
	cfg.CookiePrefix = "acme"
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tok := f.token()
	if s, _, _ := sessionOf(a, request("/", "acme.convex_jwt="+tok)); s == nil {
		t.Error("acme.convex_jwt not read")
	}
	if s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+tok)); s != nil {
		t.Error("default-prefix cookie read despite custom prefix")
	}
}

func TestCookieNames(t *testing.T) {
	got := CookieNames("", true)
	want := Names{"__Secure-better-auth.session_token", "__Secure-better-auth.convex_jwt", "__Secure-better-auth-convex_jwt"}
	if got != want {
		t.Errorf("CookieNames = %+v", got)
	}
	if got := CookieNames("myapp", false).ConvexJWT; got != "myapp.convex_jwt" {
		t.Errorf("got %q", got)
	}
}

func TestRefusedSessionCookieIsNotAskedAgainForAWhile(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	const bad = "better-auth.session_token=revoked.sig"
	for range 5 {
		if s, _, err := sessionOf(a, request("/", bad)); s != nil || err != nil {
			t.Fatalf("session %v err %v, want anonymous", s, err)
		}
	}
	if n := f.mints.Load(); n != 1 {
		t.Errorf("token endpoint calls = %d for 5 replays of a refused cookie, want 1", n)
	}
	// Another cookie is asked about on its own.
	if s, _, _ := sessionOf(a, request("/", sessionCookie)); s == nil || f.mints.Load() != 2 {
		t.Errorf("valid cookie after a refused one: session %v, mints %d", s, f.mints.Load())
	}
	c.Add(rejectedCookieTTL + time.Second)
	sessionOf(a, request("/", bad))
	if n := f.mints.Load(); n != 3 {
		t.Errorf("after %v the refused cookie was not asked again (calls %d)", rejectedCookieTTL, n)
	}
}

func TestRefusedSessionCookieCacheIsBounded(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth(WithCacheSize(8))
	for i := range 40 {
		// Large junk values: the cache keeps digests, not the values.
		sessionOf(a, request("/", "better-auth.session_token="+strings.Repeat("x", 4000)+strconv.Itoa(i)))
	}
	a.rejected.mu.RLock()
	n := len(a.rejected.entries)
	for _, e := range a.rejected.entries {
		if len(e.key) != 32 {
			t.Errorf("cache key of %d bytes, want a 32-byte digest", len(e.key))
		}
	}
	a.rejected.mu.RUnlock()
	if n > 8 {
		t.Errorf("%d refused cookies cached, bound is 8", n)
	}
	if m := f.mints.Load(); m != 40 {
		t.Errorf("token endpoint calls = %d for 40 distinct cookies, want 40", m)
	}
}

func TestOutageIsNotCachedAsRefusal(t *testing.T) {
	f := newFakeSite(t, newClock())
	f.tokenStatus = []int{503, 503, 503}
	a := f.newAuth()
	if _, _, err := sessionOf(a, request("/", sessionCookie)); !errors.Is(err, ErrTokenEndpoint) {
		t.Fatalf("err %v, want ErrTokenEndpoint", err)
	}
	if s, _, err := sessionOf(a, request("/", sessionCookie)); s == nil || err != nil {
		t.Errorf("after the outage: session %v err %v, want signed in", s, err)
	}
}

// TestMintOfASignedOutSessionIsNoSession: a token minted just before the
// session was signed out (Better Auth answered before the sign-out reached
// it) names a denied session: the request is anonymous, not an outage.
func TestMintOfASignedOutSessionIsNoSession(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	a.denyHere(&Session{SessionID: "sess_1", Token: "x"}, c.Now().Add(time.Hour))
	w := httptest.NewRecorder()
	var ra *requestAuth
	a.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { ra = fromContext(r.Context()) })).
		ServeHTTP(w, request("/", f.validCookie))
	if ra.session.Load() != nil || ra.err != nil || ra.reason != ReasonSignedOut {
		t.Fatalf("session %v, err %v, reason %q: want anonymous, signed_out", ra.session.Load(), ra.err, ra.reason)
	}
	if f.mints.Load() != 1 {
		t.Errorf("mints = %d, want 1", f.mints.Load())
	}
}

// TestBackgroundMintCookiesReachTheNextRequest: Better Auth's re-set
// session cookie from a mint no response was waiting for (a watch's token
// refresh or session check) reaches the browser with the session's next
// request, once; otherwise the extension it grants once per updateAge
// would never reach the browser.
func TestBackgroundMintCookiesReachTheNextRequest(t *testing.T) {
	const extended = "better-auth.session_token=sess-abc.sig; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	knowSessionCookie(a, sessionCookie, "sess_1")
	jwt := f.token()
	f.mu.Lock()
	f.mintSetCookie = extended
	f.mu.Unlock()
	m := mintRequest{cookieName: "better-auth.session_token", cookieValue: "sess-abc.sig"}
	if _, err := a.sessionFor(t.Context(), m, true); err != nil {
		t.Fatal(err)
	}
	page := func() []string {
		s, w, err := sessionOf(a, request("/", "better-auth.convex_jwt="+jwt+"; "+sessionCookie))
		if s == nil || err != nil {
			t.Fatalf("session %v err %v", s, err)
		}
		return w.Header().Values("Set-Cookie")
	}
	if got := page(); len(got) != 1 || got[0] != extended {
		t.Errorf("next request's Set-Cookie %q, want the kept %q once", got, extended)
	}
	if got := page(); len(got) != 0 {
		t.Errorf("the request after: Set-Cookie %q, want none", got)
	}
}
