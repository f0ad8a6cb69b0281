package adapters_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/examples/ssr/convexapi"
	"github.com/authgen/authgen/examples/ssr/demo"
)

// appOrigin is where the test apps are served; Better Auth trusts it.
const appOrigin = "http://app.test"

// fixture is a fake deployment with the example app's functions and the
// example's generated client for it.
type fixture struct {
	d      *authtest.Deployment
	client *convexapi.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	d := authtest.New(t, authtest.WithTrustedOrigins(appOrigin))
	demo.Seed(d)
	client, err := convexapi.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{d: d, client: client}
}

// The handlers every framework's app runs, written against net/http values
// the adapters hand over: the request's context and the request itself.

// dashboardText renders the current user and a typed query's result.
func dashboardText(f *fixture, r *http.Request) (string, error) {
	user, err := f.client.CurrentUser(r.Context())
	if err != nil {
		return "", err
	}
	limit := 10.0
	msgs, err := f.client.MessagesList(r.Context(), convexapi.MessagesListArgs{Limit: &limit})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("hello %s: %d messages", user.Name, len(msgs)), nil
}

// roundTripper sends a request to one framework's app.
type roundTripper func(*http.Request) *http.Response

// serveHTTP adapts an http.Handler (chi, echo, gin) to roundTripper.
func serveHTTP(h http.Handler) roundTripper {
	return func(r *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Result()
	}
}

// exercise runs the same visit against an app that mounts:
// GET /dashboard (protected page: the user and a typed query), GET
// /api/messages (protected API: the typed query as JSON) and POST /sign-out.
func exercise(t *testing.T, f *fixture, do roundTripper) {
	t.Helper()
	get := func(path string, cookies []*http.Cookie, accept string) (*http.Response, string) {
		r := httptest.NewRequest(http.MethodGet, appOrigin+path, nil)
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		for _, c := range cookies {
			r.AddCookie(c)
		}
		resp := do(r)
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}

	// Anonymous: the page redirects to sign in, the API answers 401.
	resp, _ := get("/dashboard", nil, "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sign-in?redirect_to=%2Fdashboard" {
		t.Fatalf("anonymous page: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := get("/api/messages", nil, "application/json"); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("anonymous API: %d", resp.StatusCode)
	}

	// Signed in with the session cookie only: the middleware mints a
	// Convex JWT, and its cookie reaches the browser through the adapter.
	var session []*http.Cookie
	for _, c := range f.d.SignUp(t, "alice@example.com", "password1234", "Alice") {
		if strings.HasSuffix(c.Name, "session_token") {
			session = append(session, c)
		}
	}
	resp, body := get("/dashboard", session, "")
	if resp.StatusCode != http.StatusOK || body != "hello Alice: 2 messages" {
		t.Fatalf("signed-in page: %d %q", resp.StatusCode, body)
	}
	if !hasCookie(resp, "better-auth.convex_jwt") {
		t.Errorf("the refreshed convex_jwt cookie was lost: %q", resp.Header.Values("Set-Cookie"))
	}
	resp, body = get("/api/messages", session, "application/json")
	var msgs []convexapi.Message
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &msgs) != nil || len(msgs) != 2 {
		t.Fatalf("signed-in API: %d %q", resp.StatusCode, body)
	}

	// Sign-out through Better Auth clears the cookies and ends the session.
	r := httptest.NewRequest(http.MethodPost, appOrigin+"/sign-out", nil)
	r.Header.Set("Origin", appOrigin)
	for _, c := range session {
		r.AddCookie(c)
	}
	resp = do(r)
	if resp.StatusCode != http.StatusSeeOther || !clearsCookie(resp, "better-auth.session_token") {
		t.Fatalf("sign-out: %d %q", resp.StatusCode, resp.Header.Values("Set-Cookie"))
	}
	if resp, _ := get("/dashboard", session, ""); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the signed-out session cookie still opens the dashboard: %d", resp.StatusCode)
	}
}

func hasCookie(resp *http.Response, name string) bool {
	for _, c := range resp.Cookies() {
		if c.Name == name && c.Value != "" && c.MaxAge >= 0 {
			return true
		}
	}
	return false
}

func clearsCookie(resp *http.Response, name string) bool {
	for _, c := range resp.Cookies() {
		if c.Name == name && c.MaxAge < 0 {
			return true
		}
	}
	return false
}

// convexapiArgs are the typed query's arguments the API routes use.
func convexapiArgs() convexapi.MessagesListArgs { return convexapi.MessagesListArgs{} }

// httpRequest is an anonymous page navigation to path.
func httpRequest(path string) *http.Request {
	return httptest.NewRequest(http.MethodGet, appOrigin+path, nil)
}
