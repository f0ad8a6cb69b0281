package interop

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/internal/nodeharness"
)

// target is one implementation of Better Auth with the convex() plugin,
// reachable over HTTP the way a Convex deployment's site URL is.
type target struct {
	name     string
	site     string // the site URL: CONVEX_SITE_URL, the tokens' issuer
	basePath string
	origin   string // an Origin Better Auth trusts
	client   *http.Client
	// advance moves the target's clock (sessions, tokens) forward by d.
	advance func(t *testing.T, d time.Duration)
}

// authConfig is one Better Auth configuration both targets are started with.
type authConfig struct {
	name         string
	cookiePrefix string // "" = Better Auth's default
	secure       bool   // advanced.useSecureCookies
}

var authConfigs = []authConfig{
	{name: "default"},
	{name: "secure", secure: true},
	{name: "prefix", cookiePrefix: "myapp", secure: true},
}

// startAuthtest starts the fake with cfg, and the edge's x-forwarded-host
// 404 on as the real harness emulates it.
func startAuthtest(t *testing.T, cfg authConfig) target {
	var opts []authtest.Option
	if cfg.cookiePrefix != "" {
		opts = append(opts, authtest.WithCookiePrefix(cfg.cookiePrefix))
	}
	if cfg.secure {
		opts = append(opts, authtest.WithSecureCookies())
	}
	var offset atomic.Int64
	opts = append(opts, authtest.WithClock(func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }))
	d := authtest.New(t, opts...)
	d.RejectForwardedHost(true)
	advance := func(t *testing.T, d time.Duration) { offset.Add(int64(d)) }
	return target{name: "authtest", site: d.SiteURL(), basePath: d.Config().BasePath, origin: d.SiteURL(), client: nodeharness.NewHTTPClient(), advance: advance}
}

// startReal starts real better-auth + convex() in Node with cfg.
func startReal(t *testing.T, cfg authConfig) target {
	opts := nodeharness.BetterAuthOptions{CookiePrefix: cfg.cookiePrefix}
	if cfg.secure {
		secure := true
		opts.UseSecureCookies = &secure
	}
	b := nodeharness.StartBetterAuth(t, opts)
	advance := func(t *testing.T, d time.Duration) {
		t.Helper()
		for d > 0 { // the harness moves at most a day per call
			step := min(d, 24*time.Hour)
			if _, err := b.AdvanceClock(step); err != nil {
				t.Fatal(err)
			}
			d -= step
		}
	}
	return target{name: "real", site: b.URL, basePath: b.BasePath, origin: b.Origin, client: nodeharness.NewHTTPClient(), advance: advance}
}

// response is what a target answered.
type response struct {
	status     int
	setCookies []string
	body       string
}

// do sends a request to {site}{basePath}{endpoint}; POSTs carry a JSON body
// and the trusted Origin.
func (tg target) do(t *testing.T, method, endpoint, body string, header http.Header) response {
	t.Helper()
	req, err := http.NewRequest(method, tg.site+tg.basePath+endpoint, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", tg.origin)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := tg.client.Do(req)
	if err != nil {
		t.Fatalf("%s: %s %s: %v", tg.name, method, endpoint, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatalf("%s: reading %s %s: %v", tg.name, method, endpoint, err)
	}
	return response{resp.StatusCode, resp.Header.Values("Set-Cookie"), string(b)}
}

// cookiesOf turns Set-Cookie headers into a Cookie header, leaving out
// cleared cookies, as a browser would.
func cookiesOf(setCookies []string) http.Header {
	var pairs []string
	for _, sc := range setCookies {
		if name, value, _ := splitSetCookie(sc); value != "" {
			pairs = append(pairs, name+"="+value)
		}
	}
	return http.Header{"Cookie": {strings.Join(pairs, "; ")}}
}

// cookieValue returns the value of the Set-Cookie whose name ends in suffix.
func cookieValue(setCookies []string, suffix string) string {
	for _, sc := range setCookies {
		if name, value, _ := splitSetCookie(sc); strings.HasSuffix(name, suffix) {
			return value
		}
	}
	return ""
}

// splitSetCookie splits a Set-Cookie header into the cookie's name, its
// value and the attributes after the first ";" (with their leading space).
func splitSetCookie(setCookie string) (name, value, attrs string) {
	pair, attrs, _ := strings.Cut(setCookie, ";")
	name, value, _ = strings.Cut(pair, "=")
	return name, value, attrs
}
