package betterauth_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/internal/nodeharness"
)

// Better Auth in production rate-limit mode counts requests per client IP
// and path: 3 per 10 s on /sign-in* and /sign-up*, 100 per 10 s elsewhere
// (/convex/token among them). These tests put the runtime in front of it.

const (
	rateLimitUsers   = 150
	rateLimitWindow  = 10 * time.Second // Better Auth's default window
	rateLimitWorkers = 8                // concurrent browsers
	tokenLimit       = 100              // Better Auth's default max per window
)

// visitor is one user's browser with its own client address. A direct
// visitor's requests are handed to the server's handler with RemoteAddr set
// to that address (a server facing the internet); the others arrive over
// HTTP from 127.0.0.1, a trusted proxy, with the address in X-Forwarded-For.
type visitor struct {
	email, ip string
	direct    bool
}

func visitors(n int) []visitor {
	vs := make([]visitor, n)
	for i := range vs {
		vs[i] = visitor{
			email:  fmt.Sprintf("user%03d@example.com", i),
			ip:     fmt.Sprintf("10.20.%d.%d", i/100, i%100+1),
			direct: i%2 == 0,
		}
	}
	return vs
}

// visit sends one request of v's browser to a's server. POSTs carry a JSON
// body and the app's Origin. Over HTTP, X-Forwarded-For is the chain two
// proxies make: the client, then a second proxy of 127.0.0.0/8.
func (a *app) visit(v visitor, method, path string, body any, cookies []*http.Cookie) (*http.Response, error) {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, err
		}
	}
	var req *http.Request
	if v.direct {
		req = httptest.NewRequest(method, a.srv.URL+path, bytes.NewReader(payload))
		req.RemoteAddr = v.ip + ":40000"
	} else {
		var err error
		if req, err = http.NewRequest(method, a.srv.URL+path, bytes.NewReader(payload)); err != nil {
			return nil, err
		}
		req.Header.Set("X-Forwarded-For", v.ip+", 127.0.0.2")
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", a.origin())
	}
	for _, c := range cookies {
		if c.MaxAge >= 0 && c.Value != "" {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
	}
	if v.direct {
		rec := httptest.NewRecorder()
		a.srv.Config.Handler.ServeHTTP(rec, req)
		return rec.Result(), nil
	}
	return rateLimitClient.Do(req)
}

// origin is the app's origin, which the harness trusts: a replica started
// with serveApp shares the first server's.
func (a *app) origin() string {
	if a.appOrigin != "" {
		return a.appOrigin
	}
	return a.srv.URL
}

// rateLimitClient keeps a connection per concurrent browser open, so the
// test measures Better Auth and the runtime, not TCP handshakes.
var rateLimitClient = func() *http.Client {
	c := nodeharness.NewHTTPClient()
	c.Transport.(*http.Transport).MaxIdleConnsPerHost = rateLimitWorkers
	return c
}()

// signedIn is a browser after sign-in: its cookies and what its first page
// showed.
type signedIn struct {
	cookies []*http.Cookie
	page    seen
}

// forEach runs f for every visitor on rateLimitWorkers goroutines and
// returns the errors, in visitor order.
func forEach(vs []visitor, f func(i int, v visitor) error) []error {
	errs := make([]error, len(vs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range rateLimitWorkers {
		wg.Go(func() {
			for i := range next {
				errs[i] = f(i, vs[i])
			}
		})
	}
	for i := range vs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errs
}

// postAs sends a JSON POST as v and wants a 200; the response comes back
// with the error too, so a caller can look at a refusal.
func (a *app) postAs(v visitor, path string, body any) (*http.Response, error) {
	resp, err := a.visit(v, http.MethodPost, path, body, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: POST %s: %w", v.email, path, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp, fmt.Errorf("%s from %s: POST %s: %s (X-Retry-After %q)", v.email, v.ip, path, resp.Status, resp.Header.Get("X-Retry-After"))
	}
	return resp, nil
}

// pageAs loads /me as v with cookies.
func (a *app) pageAs(v visitor, cookies []*http.Cookie) (seen, *http.Response, error) {
	resp, err := a.visit(v, http.MethodGet, "/me", nil, cookies)
	if err != nil {
		return seen{}, nil, fmt.Errorf("%s: GET /me: %w", v.email, err)
	}
	defer resp.Body.Close()
	var out seen
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return seen{}, resp, fmt.Errorf("%s: GET /me: %s: %w", v.email, resp.Status, err)
	}
	return out, resp, nil
}

func failOn(t *testing.T, what string, errs []error) {
	t.Helper()
	n := 0
	for _, err := range errs {
		if err != nil {
			if n < 5 {
				t.Errorf("%s: %v", what, err)
			}
			n++
		}
	}
	if n > 0 {
		t.Fatalf("%s: %d of %d failed", what, n, len(errs))
	}
}

// TestRealBetterAuthRateLimit: 150 users, each from an address of its own,
// sign in through AuthHandler and load a Go-served page (a mint on their
// behalf) within one rate-limit window, and Better Auth refuses none of it:
// the runtime sends every request upstream with the user's address alone.
// The control: the same pages through a replica that sees every user at
// one address (a load balancer it was not told to trust) get Better Auth's
// 429 once the shared bucket is full, and a 429 is an error on the page,
// never a logout.
func TestRealBetterAuthRateLimit(t *testing.T) {
	// Better Auth's scrypt costs 50-250 ms of CPU per sign-in on a 2-core
	// machine: 150 of them alone would outlast the window. The test is
	// about the limiter, so passwords get a cheap hash.
	a := startApp(t, nodeharness.BetterAuthOptions{ProductionRateLimit: true, FastPasswordHash: true}, func(c *betterauth.Config) {
		c.TrustedProxies = []string{"127.0.0.0/8"}
	})
	vs := visitors(rateLimitUsers)
	password := "correct-horse-battery"

	// Sign-up goes through the same proxy and limiter, each user from its
	// own address, before the timed part, which it would double.
	start := time.Now()
	failOn(t, "sign-up", forEach(vs, func(_ int, v visitor) error {
		_, err := a.postAs(v, "/api/auth/sign-up/email", map[string]string{"email": v.email, "password": password, "name": v.email})
		return err
	}))
	t.Logf("%d sign-ups in %v", len(vs), time.Since(start).Round(time.Millisecond))

	users := make([]signedIn, len(vs))
	start = time.Now()
	failOn(t, "sign-in and page", forEach(vs, func(i int, v visitor) error {
		resp, err := a.postAs(v, "/api/auth/sign-in/email", map[string]string{"email": v.email, "password": password})
		if err != nil {
			return err
		}
		cookies := resp.Cookies()
		got, _, err := a.pageAs(v, cookies)
		if err != nil {
			return err
		}
		if !got.Authenticated || got.Email != v.email || got.Err != "" {
			return fmt.Errorf("%s from %s: page shows %+v, want the user", v.email, v.ip, got)
		}
		users[i] = signedIn{cookies: cookies, page: got}
		return nil
	}))
	elapsed := time.Since(start)
	t.Logf("%d sign-ins and pages in %v", len(vs), elapsed.Round(time.Millisecond))
	if elapsed > rateLimitWindow {
		t.Errorf("%d sign-ins and pages took %v, want them within one rate-limit window (%v)", len(vs), elapsed, rateLimitWindow)
	}
	// Each first page after sign-in mints once (to learn which session the
	// session cookie names), so every user's address reached the token
	// endpoint; a 429 retried would show as an extra request.
	counts, err := a.ba.Requests()
	if err != nil {
		t.Fatal(err)
	}
	if counts[tokenPath] != len(vs) || counts["/api/auth/sign-in/email"] != len(vs) {
		t.Errorf("Better Auth saw %d token and %d sign-in requests, want %d of each", counts[tokenPath], counts["/api/auth/sign-in/email"], len(vs))
	}

	// The control: a replica that does not trust the proxy sees everyone at
	// 127.0.0.1 and says so to Better Auth, whose bucket for that address
	// fills up.
	b := serveApp(t, httptest.NewUnstartedServer(nil), a.ba, "", nil)
	b.appOrigin = a.srv.URL
	over := vs[:4]
	for i, v := range over {
		v.direct = false
		resp, err := b.postAs(v, "/api/auth/sign-in/email", map[string]string{"email": v.email, "password": password})
		switch {
		case i < 3 && err != nil:
			t.Fatalf("control sign-in %d: %v", i+1, err)
		case i == 3 && (resp == nil || resp.StatusCode != http.StatusTooManyRequests):
			t.Fatalf("4th sign-in within 10 s from the shared address: %v, want Better Auth's 429", err)
		case i == 3:
			if secs, err := strconv.Atoi(resp.Header.Get("X-Retry-After")); err != nil || secs < 1 || secs > 10 {
				t.Errorf("the 429 reached the browser with X-Retry-After %q, want Better Auth's 1..10 s", resp.Header.Get("X-Retry-After"))
			}
		}
	}

	if counts, err = a.ba.Requests(); err != nil {
		t.Fatal(err)
	}
	mintsBefore := counts[tokenPath]
	refused := make([]bool, len(vs))
	failOn(t, "control page", forEach(vs, func(i int, v visitor) error {
		v.direct = false
		got, resp, err := b.pageAs(v, users[i].cookies)
		if err != nil {
			return err
		}
		if got.Authenticated {
			if got.Email != v.email {
				return fmt.Errorf("%s: control page shows %+v", v.email, got)
			}
			return nil
		}
		refused[i] = true
		// An outage, not a logout: no anonymous page, no cookie cleared.
		// Better Auth asks to come back when its window ends (X-Retry-After,
		// seconds), later than a mint waits: the page fails at once.
		if !got.TokenEndpointErr || got.TokenEndpointStatus != http.StatusTooManyRequests ||
			got.TokenEndpointRetryAfter < time.Second || got.TokenEndpointRetryAfter > rateLimitWindow {
			return fmt.Errorf("%s: refused control page shows %+v, want a token endpoint error with status 429 and Better Auth's X-Retry-After (1..10 s)", v.email, got)
		}
		for _, sc := range resp.Header.Values("Set-Cookie") {
			if strings.HasPrefix(sc, "better-auth.") {
				return fmt.Errorf("%s: the page that met a 429 sets %q; a rate limit must leave the browser's cookies alone", v.email, sc)
			}
		}
		return nil
	}))
	if counts, err = a.ba.Requests(); err != nil {
		t.Fatal(err)
	}
	if n := counts[tokenPath] - mintsBefore; n != len(vs) {
		t.Errorf("%d token requests for %d control pages, want one each: a 429 asking for seconds is not retried sooner", n, len(vs))
	}
	nRefused := 0
	for i, r := range refused {
		if !r {
			continue
		}
		nRefused++
		// The session the 429 met is alive: Better Auth still mints for it.
		if _, status, err := a.ba.Token(users[i].cookies); err != nil || status != http.StatusOK {
			t.Errorf("%s after the 429: token endpoint %d, %v; want the session alive", vs[i].email, status, err)
		}
	}
	if want := len(vs) - tokenLimit; nRefused != want {
		t.Errorf("%d of %d control pages met a 429, want %d: Better Auth allows %d mints per window from one address", nRefused, len(vs), want, tokenLimit)
	}
}
