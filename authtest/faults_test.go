package authtest

import (
	"context"
	"encoding/base64"
	"net/http"
	"slices"
	"testing"
	"time"
)

var base64URL = base64.RawURLEncoding

func TestFailTokenEndpoint(t *testing.T) {
	d := New(t)
	header := cookieHeader(d.SignUp(t, "alice@example.com", "password1234", "Alice"))
	d.FailTokenEndpoint(503, 2)
	for i := 0; i < 2; i++ {
		if status, setCookies, _ := do(t, "GET", d.AuthURL("convex/token"), "", header); status != 503 || len(setCookies) != 0 {
			t.Errorf("failure %d: %d %q", i, status, setCookies)
		}
	}
	if status, _, _ := do(t, "GET", d.AuthURL("convex/token"), "", header); status != 200 {
		t.Errorf("after the injected failures: %d", status)
	}
	d.FailTokenEndpoint(500, -1)
	for i := 0; i < 3; i++ {
		if status, _, _ := do(t, "GET", d.AuthURL("convex/token"), "", header); status != 500 {
			t.Errorf("permanent failure %d: %d", i, status)
		}
	}
	d.FailTokenEndpoint(0, 0)
	if status, _, _ := do(t, "GET", d.AuthURL("convex/token"), "", header); status != 200 {
		t.Errorf("after reset: %d", status)
	}
	statuses := []int{}
	for _, c := range d.CallsTo("/convex/token") {
		statuses = append(statuses, c.Status)
	}
	if want := []int{503, 503, 200, 500, 500, 500, 200}; !slices.Equal(statuses, want) {
		t.Errorf("recorded statuses %v, want %v", statuses, want)
	}
}

// TestDelayTokenEndpointHonoursCancellation: a request the client gives up
// on ends the delay, so Close does not wait out the hour.
func TestDelayTokenEndpointHonoursCancellation(t *testing.T) {
	d := New(t)
	// The handler consumes the injected failure before it starts waiting,
	// which tells the test that the request is there. (Canceling as soon as
	// the request is written is not enough: the server may not have read it
	// yet, and then never sees it.)
	d.FailTokenEndpoint(http.StatusServiceUnavailable, 1)
	d.DelayTokenEndpoint(time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", d.AuthURL("convex/token"), nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	waitFor(t, "the request to reach the token endpoint", func() bool { return d.currentFaults().tokenFailures == 0 })
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a canceled request to a delayed token endpoint succeeded")
	}
	// The call is recorded when the handler returns.
	waitFor(t, "the token endpoint to stop waiting", func() bool { return len(d.CallsTo("/convex/token")) == 1 })
}

// waitFor polls cond until it holds, failing the test if it still does not
// after a minute (far longer than any loaded machine needs).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting a minute for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestForwardedHostAndMissingPlugin(t *testing.T) {
	d := New(t)
	d.RejectForwardedHost(true)
	status, _, body := do(t, "GET", d.AuthURL("convex/jwks"), "", http.Header{"X-Forwarded-Host": {"app.example.com"}})
	if status != 404 || body != "" {
		t.Errorf("x-forwarded-host: %d %q, want an empty 404", status, body)
	}
	if status, _, _ := do(t, "GET", d.AuthURL("convex/jwks"), "", nil); status != 200 {
		t.Errorf("without x-forwarded-host: %d", status)
	}
	d.RejectForwardedHost(false)
	d.DisablePlugin(true)
	for _, endpoint := range []string{"convex/token", "convex/jwks", "convex/.well-known/openid-configuration"} {
		if status, _, body := do(t, "GET", d.AuthURL(endpoint), "", nil); status != 404 || body != "" {
			t.Errorf("%s without the plugin: %d %q", endpoint, status, body)
		}
	}
	status, setCookies, _ := do(t, "POST", d.AuthURL("sign-up/email"), `{"email":"a@example.com","password":"password1234","name":"A"}`, nil)
	if status != 200 || len(setCookies) != 1 {
		t.Errorf("sign-up without the plugin: %d %q, want only the session cookie", status, setCookies)
	}
}

func TestFailJWKS(t *testing.T) {
	d := New(t)
	d.FailJWKS(true)
	if status, _, _ := do(t, "GET", d.AuthURL("convex/jwks"), "", nil); status != 500 {
		t.Errorf("jwks while failing: %d", status)
	}
	d.FailJWKS(false)
	if status, _, _ := do(t, "GET", d.AuthURL("convex/jwks"), "", nil); status != 200 {
		t.Errorf("jwks after recovery: %d", status)
	}
}

func TestDateHeaderFollowsClock(t *testing.T) {
	skewed := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	d := New(t, WithClock(func() time.Time { return skewed }))
	resp, err := http.Get(d.AuthURL("convex/jwks"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Date"); got != skewed.Format(http.TimeFormat) {
		t.Errorf("Date = %q, want %q", got, skewed.Format(http.TimeFormat))
	}
}
