package betterauth_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/authgen/authgen/internal/nodeharness"
)

// jarBrowser is an HTTP client with a cookie jar on one app. It does not
// follow redirects: a test looks at each response the proxy gives.
type jarBrowser struct {
	t      *testing.T
	a      *app
	client *http.Client
}

func newJarBrowser(t *testing.T, a *app) *jarBrowser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := nodeharness.NewHTTPClient()
	c.Jar = jar
	return &jarBrowser{t: t, a: a, client: c}
}

// do sends req and returns the response with its body read.
func (b *jarBrowser) do(req *http.Request) *http.Response {
	b.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp
}

// get loads rawURL.
func (b *jarBrowser) get(rawURL string) *http.Response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// signUp signs a user up through the app's AuthHandler, as the app's
// sign-up form does.
func (b *jarBrowser) signUp(email, name string) {
	b.t.Helper()
	payload, _ := json.Marshal(map[string]string{"email": email, "password": "correct-horse-battery", "name": name})
	req, err := http.NewRequest(http.MethodPost, b.a.srv.URL+b.a.ba.BasePath+"/sign-up/email", bytes.NewReader(payload))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", b.a.srv.URL)
	if resp := b.do(req); resp.StatusCode != http.StatusOK {
		b.t.Fatalf("sign-up of %s through AuthHandler: %s", email, resp.Status)
	}
}

// page loads the Go-served /me and returns what its handler saw.
func (b *jarBrowser) page() seen {
	b.t.Helper()
	resp := b.get(b.a.srv.URL + "/me")
	var out seen
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		b.t.Fatalf("/me: %s: %v", resp.Status, err)
	}
	return out
}

// cookie returns the value the jar holds for name, or "".
func (b *jarBrowser) cookie(name string) string {
	u, _ := url.Parse(b.a.srv.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// get-convex/better-auth#416: B opens an e-mail verification link with
// auto sign-in in a browser signed in as A. Better Auth sets B's session
// cookie but no convex_jwt, so A's still-valid JWT must not keep deciding
// who is signed in: AuthHandler clears it in the same response, and a
// client that kept it anyway still gets B, since the JWT does not belong to
// the session cookie's session.
func TestRealBetterAuthVerificationLinkSwitchesUser(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{EmailVerification: true, SiteURL: siteURLIsApp}, nil)
	br := newJarBrowser(t, a)
	br.signUp("a@example.com", "A")
	if got := br.page(); !got.Authenticated || got.Email != "a@example.com" {
		t.Fatalf("page after A's sign-up: %+v, want A", got)
	}
	jwtA := br.cookie("better-auth.convex_jwt")
	if jwtA == "" {
		t.Fatal("no convex_jwt in the browser after A's sign-up")
	}

	// B signs up elsewhere and gets the link by e-mail; it points at the
	// app (Better Auth's baseURL), so it goes through AuthHandler.
	if _, err := a.ba.SignUp("b@example.com", "correct-horse-battery", "B"); err != nil {
		t.Fatal(err)
	}
	link, err := a.ba.VerificationURL("b@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if want := a.srv.URL + a.ba.BasePath + "/verify-email?"; !strings.HasPrefix(link, want) {
		t.Fatalf("verification link %q, want it on the app: %s...", link, want)
	}
	resp := br.get(link)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("opening B's link through AuthHandler: %s, want Better Auth's 302 to the callback", resp.Status)
	}
	if sc := setCookiesNamed(resp, "better-auth.session_token"); len(sc) != 1 || strings.HasPrefix(sc[0], "better-auth.session_token=;") {
		t.Fatalf("session cookie set by the verification: %q, want B's", sc)
	}
	if sc := setCookiesNamed(resp, "better-auth.convex_jwt"); len(sc) != 1 || !strings.HasPrefix(sc[0], "better-auth.convex_jwt=;") || !strings.Contains(sc[0], "Max-Age=0") {
		t.Errorf("convex_jwt in the verification response: %q, want A's cleared once", sc)
	}
	if got := br.cookie("better-auth.convex_jwt"); got != "" {
		t.Errorf("the browser still holds a convex_jwt after the verification")
	}

	got := br.page()
	if !got.Authenticated || got.Email != "b@example.com" || got.Err != "" {
		t.Fatalf("page after B's verification link: %+v, want B", got)
	}
	if jwt := br.cookie("better-auth.convex_jwt"); jwt == "" || jwt == jwtA {
		t.Errorf("convex_jwt after B's page: %q, want B's (A's was %q)", jwt, jwtA)
	}

	// A client that ignored the clearing sends A's JWT beside B's session
	// cookie, to a replica that has not seen B's cookie yet.
	replica := serveApp(t, httptest.NewUnstartedServer(nil), a.ba, "", nil)
	sessionB := &http.Cookie{Name: "better-auth.session_token", Value: br.cookie("better-auth.session_token")}
	got, _ = replica.me(sessionB, &http.Cookie{Name: "better-auth.convex_jwt", Value: jwtA})
	if !got.Authenticated || got.Email != "b@example.com" {
		t.Errorf("A's JWT beside B's session cookie: %+v, want B", got)
	}
}
