package betterauth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
	a.signedOut.mu.RLock()
	n := len(a.signedOut.entries)
	a.signedOut.mu.RUnlock()
	if n != 0 {
		t.Errorf("%d tokens denied after a sign-out with forged cookies", n)
	}
}
