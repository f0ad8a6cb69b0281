package betterauth_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/internal/nodeharness"
)

// browser is a cookie jar for the requests a test's handler receives.
type browser struct {
	t         *testing.T
	app       *app
	origin    string
	fetchSite string // Sec-Fetch-Site
	fetchMode string // Sec-Fetch-Mode
	cookies   map[string]string
}

// newBrowser is a browser on the app's own pages, posting its forms.
func newBrowser(a *app) *browser {
	return &browser{t: a.t, app: a, origin: a.srv.URL, fetchSite: "same-origin", fetchMode: "navigate", cookies: map[string]string{}}
}

// request is what the Go app's handler would receive from this browser: a
// form POST from the app's own origin with the browser's cookies.
func (b *browser) request(method, path string) *http.Request {
	r := httptest.NewRequest(method, b.app.srv.URL+path, nil)
	r.RemoteAddr = "203.0.113.7:4711"
	r.Header.Set("User-Agent", "authgen-test-browser")
	if b.origin != "" {
		r.Header.Set("Origin", b.origin)
	}
	r.Header.Set("Sec-Fetch-Site", b.fetchSite)
	r.Header.Set("Sec-Fetch-Mode", b.fetchMode)
	for name, value := range b.cookies {
		r.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	return r
}

// store applies Set-Cookie values as a browser would.
func (b *browser) store(set betterauth.SetCookies) {
	b.t.Helper()
	for _, line := range set {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			b.t.Fatalf("Set-Cookie %q: %v", line, err)
		}
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
}

// whoami runs a request with the browser's cookies through Middleware.
func (b *browser) whoami() (email string, reason betterauth.ReasonCode) {
	b.app.auth.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s, ok := betterauth.SessionFromContext(r.Context()); ok {
			email = s.Email
		}
		reason = betterauth.Reason(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), b.request(http.MethodGet, "/me"))
	return email, reason
}

func TestRealAccountsClient(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{}, nil)
	auth := a.auth
	alice := newBrowser(a)

	// Sign up: the session cookie arrives, and the next request is signed in.
	res, err := auth.SignUpEmail(alice.request("POST", "/sign-up"), betterauth.SignUpEmail{
		Name: "Alice", Email: "alice@example.com", Password: "correct-horse-battery",
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.User.Email != "alice@example.com" || res.User.Name != "Alice" || res.User.ID == "" || res.Token == "" || res.User.CreatedAt.IsZero() {
		t.Errorf("sign-up result: %+v", res.User)
	}
	if !strings.Contains(strings.Join(res.Cookies, "\n"), "better-auth.session_token=") {
		t.Fatalf("sign-up set no session cookie: %q", res.Cookies)
	}
	alice.store(res.Cookies)
	if email, reason := alice.whoami(); email != "alice@example.com" || reason != betterauth.ReasonNone {
		t.Fatalf("after sign-up: %q, %q", email, reason)
	}

	// Better Auth's refusals come back as typed errors.
	_, err = auth.SignUpEmail(newBrowser(a).request("POST", "/sign-up"), betterauth.SignUpEmail{
		Name: "Mallory", Email: "alice@example.com", Password: "another-password",
	})
	var apiErr *betterauth.APIError
	if !errors.Is(err, betterauth.ErrUserAlreadyExists) || !errors.As(err, &apiErr) || apiErr.Status != 422 || apiErr.Message == "" {
		t.Errorf("duplicate sign-up: %v", err)
	}
	for name, tc := range map[string]struct {
		in   betterauth.SignUpEmail
		want error
	}{
		"bad email":      {betterauth.SignUpEmail{Name: "B", Email: "not-an-email", Password: "correct-horse-battery"}, betterauth.ErrValidation},
		"short password": {betterauth.SignUpEmail{Name: "B", Email: "bob@example.com", Password: "short"}, betterauth.ErrPasswordTooShort},
	} {
		if _, err := auth.SignUpEmail(newBrowser(a).request("POST", "/sign-up"), tc.in); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
	_, err = auth.SignInEmail(newBrowser(a).request("POST", "/sign-in"), betterauth.SignInEmail{Email: "alice@example.com", Password: "wrong-password"})
	if !errors.Is(err, betterauth.ErrInvalidEmailOrPassword) || !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized {
		t.Errorf("wrong password: %v", err)
	}
	if errors.Is(err, betterauth.ErrAuthUnavailable) || errors.Is(err, betterauth.ErrUserAlreadyExists) {
		t.Errorf("wrong password matches unrelated sentinels: %v", err)
	}
	// A request from another site carries that site's Origin and Fetch
	// Metadata, and Better Auth judges them: the client passes them unchanged.
	evil := newBrowser(a)
	evil.origin, evil.fetchSite, evil.fetchMode = "https://evil.example", "cross-site", "cors"
	creds := betterauth.SignInEmail{Email: "alice@example.com", Password: "correct-horse-battery"}
	if _, err := auth.SignInEmail(evil.request("POST", "/sign-in"), creds); !errors.Is(err, betterauth.ErrInvalidOrigin) {
		t.Errorf("foreign Origin: %v, want ErrInvalidOrigin", err)
	}
	evil.fetchMode = "navigate" // a cross-site form post
	if _, err := auth.SignInEmail(evil.request("POST", "/sign-in"), creds); !errors.Is(err, betterauth.ErrCrossSiteNavigation) {
		t.Errorf("cross-site form: %v, want ErrCrossSiteNavigation", err)
	}

	// A second device signs in.
	phone := newBrowser(a)
	res, err = auth.SignInEmail(phone.request("POST", "/sign-in"), betterauth.SignInEmail{Email: "alice@example.com", Password: "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	phone.store(res.Cookies)

	info, cookies, err := auth.GetSession(alice.request("GET", "/account"))
	if err != nil || info == nil {
		t.Fatalf("get-session: %v, %v", info, err)
	}
	alice.store(cookies)
	if info.User.Email != "alice@example.com" || info.Session.UserID != info.User.ID || info.Session.ExpiresAt.IsZero() {
		t.Errorf("get-session: %+v", info)
	}
	if anon, _, err := auth.GetSession(newBrowser(a).request("GET", "/account")); anon != nil || err != nil {
		t.Errorf("get-session signed out: %+v, %v; want nil, nil", anon, err)
	}

	sessions, err := auth.ListSessions(alice.request("GET", "/account"))
	if err != nil || len(sessions) != 2 {
		t.Fatalf("list-sessions: %d sessions, %v", len(sessions), err)
	}
	var phoneToken string
	for _, s := range sessions {
		if s.ID != info.Session.ID {
			phoneToken = s.Token
		}
		if s.UserAgent != "authgen-test-browser" {
			t.Errorf("session user agent %q: the browser's headers did not reach Better Auth", s.UserAgent)
		}
	}
	if _, err := auth.ListSessions(newBrowser(a).request("GET", "/account")); !errors.Is(err, betterauth.ErrUnauthorized) {
		t.Errorf("list-sessions signed out: %v, want ErrUnauthorized", err)
	}

	// Revoking the phone's session signs the phone out.
	if err := auth.RevokeSession(alice.request("POST", "/account/revoke"), phoneToken); err != nil {
		t.Fatal(err)
	}
	// The phone's convex_jwt cookie stays valid until it expires (a JWT
	// outlives its session); once it is gone, the session cookie is refused.
	delete(phone.cookies, "better-auth.convex_jwt")
	if email, reason := phone.whoami(); email != "" || reason != betterauth.ReasonSessionInvalid {
		t.Errorf("revoked phone: %q, %q; want anonymous, session_invalid", email, reason)
	}
	if sessions, err := auth.ListSessions(alice.request("GET", "/account")); err != nil || len(sessions) != 1 {
		t.Errorf("after revoke: %d sessions, %v", len(sessions), err)
	}

	// Sign out: the cookies are cleared, and a copy of the old JWT cookie is
	// refused by this process.
	jwtName := "better-auth.convex_jwt"
	alice.whoami() // mints: the JWT cookie is what a copied cookie would be
	w := httptest.NewRecorder()
	auth.Middleware(http.NotFoundHandler()).ServeHTTP(w, alice.request("GET", "/x"))
	var oldJWT string
	for _, c := range w.Result().Cookies() {
		if c.Name == jwtName {
			oldJWT = c.Value
		}
	}
	cleared, err := auth.SignOut(alice.request("POST", "/sign-out"))
	if err != nil {
		t.Fatal(err)
	}
	alice.store(cleared)
	if _, ok := alice.cookies["better-auth.session_token"]; ok {
		t.Errorf("sign-out left the session cookie: %q", cleared)
	}
	if email, reason := alice.whoami(); email != "" || reason != betterauth.ReasonNoSession {
		t.Errorf("after sign-out: %q, %q", email, reason)
	}
	if oldJWT != "" {
		replay := newBrowser(a)
		replay.cookies[jwtName] = oldJWT
		if email, reason := replay.whoami(); email != "" || reason != betterauth.ReasonSignedOut {
			t.Errorf("replayed JWT after sign-out: %q, %q; want anonymous, signed_out", email, reason)
		}
	}
	// Signing out again (no session) is not an error, and still clears.
	again, err := auth.SignOut(alice.request("POST", "/sign-out"))
	if err != nil || len(again) == 0 {
		t.Errorf("second sign-out: %q, %v", again, err)
	}
}
