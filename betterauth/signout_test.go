package betterauth

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// signOut posts to {BasePath}/sign-out through AuthHandler with cookie.
func signOut(t *testing.T, a *Auth, target, cookie string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader("{}"))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Cookie", cookie)
	return serve(a.AuthHandler(), r)
}

func TestSignOutForgetsCachedSession(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	s, _, err := sessionOf(a, request("/", sessionCookie))
	if err != nil || s == nil || f.mints.Load() != 1 {
		t.Fatalf("first request: session %v err %v mints %d", s, err, f.mints.Load())
	}
	// Within the minute the session cookie is answered from the mint cache.
	if s, _, _ := sessionOf(a, request("/", sessionCookie)); s == nil || f.mints.Load() != 1 {
		t.Fatalf("replay before sign-out: session %v mints %d, want the cached session", s, f.mints.Load())
	}
	jwtCookie := "better-auth.convex_jwt=" + s.Token
	w := signOut(t, a, "/api/auth/sign-out", sessionCookie+"; "+jwtCookie)
	if w.Code != http.StatusOK || len(w.Result().Header.Values("Set-Cookie")) != 2 {
		t.Fatalf("sign-out: %d %q", w.Code, w.Result().Header.Values("Set-Cookie"))
	}

	for name, cookie := range map[string]string{
		"session cookie":          sessionCookie,
		"session and JWT cookies": sessionCookie + "; " + jwtCookie,
		"JWT cookie":              jwtCookie,
		"JWT cookie, __Secure-":   "__Secure-" + jwtCookie,
	} {
		s, w, err := sessionOf(a, request("/", cookie))
		if s != nil || err != nil {
			t.Errorf("%s replayed after sign-out: session %v err %v, want anonymous", name, s, err)
		}
		if strings.Contains(cookie, "convex_jwt") && strings.Contains(cookie, "session_token") && !strings.Contains(setCookies(w), "convex_jwt=; Max-Age=0") {
			t.Errorf("%s: replayed JWT cookie not cleared: %q", name, setCookies(w))
		}
	}
	if _, err := a.verify(t.Context(), s.Token); err == nil {
		t.Error("signed-out token still verifies through Auth")
	}
	if _, err := a.verifier.Verify(t.Context(), s.Token); err != nil {
		t.Errorf("the token itself is still valid, Verifier says %v", err)
	}
}

func TestSignOutThatFailsForgetsNothing(t *testing.T) {
	f := newFakeSite(t, newClock())
	f.signOutStatus = http.StatusInternalServerError
	a := f.newAuth()
	s, _, _ := sessionOf(a, request("/", sessionCookie))
	if s == nil {
		t.Fatal("no session")
	}
	if w := signOut(t, a, "/api/auth/sign-out", sessionCookie+"; better-auth.convex_jwt="+s.Token); w.Code != 500 {
		t.Fatalf("sign-out: %d", w.Code)
	}
	if got, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+s.Token)); got == nil {
		t.Error("a failed sign-out dropped the session")
	}
	if got, _, _ := sessionOf(a, request("/", sessionCookie)); got == nil || f.mints.Load() != 1 {
		t.Errorf("a failed sign-out dropped the mint cache (mints %d)", f.mints.Load())
	}
}

func TestSignOutPathSpellings(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	for p, want := range map[string]bool{
		"/api/auth/sign-out":    true,
		"/api/auth/sign-out/":   true,
		"/api/auth/SIGN-OUT":    true,
		"/api/auth/sign-outx":   false,
		"/api/auth/x/sign-out":  false,
		"/api/auth/get-session": false,
	} {
		if got := a.isSignOut(p); got != want {
			t.Errorf("isSignOut(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestSignOutWithForgedCookiesDeniesNothing(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	key, _ := rsaKeys(t)
	// A made-up session cookie and a token signed by the right key for
	// another site: Better Auth answers 200, nothing may be denied.
	cl := claimsFor("https://evil.example", f.clock.Now())
	w := signOut(t, a, "/api/auth/sign-out", "better-auth.session_token=nope.sig; better-auth.convex_jwt="+signToken(t, key, "kid-1", cl)+"; __Secure-better-auth.convex_jwt=garbage")
	if w.Code != http.StatusOK {
		t.Fatalf("sign-out: %d", w.Code)
	}
	d := a.signedOut
	d.mu.RLock()
	n := len(d.until)
	d.mu.RUnlock()
	if n != 0 {
		t.Errorf("%d tokens denied after a sign-out with forged cookies", n)
	}
}

// sessionToken signs a token of the fake site for sessionID, issued at iat.
func (f *fakeSite) sessionToken(sessionID string, iat time.Time) string {
	cl := claimsFor(f.srv.URL, iat)
	cl["sessionId"] = sessionID
	return signToken(f.t, f.key, f.kid, cl)
}

// bearerRequest builds a GET carrying token as Authorization: Bearer.
func bearerRequest(token string) *http.Request {
	r := request("/", "")
	r.Header.Set("Authorization", "Bearer "+token)
	return r
}

func TestSignedOutTokenRespelledStaysOut(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	s, _, _ := sessionOf(a, request("/", sessionCookie))
	if s == nil {
		t.Fatal("no session")
	}
	if w := signOut(t, a, "/api/auth/sign-out", sessionCookie+"; better-auth.convex_jwt="+s.Token); w.Code != http.StatusOK {
		t.Fatalf("sign-out: %d", w.Code)
	}
	segs := strings.Split(s.Token, ".")
	for _, v := range base64Spellings(segs[2]) {
		tok := segs[0] + "." + segs[1] + "." + v
		if got, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+tok)); got != nil {
			t.Errorf("signed-out token respelled (signature ends %q) signs in by cookie", v[len(v)-3:])
		}
		if got, _, _ := sessionOf(a, bearerRequest(tok)); got != nil {
			t.Errorf("signed-out token respelled (signature ends %q) signs in by bearer", v[len(v)-3:])
		}
	}
}

func TestSignOutDeniesEveryTokenOfTheSession(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	s, _, _ := sessionOf(a, request("/", sessionCookie))
	if s == nil || s.SessionID == "" {
		t.Fatalf("session %v", s)
	}
	// Another replica minted a newer token of the same session ten minutes
	// later; this process never saw it before the sign-out.
	c.Add(10 * time.Minute)
	newer := f.sessionToken(s.SessionID, c.Now())
	other := f.sessionToken("another-session", c.Now())
	if w := signOut(t, a, "/api/auth/sign-out", sessionCookie+"; better-auth.convex_jwt="+s.Token); w.Code != http.StatusOK {
		t.Fatalf("sign-out: %d", w.Code)
	}
	check := func(when string) {
		t.Helper()
		if got, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+newer)); got != nil {
			t.Errorf("%s: another token of the signed-out session signs in by cookie", when)
		}
		if got, _, _ := sessionOf(a, bearerRequest(newer)); got != nil {
			t.Errorf("%s: another token of the signed-out session signs in by bearer", when)
		}
		if got, _, _ := sessionOf(a, bearerRequest(other)); got == nil {
			t.Errorf("%s: a token of another session was refused", when)
		}
	}
	check("right after sign-out")
	// The token signed out with has expired; the newer one has not.
	c.Add(10 * time.Minute)
	if _, err := a.verifier.Verify(t.Context(), s.Token); err == nil {
		t.Fatal("the signed-out token should have expired by now")
	}
	check("after the signed-out token expired")
}

func TestSignOutWithSessionCookieOnlyDeniesTheSession(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	s, _, _ := sessionOf(a, request("/", sessionCookie))
	if s == nil {
		t.Fatal("no session")
	}
	if w := signOut(t, a, "/api/auth/sign-out", sessionCookie); w.Code != http.StatusOK {
		t.Fatalf("sign-out: %d", w.Code)
	}
	if got, _, _ := sessionOf(a, bearerRequest(s.Token)); got != nil {
		t.Error("the session's JWT still signs in after a sign-out by session cookie")
	}
}

func TestSignOutOfUnseenSessionCookieDeniesTheSession(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	// The session was minted by another replica; this process only sees the
	// sign-out, with the session cookie alone.
	tok := f.sessionToken("sess_1", f.clock.Now())
	if w := signOut(t, a, "/api/auth/sign-out", sessionCookie); w.Code != http.StatusOK {
		t.Fatalf("sign-out: %d", w.Code)
	}
	if got, _, _ := sessionOf(a, bearerRequest(tok)); got != nil {
		t.Error("a JWT of the session signed out by cookie alone still signs in")
	}
}

func TestDenialsAreNeverEvicted(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth(WithCacheSize(2), WithDenyListSize(4))
	first := f.sessionToken("victim", f.clock.Now())
	if w := signOut(t, a, "/api/auth/sign-out", "better-auth.convex_jwt="+first); w.Code != http.StatusOK {
		t.Fatalf("sign-out: %d", w.Code)
	}
	// An attacker signs out many sessions of their own to push it out.
	for i := range 20 {
		tok := f.sessionToken(fmt.Sprintf("attacker-%d", i), f.clock.Now())
		signOut(t, a, "/api/auth/sign-out", "better-auth.convex_jwt="+tok)
	}
	if got, _, _ := sessionOf(a, bearerRequest(first)); got != nil {
		t.Error("a live denial was evicted by later sign-outs")
	}
}
