package betterauth

import (
	"net/http"
	"testing"
)

// attackerToken is a valid token of this site for another user's session,
// such as a sibling subdomain could plant as a cookie.
func (f *fakeSite) attackerToken() string {
	cl := claimsFor(f.srv.URL, f.clock.Now())
	cl["sub"], cl["sessionId"] = "attacker", "attacker-session"
	return signToken(f.t, f.key, f.kid, cl)
}

func httpsRequest(cookie string) *http.Request {
	r := request("/", cookie)
	r.Header.Set("X-Forwarded-Proto", "https")
	return r
}

func TestSecureRequestReadsOnlySecureCookies(t *testing.T) {
	f := newFakeSite(t, newClock())
	f.validCookie = "__Secure-" + sessionCookie
	a := f.newAuth()
	evil := f.attackerToken()
	for _, planted := range []string{"better-auth.convex_jwt=" + evil, "better-auth-convex_jwt=" + evil} {
		s, _, _ := sessionOf(a, httpsRequest(planted+"; __Secure-"+sessionCookie))
		if s == nil || s.Subject != "user_1" {
			t.Errorf("https with planted %.22s…: session %v, want the victim's (user_1)", planted, s)
		}
		if s, _, _ := sessionOf(a, httpsRequest(planted)); s != nil {
			t.Errorf("https with only a plain-named %.22s…: session %v, want anonymous", planted, s)
		}
	}
	// A plain session cookie is not read over https either.
	f.validCookie = sessionCookie
	if s, _, _ := sessionOf(a, httpsRequest(sessionCookie)); s != nil {
		t.Errorf("https with a plain-named session cookie: session %v, want anonymous", s)
	}
}

func TestDuplicateJWTCookiesAreAmbiguous(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	evil, good := f.attackerToken(), f.token()
	for _, cookie := range []string{
		"better-auth.convex_jwt=" + evil + "; better-auth.convex_jwt=" + good + "; " + sessionCookie,
		"better-auth.convex_jwt=" + good + "; better-auth.convex_jwt=" + evil + "; " + sessionCookie,
		"better-auth-convex_jwt=" + evil + "; better-auth.convex_jwt=" + good + "; " + sessionCookie,
	} {
		s, _, _ := sessionOf(a, request("/", cookie))
		if s == nil || s.Subject != "user_1" || s.SessionID != "sess_1" {
			t.Errorf("duplicate JWT cookies: session %v, want one minted from the session cookie", s)
		}
	}
	// Without a session cookie, ambiguity is anonymous.
	if s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+evil+"; better-auth.convex_jwt="+good)); s != nil {
		t.Errorf("duplicate JWT cookies without a session cookie: session %v, want anonymous", s)
	}
}

func TestJWTOfAnotherSessionLosesToTheSessionCookie(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	evil := f.attackerToken()
	// The pairing is unknown: Auth mints once to learn the cookie's session.
	s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+evil+"; "+sessionCookie))
	if s == nil || s.SessionID != "sess_1" {
		t.Fatalf("first request: session %v, want the session cookie's (sess_1)", s)
	}
	// Known now, and still refused.
	s, _, _ = sessionOf(a, request("/", "better-auth.convex_jwt="+evil+"; "+sessionCookie))
	if s == nil || s.SessionID != "sess_1" {
		t.Fatalf("second request: session %v, want the session cookie's (sess_1)", s)
	}
	// The cookie's own session's JWT is used without minting again.
	n := f.mints.Load()
	good := f.token()
	if s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+good+"; "+sessionCookie)); s == nil || s.Token != good || f.mints.Load() != n {
		t.Errorf("matching JWT: session %v, mints %d→%d; want the cookie JWT and no mint", s, n, f.mints.Load())
	}
	// During an outage, a JWT of another session does not win either.
	f.tokenStatus = []int{503, 503, 503}
	a.minted = newExpiringCache[*Session](10)
	if s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+evil+"; "+sessionCookie)); s != nil && s.Subject == "attacker" {
		t.Error("during an outage the planted JWT won")
	}
}
