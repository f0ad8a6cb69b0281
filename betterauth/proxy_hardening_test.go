package betterauth

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestProxyRefusesTraceAndConnect(t *testing.T) {
	var reached atomic.Int32
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	defer up.Close()
	a, err := New(Config{ConvexURL: "https://x.convex.cloud", SiteURL: up.URL}, WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{http.MethodTrace, http.MethodConnect} {
		w := httptest.NewRecorder()
		a.AuthHandler().ServeHTTP(w, httptest.NewRequest(m, "/api/auth/get-session", nil))
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, w.Code)
		}
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("%d TRACE/CONNECT requests reached the upstream", n)
	}
}

// recordingTransport answers every round trip itself, recording the bodies
// that were sent.
type recordingTransport struct {
	trips  atomic.Int32
	bodies [][]byte
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.trips.Add(1)
	var b []byte
	if r.Body != nil {
		b, _ = io.ReadAll(r.Body)
	}
	rt.bodies = append(rt.bodies, b)
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
}

func TestProxyChunkedBodyOverLimitSendsNothingUpstream(t *testing.T) {
	rt := &recordingTransport{}
	a, err := New(Config{ConvexURL: "https://x.convex.cloud", SiteURL: "https://x.convex.site", HTTPClient: &http.Client{Transport: rt}},
		WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	body := io.MultiReader(strings.NewReader(`{"email":"`), bytes.NewReader(bytes.Repeat([]byte("a"), maxProxyRequestBody)), strings.NewReader(`"}`))
	r := httptest.NewRequest(http.MethodPost, "/api/auth/sign-in/email", body)
	r.ContentLength = -1 // chunked: the size is not declared
	w := httptest.NewRecorder()
	a.AuthHandler().ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", w.Code)
	}
	if n := rt.trips.Load(); n != 0 {
		t.Errorf("the over-limit body was sent upstream (%d round trips)", n)
	}
	rt.bodies = nil
	// A small chunked body still goes through whole.
	r = httptest.NewRequest(http.MethodPost, "/api/auth/sign-in/email", strings.NewReader(`{"email":"a@b.c"}`))
	r.ContentLength = -1
	w = httptest.NewRecorder()
	a.AuthHandler().ServeHTTP(w, r)
	if w.Code != http.StatusOK || len(rt.bodies) != 1 || string(rt.bodies[0]) != `{"email":"a@b.c"}` {
		t.Errorf("small chunked body: status %d, upstream got %d bodies", w.Code, len(rt.bodies))
	}
}

func TestProxyLogsNoPathTokens(t *testing.T) {
	var logs bytes.Buffer
	a, err := New(Config{ConvexURL: "https://x.convex.cloud", SiteURL: "http://127.0.0.1:1"}, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	const secret = "tok_9f8e7d6c5b4a"
	w := httptest.NewRecorder()
	a.AuthHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/auth/reset-password/"+secret+"?callbackURL=/x", nil))
	if w.Code != http.StatusBadGateway {
		t.Fatalf("status %d, want 502", w.Code)
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the log holds the path token: %s", logs.String())
	}
	if !strings.Contains(logs.String(), "/api/auth/reset-password") {
		t.Errorf("the log does not name the route: %s", logs.String())
	}
}
