package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/authgen/authgen/authtest"

	"github.com/authgen/authgen/examples/ssr/convexapi"
	"github.com/authgen/authgen/examples/ssr/demo"
	"github.com/authgen/authgen/examples/ssr/web"
)

// app is the example served against a fake deployment, with a browser-like
// client: a cookie jar, no redirect following, and the Origin header a
// browser puts on form posts.
type app struct {
	url    string
	client *http.Client
	logs   *syncBuffer
}

func startApp(t *testing.T) *app {
	t.Helper()
	d := authtest.New(t)
	demo.Seed(d)
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	api, err := convexapi.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	h, err := web.New(api, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &app{url: srv.URL, client: client, logs: logs}
}

func (a *app) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	resp, err := a.client.Get(a.url + path)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

func (a *app) post(t *testing.T, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, a.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", a.url)
	resp, err := a.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

func (a *app) signUp(t *testing.T, redirectTo string) *http.Response {
	t.Helper()
	resp, _ := a.post(t, "/sign-up", url.Values{
		"name": {"Grace Hopper"}, "email": {"grace@example.com"}, "password": {"cobol-1959-password"}, "redirect_to": {redirectTo},
	})
	return resp
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantRedirect(t *testing.T, resp *http.Response, location string) {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != location {
		t.Fatalf("got %d Location %q, want 303 to %q", resp.StatusCode, resp.Header.Get("Location"), location)
	}
}

func TestSignUpThenDashboardRendersUserAndMessages(t *testing.T) {
	a := startApp(t)
	wantRedirect(t, a.signUp(t, "/dashboard?tab=2"), "/dashboard?tab=2")

	resp, body := a.get(t, "/dashboard?tab=2")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: status %d\n%s", resp.StatusCode, body)
	}
	for _, want := range []string{`<span id="user-name">Grace Hopper</span>`, `<span id="tab">2</span>`, "This list came from the typed messages:list query."} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, body)
		}
	}
}

func TestAnonymousDashboardRedirectsWithTarget(t *testing.T) {
	a := startApp(t)
	resp, _ := a.get(t, "/dashboard?tab=2")
	wantRedirect(t, resp, "/sign-in?redirect_to=%2Fdashboard%3Ftab%3D2")

	resp, body := a.get(t, "/sign-in?redirect_to=%2Fdashboard%3Ftab%3D2")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `name="redirect_to" value="/dashboard?tab=2"`) {
		t.Fatalf("sign-in form does not carry redirect_to (status %d):\n%s", resp.StatusCode, body)
	}
}

func TestSignInRejectsHostileRedirects(t *testing.T) {
	a := startApp(t)
	a.signUp(t, "")
	for _, hostile := range []string{
		"//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
		"/%2F/evil.example", "/\t/evil.example", "evil.example", "",
	} {
		resp, body := a.post(t, "/sign-in", url.Values{"email": {"grace@example.com"}, "password": {"cobol-1959-password"}, "redirect_to": {hostile}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/dashboard" {
			t.Errorf("redirect_to=%q: got %d Location %q, want 303 to /dashboard\n%s", hostile, resp.StatusCode, resp.Header.Get("Location"), body)
		}
	}
}

func TestSignInWrongPasswordShowsFormAgain(t *testing.T) {
	a := startApp(t)
	a.signUp(t, "")
	a.client.Jar, _ = cookiejar.New(nil)
	resp, body := a.post(t, "/sign-in", url.Values{"email": {"grace@example.com"}, "password": {"wrong-password"}, "redirect_to": {"/dashboard"}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `id="form-error"`) || !strings.Contains(body, `value="grace@example.com"`) {
		t.Errorf("the form is not shown again with the error and the email:\n%s", body)
	}
	if c := resp.Header.Values("Set-Cookie"); len(c) != 0 {
		t.Errorf("a failed sign-in set cookies: %q", c)
	}
}

func TestAPIMessagesNeedsSession(t *testing.T) {
	a := startApp(t)
	resp, body := a.get(t, "/api/messages")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("anonymous /api/messages: status %d, want 401\n%s", resp.StatusCode, body)
	}
	refused := resp.Header.Get("Content-Type")

	a.signUp(t, "")
	resp, body = a.get(t, "/api/messages")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("signed-in /api/messages: status %d\n%s", resp.StatusCode, body)
	}
	// One JSON content type, whether the answer is the data or a refusal.
	if answered := resp.Header.Get("Content-Type"); answered != "application/json" || refused != answered {
		t.Errorf("Content-Type: 200 %q, 401 %q; want both application/json", answered, refused)
	}
	var got struct {
		Messages []convexapi.Message `json:"messages"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Messages) != 2 {
		t.Fatalf("signed-in /api/messages: %v, body %s", err, body)
	}
}

func TestSignOutClearsCookiesAndProtectsAgain(t *testing.T) {
	a := startApp(t)
	a.signUp(t, "")
	resp, _ := a.post(t, "/sign-out", nil)
	wantRedirect(t, resp, "/sign-in")
	cleared := 0
	for _, c := range resp.Cookies() {
		if (strings.HasSuffix(c.Name, ".session_token") || strings.HasSuffix(c.Name, ".convex_jwt")) && c.MaxAge < 0 {
			cleared++
		}
	}
	if cleared != 2 {
		t.Errorf("sign-out cleared %d of the session and JWT cookies, want 2: %q", cleared, resp.Header.Values("Set-Cookie"))
	}
	resp, _ = a.get(t, "/dashboard")
	wantRedirect(t, resp, "/sign-in?redirect_to=%2Fdashboard")
}

func TestLogsCarryNoSecrets(t *testing.T) {
	a := startApp(t)
	a.signUp(t, "")
	a.get(t, "/dashboard")
	a.post(t, "/sign-out", nil)
	log := a.logs.String()
	if !strings.Contains(log, "path=/dashboard") {
		t.Fatalf("no request log line for /dashboard:\n%s", log)
	}
	for _, secret := range []string{"eyJ", "session_token", "convex_jwt", "cobol-1959-password"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log contains %q:\n%s", secret, log)
		}
	}
}

// syncBuffer collects log output from concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
