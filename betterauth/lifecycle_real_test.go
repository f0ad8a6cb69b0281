package betterauth_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authgen/authgen/internal/nodeharness"
)

// setCookiesNamed returns the response's Set-Cookie headers for name.
func setCookiesNamed(resp *http.Response, name string) []string {
	var out []string
	for _, sc := range resp.Header.Values("Set-Cookie") {
		if n, _, _ := strings.Cut(sc, "="); n == name {
			out = append(out, sc)
		}
	}
	return out
}

// advanceBoth moves the harness's and the app's clocks forward by d.
func advanceBoth(t *testing.T, a *app, d time.Duration) {
	t.Helper()
	a.clock.Advance(d)
	for d > 0 { // the harness moves at most a day per call
		step := min(d, 24*time.Hour)
		if _, err := a.ba.AdvanceClock(step); err != nil {
			t.Fatal(err)
		}
		d -= step
	}
}

// A user whose pages are all served by Go keeps their session: after
// updateAge (a day by default) the mint behind a page gets Better Auth's
// re-set session cookie with a fresh Max-Age, and the page passes it on.
func TestRealBetterAuthSessionExtendedOnGoPage(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{}, nil)
	cookies := a.signUp("extend@example.com")
	session := cookie(t, cookies, "better-auth.session_token")

	advanceBoth(t, a, 25*time.Hour)
	// The browser dropped the JWT cookie (its Max-Age ran out long ago).
	got, resp := a.me(session)
	if !got.Authenticated {
		t.Fatalf("page after a day: %+v, want signed in", got)
	}
	re := setCookiesNamed(resp, "better-auth.session_token")
	if len(re) != 1 || !strings.Contains(re[0], "Max-Age=604800") || !strings.Contains(re[0], "HttpOnly") || !strings.Contains(re[0], "SameSite=Lax") {
		t.Fatalf("session cookie on the page: %q, want one re-set with Max-Age=604800 and Better Auth's attributes", re)
	}
	if n := len(setCookiesNamed(resp, "better-auth.convex_jwt")); n != 1 {
		t.Errorf("%d convex_jwt Set-Cookies, want 1", n)
	}
	// The extended session outlives the original expiry (7 days after sign-up).
	advanceBoth(t, a, 6*24*time.Hour+time.Hour)
	if got, _ := a.me(session); !got.Authenticated {
		t.Fatalf("page 8 days after sign-up, 7 after the extension: %+v, want still signed in", got)
	}
}

// A session revoked elsewhere: once the JWT is gone the page mints, Better
// Auth answers 401 clearing its cookies, and the page is anonymous and passes
// the clearing on, with convex_jwt cleared as well.
func TestRealBetterAuthRevokedSessionClearsCookies(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{}, nil)
	cookies := a.signUp("revoked@example.com")
	session := cookie(t, cookies, "better-auth.session_token")
	jwt := cookie(t, cookies, "better-auth.convex_jwt")
	if _, err := a.ba.SignOut(cookies); err != nil { // another device, straight to Better Auth
		t.Fatal(err)
	}
	// A JWT past its lifetime forces a mint.
	a.clock.Advance(16 * time.Minute)
	got, resp := a.me(session, jwt)
	if got.Authenticated || got.Err != "" {
		t.Fatalf("page after the session was revoked: %+v, want anonymous without error", got)
	}
	for _, name := range []string{"better-auth.session_token", "better-auth.session_data", "better-auth.dont_remember", "better-auth.convex_jwt"} {
		sc := setCookiesNamed(resp, name)
		if len(sc) != 1 || !strings.Contains(sc[0], "Max-Age=0") {
			t.Errorf("%s: %q, want exactly one clearing Set-Cookie", name, sc)
		}
	}
	// Within the refusal cache the clearing is still passed on.
	_, resp = a.me(session)
	if sc := setCookiesNamed(resp, "better-auth.session_token"); len(sc) != 1 || !strings.Contains(sc[0], "Max-Age=0") {
		t.Errorf("second page with the dead cookie: %q, want it cleared again", sc)
	}
}
