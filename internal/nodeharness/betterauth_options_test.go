package nodeharness

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// signInFrom signs alice in with X-Forwarded-For set to xff (none when
// empty) and returns the response status and its X-Retry-After.
func signInFrom(t *testing.T, ba *BetterAuth, xff string) (int, string) {
	t.Helper()
	body := strings.NewReader(`{"email":"alice@example.com","password":"correct horse battery"}`)
	req, err := http.NewRequest(http.MethodPost, ba.AuthURL("/sign-in/email"), body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", ba.Origin)
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	resp, respBody, err := ba.do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sign-in from %q: %d %s", xff, resp.StatusCode, respBody)
	}
	return resp.StatusCode, resp.Header.Get("X-Retry-After")
}

// TestBetterAuthProductionRateLimit: Better Auth's default limits, as on a
// deployment. Sign-in allows 3 requests per 10 s per client IP; the IP is a
// single-address X-Forwarded-For, and a chain of several counts as none, in
// the one bucket that requests without an address share.
func TestBetterAuthProductionRateLimit(t *testing.T) {
	t.Parallel()
	ba := StartBetterAuth(t, BetterAuthOptions{ProductionRateLimit: true, FastPasswordHash: true})
	if _, err := ba.SignUp("alice@example.com", "correct horse battery", "Alice"); err != nil {
		t.Fatal(err)
	}
	// The cheap hash still tells passwords apart (this request, from an
	// address of its own, counts in no bucket the test uses).
	req := mustRequest(t, http.MethodPost, ba.AuthURL("/sign-in/email"))
	req.Body = io.NopCloser(strings.NewReader(`{"email":"alice@example.com","password":"wrong password!"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", ba.Origin)
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	if resp, body, err := ba.do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("sign-in with a wrong password under FastPasswordHash: %v %s, want 401", err, body)
	}

	for i := range 3 {
		if status, _ := signInFrom(t, ba, "203.0.113.1"); status != http.StatusOK {
			t.Fatalf("sign-in %d from 203.0.113.1: %d, want 200", i+1, status)
		}
	}
	status, retryAfter := signInFrom(t, ba, "203.0.113.1")
	if secs, err := strconv.Atoi(retryAfter); status != http.StatusTooManyRequests || err != nil || secs < 1 || secs > 10 {
		t.Fatalf("4th sign-in from 203.0.113.1 within 10 s: %d with X-Retry-After %q, want 429 with 1..10 s", status, retryAfter)
	}
	if status, _ := signInFrom(t, ba, "203.0.113.2"); status != http.StatusOK {
		t.Errorf("sign-in from another address: %d, want 200 (a bucket of its own)", status)
	}

	for i := range 3 {
		if status, _ := signInFrom(t, ba, "203.0.113.3, 10.0.0.1"); status != http.StatusOK {
			t.Fatalf("sign-in %d through a proxy chain: %d, want 200", i+1, status)
		}
	}
	if status, _ := signInFrom(t, ba, ""); status != http.StatusTooManyRequests {
		t.Errorf("sign-in without an address after 3 through a chain: %d, want 429 (one shared bucket)", status)
	}
}

// Without ProductionRateLimit nothing is limited: tests sign in from one
// address as often as they need.
func TestBetterAuthRateLimitOffByDefault(t *testing.T) {
	t.Parallel()
	ba := StartBetterAuth(t, BetterAuthOptions{})
	if _, err := ba.SignUp("alice@example.com", "correct horse battery", "Alice"); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if status, _ := signInFrom(t, ba, "203.0.113.1"); status != http.StatusOK {
			t.Fatalf("sign-in %d from one address: %d, want 200", i+1, status)
		}
	}
}

// TestBetterAuthEmailVerification: sign-up sends a link; opening it in a
// browser without cookies verifies the address and signs the user in with a
// session cookie but no convex_jwt (get-convex/better-auth#416: the convex()
// plugin does not set its cookie on /verify-email).
func TestBetterAuthEmailVerification(t *testing.T) {
	t.Parallel()
	ba := StartBetterAuth(t, BetterAuthOptions{EmailVerification: true})
	if _, err := ba.SignUp("Erin@example.com", "correct horse battery", "Erin"); err != nil {
		t.Fatal(err)
	}
	link, err := ba.VerificationURL("erin@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if want := ba.AuthURL("/verify-email?token="); !strings.HasPrefix(link, want) || !strings.HasSuffix(link, "&callbackURL=%2F") {
		t.Fatalf("verification link %q, want %s...&callbackURL=%%2F", link, want)
	}
	if _, err := ba.VerificationURL("nobody@example.com"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("VerificationURL of an address never sent one: %v, want a 404 error", err)
	}

	resp, body, err := ba.do(mustRequest(t, http.MethodGet, link))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/" {
		t.Fatalf("opening the link: %d Location %q %s, want 302 to /", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	session := wantAuthCookie(t, resp.Cookies(), "better-auth.session_token", 604800, false)
	if c := FindCookie(resp.Cookies(), "better-auth.convex_jwt"); c != nil {
		t.Errorf("the verification response set %s; Better Auth 1.6.34 with convex() 0.12.5 does not (see #416)", c.Raw)
	}
	token, status, err := ba.Token([]*http.Cookie{session})
	if err != nil || status != http.StatusOK {
		t.Fatalf("Token with the verification's session: %d, %v", status, err)
	}
	if _, custom, _ := verifyToken(t, ba, token); custom.Email != "erin@example.com" {
		t.Errorf("the verification's session belongs to %q, want erin@example.com", custom.Email)
	}
	if _, err := ba.VerificationURL("ERIN@example.com"); err != nil {
		t.Errorf("VerificationURL is case-insensitive like e-mail addresses: %v", err)
	}
}
