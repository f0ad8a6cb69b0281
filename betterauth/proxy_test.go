package betterauth

import (
	"bytes"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

// upstream records what the proxy sent and answers like Better Auth's sign-in.
type upstream struct {
	srv  *httptest.Server
	mu   sync.Mutex
	last *http.Request
	body []byte
}

func newUpstream(t *testing.T, h http.HandlerFunc) *upstream {
	u := &upstream{}
	u.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		u.mu.Lock()
		u.last, u.body = r.Clone(r.Context()), body
		u.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(u.srv.Close)
	return u
}

func proxyAuth(t *testing.T, site string) *Auth {
	a, err := New(Config{ConvexURL: "https://test.convex.cloud", SiteURL: site}, WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAuthHandlerForwardsCleanly(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Set-Cookie", "better-auth.session_token=abc.sig; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax")
		w.Header().Add("Set-Cookie", "better-auth.convex_jwt=jwt; Max-Age=900; Path=/; HttpOnly; SameSite=Lax")
		w.Header().Set("Connection", "X-Secret")
		w.Header().Set("X-Secret", "hop")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"token":"t"}`))
	})
	a := proxyAuth(t, up.srv.URL)
	r := httptest.NewRequest(http.MethodPost, "https://app.example.com/api/auth/sign-in/email?x=1", strings.NewReader(`{"email":"a"}`))
	r.Host = "app.example.com"
	r.Header.Set("Cookie", "better-auth.session_token=old")
	r.Header.Set("Origin", "https://app.example.com")
	r.Header.Set("X-Forwarded-Host", "evil.example")
	r.Header.Set("Connection", "Keep-Alive, X-Hop")
	r.Header.Set("X-Hop", "1")
	r.Header.Set("Keep-Alive", "timeout=5")
	r.Header.Set("Proxy-Authorization", "Basic x")
	r.Header.Set("Te", "gzip")
	w := serve(a.AuthHandler(), r)

	if w.Code != 200 || w.Body.String() != `{"token":"t"}` {
		t.Fatalf("response %d %q", w.Code, w.Body.String())
	}
	if got := w.Result().Header.Values("Set-Cookie"); len(got) != 2 || !strings.HasPrefix(got[1], "better-auth.convex_jwt=jwt; Max-Age=900") {
		t.Errorf("Set-Cookie = %q", got)
	}
	if w.Header().Get("X-Secret") != "" {
		t.Error("hop-by-hop response header passed through")
	}
	in := up.last
	if in.URL.RequestURI() != "/api/auth/sign-in/email?x=1" || string(up.body) != `{"email":"a"}` {
		t.Errorf("upstream got %s %q", in.URL.RequestURI(), up.body)
	}
	for name, want := range map[string]string{
		"X-Forwarded-Host":              "",
		"X-Forwarded-Proto":             "https",
		"X-Better-Auth-Forwarded-Host":  "app.example.com",
		"X-Better-Auth-Forwarded-Proto": "https",
		"X-Hop":                         "",
		"Keep-Alive":                    "",
		"Proxy-Authorization":           "",
		"Te":                            "",
		"Cookie":                        "better-auth.session_token=old",
		"Origin":                        "https://app.example.com",
	} {
		if got := in.Header.Get(name); got != want {
			t.Errorf("upstream %s = %q, want %q", name, got, want)
		}
	}
	if in.Host != strings.TrimPrefix(up.srv.URL, "http://") {
		t.Errorf("upstream Host = %q", in.Host)
	}
}

func TestAuthHandlerDoesNotFollowRedirects(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://accounts.example/oauth?state=1", http.StatusFound)
	})
	a := proxyAuth(t, up.srv.URL)
	w := serve(a.AuthHandler(), httptest.NewRequest(http.MethodGet, "/api/auth/sign-in/social", nil))
	if w.Code != http.StatusFound || w.Header().Get("Location") != "https://accounts.example/oauth?state=1" {
		t.Errorf("%d %q", w.Code, w.Header().Get("Location"))
	}
}

func TestAuthHandlerLimits(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/auth/huge" {
			w.Write(bytes.Repeat([]byte("x"), maxProxyResponseBody+10))
		}
	})
	a := proxyAuth(t, up.srv.URL)
	h := a.AuthHandler()

	big := httptest.NewRequest(http.MethodPost, "/api/auth/sign-up/email", bytes.NewReader(make([]byte, maxProxyRequestBody+1)))
	if w := serve(h, big); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("declared large body: %d", w.Code)
	}
	chunked := httptest.NewRequest(http.MethodPost, "/api/auth/sign-up/email", io.MultiReader(bytes.NewReader(make([]byte, maxProxyRequestBody+1))))
	chunked.ContentLength = -1
	if w := serve(h, chunked); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("streamed large body: %d", w.Code)
	}
	if w := serve(h, httptest.NewRequest(http.MethodGet, "/api/auth/huge", nil)); w.Body.Len() > maxProxyResponseBody {
		t.Errorf("response of %d bytes passed", w.Body.Len())
	}
	for _, p := range []string{"/other", "/api/authx", "/api/auth/../admin"} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL.Path = p
		if w := serve(h, r); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, w.Code)
		}
	}
}

func TestAuthHandlerUpstreamDown(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {})
	a := proxyAuth(t, up.srv.URL)
	up.srv.Close()
	if w := serve(a.AuthHandler(), httptest.NewRequest(http.MethodGet, "/api/auth/get-session", nil)); w.Code != http.StatusBadGateway {
		t.Errorf("%d, want 502", w.Code)
	}
}

func TestLimitedBodyAllowsExactlyTheLimit(t *testing.T) {
	for _, tc := range []struct {
		body    string
		wantErr bool
	}{{"1234", false}, {"12345", false}, {"123456", true}} {
		got, err := io.ReadAll(&limitedBody{r: io.NopCloser(strings.NewReader(tc.body)), n: 5})
		if (err != nil) != tc.wantErr {
			t.Errorf("%q: err %v, want error %v", tc.body, err, tc.wantErr)
		}
		if !tc.wantErr && string(got) != tc.body {
			t.Errorf("%q: read %q", tc.body, got)
		}
	}
}

// TestAuthHandlerLogsThroughLogger: the reverse proxy's messages (here a
// response cut off at the size limit) reach the configured logger, never
// the process-wide log package, so tests and apps see no stray lines.
func TestAuthHandlerLogsThroughLogger(t *testing.T) {
	up := newUpstream(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("x"), maxProxyResponseBody+10))
	})
	var logged bytes.Buffer
	a, err := New(Config{ConvexURL: "https://test.convex.cloud", SiteURL: up.srv.URL}, WithLogger(slog.New(slog.NewTextHandler(&logged, nil))))
	if err != nil {
		t.Fatal(err)
	}
	var std bytes.Buffer
	log.SetOutput(&std)
	defer log.SetOutput(os.Stderr)
	serve(a.AuthHandler(), httptest.NewRequest(http.MethodGet, "/api/auth/huge", nil))
	if std.Len() > 0 {
		t.Errorf("the proxy wrote to the log package:\n%s", std.String())
	}
	if !strings.Contains(logged.String(), "upstream response too large") {
		t.Errorf("the configured logger did not get the proxy's message:\n%s", logged.String())
	}
}
