package nodeharness

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// convexClaims are the claims the convex plugin adds beyond the registered ones.
type convexClaims struct {
	SessionID string `json:"sessionId"`
	Email     string `json:"email"`
	Name      string `json:"name"`
	CreatedAt any    `json:"createdAt"`
	UpdatedAt any    `json:"updatedAt"`
}

// verifyToken checks token against the harness's served JWKS the way a
// Convex backend would and returns its claims and kid.
func verifyToken(t *testing.T, ba *BetterAuth, token string) (jwt.Claims, convexClaims, string) {
	t.Helper()
	return verifyTokenAt(t, ba, token, time.Now())
}

// verifyTokenAt is verifyToken with the clock at now.
func verifyTokenAt(t *testing.T, ba *BetterAuth, token string, now time.Time) (jwt.Claims, convexClaims, string) {
	t.Helper()
	raw, err := ba.JWKS()
	if err != nil {
		t.Fatal(err)
	}
	var keys jose.JSONWebKeySet
	if err := json.Unmarshal(raw, &keys); err != nil {
		t.Fatalf("JWKS %s: %v", raw, err)
	}
	parsed, err := jwt.ParseSigned(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatalf("parsing token: %v", err)
	}
	kid := parsed.Headers[0].KeyID
	if kid == "" || len(keys.Key(kid)) != 1 {
		t.Fatalf("token kid %q is not in the JWKS %s", kid, raw)
	}
	var std jwt.Claims
	var custom convexClaims
	if err := parsed.Claims(keys.Key(kid)[0].Key, &std, &custom); err != nil {
		t.Fatalf("verifying token: %v", err)
	}
	if err := std.ValidateWithLeeway(jwt.Expected{
		Issuer:      ba.URL,
		AnyAudience: jwt.Audience{"convex"},
		Time:        now,
	}, time.Minute); err != nil {
		t.Fatalf("token claims %+v: %v", std, err)
	}
	if std.Subject == "" || custom.SessionID == "" {
		t.Fatalf("token lacks sub or sessionId: %+v %+v", std, custom)
	}
	return std, custom, kid
}

// wantAuthCookie checks the name and Better Auth's attributes of a cookie
// that sets a value.
func wantAuthCookie(t *testing.T, cookies []*http.Cookie, name string, maxAge int, secure bool) *http.Cookie {
	t.Helper()
	c := FindCookie(cookies, name)
	if c == nil {
		t.Fatalf("no cookie %q in %v", name, cookies)
	}
	if c.Value == "" || c.MaxAge != maxAge || c.Path != "/" || !c.HttpOnly ||
		c.SameSite != http.SameSiteLaxMode || c.Secure != secure || c.Domain != "" {
		t.Errorf("cookie %s: got %q, want a value, Max-Age=%d, Path=/, HttpOnly, SameSite=Lax, Secure=%v, no Domain",
			name, c.Raw, maxAge, secure)
	}
	return c
}

func TestBetterAuthDefaults(t *testing.T) {
	t.Parallel()
	ba := StartBetterAuth(t, BetterAuthOptions{})

	cookies, err := ba.SignUp("alice@example.com", "correct horse battery", "Alice")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("SignUpCookies", func(t *testing.T) {
		wantAuthCookie(t, cookies, "better-auth.session_token", 604800, false)
		jwtCookie := wantAuthCookie(t, cookies, "better-auth.convex_jwt", 900, false)
		verifyToken(t, ba, jwtCookie.Value)
	})

	t.Run("Token", func(t *testing.T) {
		token, status, err := ba.Token(cookies)
		if err != nil || status != http.StatusOK {
			t.Fatalf("Token: %d, %v", status, err)
		}
		std, custom, _ := verifyToken(t, ba, token)
		if custom.Email != "alice@example.com" || custom.Name != "Alice" {
			t.Errorf("claims %+v, want Alice's email and name", custom)
		}
		if got := std.Expiry.Time().Sub(std.IssuedAt.Time()); got != 900*time.Second {
			t.Errorf("exp - iat = %v, want 900s", got)
		}
		// Convex's adapter returns dates as epoch milliseconds.
		for name, v := range map[string]any{"createdAt": custom.CreatedAt, "updatedAt": custom.UpdatedAt} {
			if ms, ok := v.(float64); !ok || ms < 1e12 {
				t.Errorf("%s claim = %#v, want epoch milliseconds", name, v)
			}
		}
	})

	t.Run("EdgeRejectsForeignForwardedHost", func(t *testing.T) {
		for _, tc := range []struct {
			forwardedHost string
			want          int
		}{
			{"app.example.test", http.StatusNotFound},
			{"", http.StatusNotFound},
			{strings.TrimPrefix(ba.URL, "http://"), http.StatusOK},
		} {
			req := mustRequest(t, http.MethodGet, ba.AuthURL("/convex/jwks"))
			req.Header["X-Forwarded-Host"] = []string{tc.forwardedHost}
			resp, body, err := ba.do(req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.want || (tc.want == http.StatusNotFound && len(body) != 0) {
				t.Errorf("x-forwarded-host %q: %d %q, want %d (empty when 404)", tc.forwardedHost, resp.StatusCode, body, tc.want)
			}
		}
	})

	t.Run("TokenWithoutSession", func(t *testing.T) {
		token, status, err := ba.Token(nil)
		if err != nil || status != http.StatusUnauthorized || token != "" {
			t.Fatalf("Token(nil) = %q, %d, %v; want 401", token, status, err)
		}
	})

	t.Run("TokenWithUnsignedSessionCookie", func(t *testing.T) {
		session := FindCookie(cookies, "better-auth.session_token")
		unsigned := strings.SplitN(session.Value, ".", 2)[0]
		_, status, err := ba.Token([]*http.Cookie{{Name: session.Name, Value: unsigned}})
		if err != nil || status != http.StatusUnauthorized {
			t.Fatalf("Token(unsigned cookie) = %d, %v; want 401", status, err)
		}
	})

	t.Run("SignIn", func(t *testing.T) {
		signedIn, err := ba.SignIn("alice@example.com", "correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		_, custom, _ := verifyToken(t, ba, wantAuthCookie(t, signedIn, "better-auth.convex_jwt", 900, false).Value)
		if _, err := ba.SignIn("alice@example.com", "wrong password"); err == nil {
			t.Error("SignIn with a wrong password succeeded")
		}
		if custom.Email != "alice@example.com" {
			t.Errorf("signed-in claims %+v", custom)
		}
	})

	// Better Auth checks the Origin of a cookie-less sign-up only when the
	// request carries Fetch Metadata, as browser requests do.
	t.Run("OriginCheck", func(t *testing.T) {
		for i, tc := range []struct {
			origin string
			want   int
		}{
			{ba.Origin, http.StatusOK},
			{"https://evil.example", http.StatusForbidden},
			{"null", http.StatusForbidden},
			{ba.Origin + ".evil.example", http.StatusForbidden},
		} {
			body := strings.NewReader(fmt.Sprintf(`{"email":"origin%d@example.com","password":"correct horse battery","name":"O"}`, i))
			req, err := http.NewRequest(http.MethodPost, ba.AuthURL("/sign-up/email"), body)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Origin", tc.origin)
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			req.Header.Set("Sec-Fetch-Mode", "cors")
			resp, respBody, err := ba.do(req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.want {
				t.Errorf("sign-up from Origin %q: %d %s, want %d", tc.origin, resp.StatusCode, respBody, tc.want)
			}
		}
	})

	t.Run("FailToken", func(t *testing.T) {
		if err := ba.FailToken(http.StatusServiceUnavailable, 2); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if _, status, err := ba.Token(cookies); err != nil || status != http.StatusServiceUnavailable {
				t.Fatalf("Token #%d while failing = %d, %v; want 503", i, status, err)
			}
		}
		if _, status, err := ba.Token(cookies); err != nil || status != http.StatusOK {
			t.Fatalf("Token after the injected failures = %d, %v; want 200", status, err)
		}
		for _, status := range []int{99, 200, 600} {
			if err := ba.FailToken(status, 1); err == nil {
				t.Errorf("FailToken accepted status %d", status)
			}
		}
		if err := ba.FailToken(http.StatusServiceUnavailable, -1); err == nil {
			t.Error("FailToken accepted count -1")
		}
		if err := ba.FailToken(http.StatusServiceUnavailable, 1); err != nil {
			t.Fatal(err)
		}
		if err := ba.FailToken(http.StatusServiceUnavailable, 0); err != nil {
			t.Fatal(err)
		}
		if _, status, err := ba.Token(cookies); err != nil || status != http.StatusOK {
			t.Fatalf("Token after cancelling the injection = %d, %v; want 200", status, err)
		}
	})

	// Delayed requests still reach Better Auth, so concurrent ones overlap
	// and all succeed.
	t.Run("DelayToken", func(t *testing.T) {
		const concurrent = 4
		if err := ba.DelayToken(300*time.Millisecond, concurrent); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		statuses := make([]int, concurrent)
		errs := make([]error, concurrent)
		for i := range concurrent {
			wg.Go(func() { _, statuses[i], errs[i] = ba.Token(cookies) })
		}
		wg.Wait()
		for i := range concurrent {
			if errs[i] != nil || statuses[i] != http.StatusOK {
				t.Errorf("delayed Token #%d = %d, %v; want 200", i, statuses[i], errs[i])
			}
		}
		if err := ba.DelayToken(2*time.Minute, 1); err == nil {
			t.Error("DelayToken accepted two minutes")
		}
	})

	t.Run("FailJWKS", func(t *testing.T) {
		if err := ba.FailJWKS(http.StatusBadGateway, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := ba.JWKS(); err == nil || !strings.Contains(err.Error(), "502") {
			t.Fatalf("JWKS while failing: %v, want a 502 error", err)
		}
		if _, err := ba.JWKS(); err != nil {
			t.Fatalf("JWKS after the injected failure: %v", err)
		}
	})

	t.Run("Requests", func(t *testing.T) {
		before, err := ba.Requests()
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := ba.Token(cookies); err != nil {
			t.Fatal(err)
		}
		after, err := ba.Requests()
		if err != nil {
			t.Fatal(err)
		}
		path := ba.BasePath + "/convex/token"
		if after[path] != before[path]+1 {
			t.Errorf("requests to %s went from %d to %d, want one more", path, before[path], after[path])
		}
	})

	t.Run("OpenIDConfiguration", func(t *testing.T) {
		resp, err := ba.Client.Get(ba.URL + "/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := ba.AuthURL("/convex/.well-known/openid-configuration")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
			t.Fatalf("root discovery: %d to %q, want 302 to %q", resp.StatusCode, resp.Header.Get("Location"), want)
		}
		resp, body, err := ba.do(mustRequest(t, http.MethodGet, want))
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Issuer  string `json:"issuer"`
			JWKSURI string `json:"jwks_uri"`
		}
		if err := json.Unmarshal(body, &meta); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("discovery %d %s: %v", resp.StatusCode, body, err)
		}
		if meta.Issuer != ba.URL || meta.JWKSURI != ba.AuthURL("/convex/jwks") {
			t.Errorf("discovery issuer %q jwks_uri %q, want %q and %q", meta.Issuer, meta.JWKSURI, ba.URL, ba.AuthURL("/convex/jwks"))
		}
	})

	t.Run("RotateKeys", func(t *testing.T) {
		before, _, err := ba.Token(cookies)
		if err != nil {
			t.Fatal(err)
		}
		_, _, oldKid := verifyToken(t, ba, before)
		newKid, err := ba.RotateKeys()
		if err != nil {
			t.Fatal(err)
		}
		if newKid == oldKid {
			t.Fatalf("RotateKeys kept kid %q", oldKid)
		}
		after, _, err := ba.Token(cookies)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, kid := verifyToken(t, ba, after); kid != newKid {
			t.Errorf("token after rotation has kid %q, want %q", kid, newKid)
		}
		raw, err := ba.JWKS()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), oldKid) {
			t.Errorf("JWKS still serves the rotated-out kid %q: %s", oldKid, raw)
		}
	})

	t.Run("SignOut", func(t *testing.T) {
		cleared, err := ba.SignOut(cookies)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"better-auth.session_token", "better-auth.convex_jwt"} {
			if c := FindCookie(cleared, name); c == nil || c.MaxAge >= 0 || c.Value != "" {
				t.Errorf("sign-out did not clear %s: %v", name, c)
			}
		}
		if _, status, err := ba.Token(cookies); err != nil || status != http.StatusUnauthorized {
			t.Errorf("Token after sign-out = %d, %v; want 401", status, err)
		}
	})
}

func TestBetterAuthSecureCookies(t *testing.T) {
	t.Parallel()
	ba := StartBetterAuth(t, BetterAuthOptions{UseSecureCookies: new(true)})
	cookies, err := ba.SignUp("bob@example.com", "correct horse battery", "Bob")
	if err != nil {
		t.Fatal(err)
	}
	wantAuthCookie(t, cookies, "__Secure-better-auth.session_token", 604800, true)
	jwtCookie := wantAuthCookie(t, cookies, "__Secure-better-auth.convex_jwt", 900, true)
	verifyToken(t, ba, jwtCookie.Value)
}

// TestBetterAuthAdvanceClock: tokens minted after AdvanceClock carry the
// shifted iat and exp, and sessions expire on the shifted clock.
func TestBetterAuthAdvanceClock(t *testing.T) {
	t.Parallel()
	ba := StartBetterAuth(t, BetterAuthOptions{JWTExpirationSeconds: 60})
	cookies, err := ba.SignUp("dora@example.com", "correct horse battery", "Dora")
	if err != nil {
		t.Fatal(err)
	}
	before, _, err := ba.Token(cookies)
	if err != nil {
		t.Fatal(err)
	}
	std, _, _ := verifyToken(t, ba, before)

	const shift = 90 * time.Minute
	offset, err := ba.AdvanceClock(shift)
	if err != nil || offset != shift {
		t.Fatalf("AdvanceClock(%v) = %v, %v; want the offset %v", shift, offset, err, shift)
	}
	after, status, err := ba.Token(cookies)
	if err != nil || status != http.StatusOK {
		t.Fatalf("Token on the shifted clock: %d, %v", status, err)
	}
	shifted, _, _ := verifyTokenAt(t, ba, after, time.Now().Add(shift))
	// Both tokens were minted within a minute of real time of each other.
	if gap := shifted.IssuedAt.Time().Sub(std.IssuedAt.Time()); gap < shift || gap > shift+time.Minute {
		t.Errorf("iat moved by %v, want %v plus the real time between the mints", gap, shift)
	}
	if got := shifted.Expiry.Time().Sub(shifted.IssuedAt.Time()); got != time.Minute {
		t.Errorf("exp - iat = %v on the shifted clock, want 60s", got)
	}

	// Past the session's 7 days, Better Auth no longer knows the session.
	if _, err := ba.AdvanceClock(7 * 24 * time.Hour); err == nil {
		t.Fatal("AdvanceClock accepted more than a day")
	}
	for range 7 {
		if _, err := ba.AdvanceClock(24 * time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if token, status, err := ba.Token(cookies); err != nil || status != http.StatusUnauthorized {
		t.Errorf("Token 7 days later = %q, %d, %v; want 401", token, status, err)
	}
	if _, err := ba.AdvanceClock(-time.Second); err == nil {
		t.Error("AdvanceClock accepted a negative duration")
	}
}

// TestBetterAuthCustomSetup covers every other option at once: a custom
// prefix and basePath, a short JWT lifetime, an https app origin (which
// alone makes the cookies secure), an extra trusted origin, plain memory
// adapter dates and no edge emulation.
func TestBetterAuthCustomSetup(t *testing.T) {
	t.Parallel()
	ba := StartBetterAuth(t, BetterAuthOptions{
		BasePath:             "/auth",
		CookiePrefix:         "myapp",
		JWTExpirationSeconds: 120,
		SiteURL:              "https://app.example.test",
		TrustedOrigins:       []string{"http://localhost:*"},
		PlainMemoryDates:     true,
		AcceptForwardedHost:  true,
	})
	if ba.Origin != "https://app.example.test" {
		t.Fatalf("Origin = %q, want the site URL", ba.Origin)
	}
	cookies, err := ba.SignUp("carol@example.com", "correct horse battery", "Carol")
	if err != nil {
		t.Fatal(err)
	}
	wantAuthCookie(t, cookies, "__Secure-myapp.session_token", 604800, true)
	wantAuthCookie(t, cookies, "__Secure-myapp.convex_jwt", 120, true)

	token, status, err := ba.Token(cookies)
	if err != nil || status != http.StatusOK {
		t.Fatalf("Token: %d, %v", status, err)
	}
	std, custom, _ := verifyToken(t, ba, token)
	if got := std.Expiry.Time().Sub(std.IssuedAt.Time()); got != 120*time.Second {
		t.Errorf("exp - iat = %v, want 120s", got)
	}
	if created, ok := custom.CreatedAt.(string); !ok {
		t.Errorf("createdAt claim = %#v, want the memory adapter's ISO string", custom.CreatedAt)
	} else if _, err := time.Parse(time.RFC3339, created); err != nil {
		t.Errorf("createdAt claim %q: %v", created, err)
	}

	req := mustRequest(t, http.MethodGet, ba.AuthURL("/convex/jwks"))
	req.Header.Set("X-Forwarded-Host", "app.example.test")
	if resp, body, err := ba.do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("x-forwarded-host without edge emulation: %v %s", err, body)
	}

	// An origin matching the TrustedOrigins pattern may sign in with a
	// session cookie present (which makes Better Auth check the Origin); one
	// that does not match may not.
	for origin, trusted := range map[string]bool{
		"http://localhost:4321":     true,
		"https://localhost:4321":    false,
		"http://localhost.evil:443": false,
	} {
		proxied := *ba
		proxied.Origin = origin
		_, err := proxied.authPost("/sign-in/email", map[string]string{
			"email": "carol@example.com", "password": "correct horse battery",
		}, cookies)
		if trusted != (err == nil) {
			t.Errorf("sign-in from Origin %s: %v, want trusted=%v", origin, err, trusted)
		}
	}

	resp, err := ba.Client.Get(ba.URL + DefaultBasePath + "/convex/jwks")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("default basePath answered %d with basePath /auth, want 404", resp.StatusCode)
	}
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
