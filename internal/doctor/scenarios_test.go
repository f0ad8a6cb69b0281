package doctor

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
)

func TestHealthyDeploymentPasses(t *testing.T) {
	f := newFixture(t)
	o := runScenario(t, f, scenario{
		env:  map[string]string{"SITE_URL": testAppOrigin},
		args: []string{"--cookie", "theme=dark; " + f.signUp(t)},
	})
	if o.code != exitOK {
		t.Fatalf("exit %d, want 0:\n%s", o.code, o.stdout)
	}
	for _, c := range o.report.Checks {
		if c.Status == StatusFail || c.Status == StatusWarn {
			t.Errorf("%s: %s: %s", c.ID, c.Status, c.Finding)
		}
	}
	for _, id := range []string{"manifest.file", "origin.sign_in", "cookies.names", "cookies.session", "jwt.signature", "convex.anonymous", "convex.current_user"} {
		if got := o.check(t, id); got.Status != StatusOK {
			t.Errorf("%s = %s (%s), want ok", id, got.Status, got.Finding)
		}
	}
}

// TestScenarios injects one misconfiguration each into an authtest
// deployment (or the app's environment and manifest) and asserts which
// check fails and what it tells the user to do.
func TestScenarios(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opts    []authtest.Option
		setup   func(t *testing.T, f *fixture) scenario // injects the fault; nil runs the healthy scenario
		failing string                                  // the check that must fail
		finding string                                  // substring of its finding or details
		fix     string                                  // substring of its fix
		reason  betterauth.ReasonCode                   // the runtime's name for the failure, if it has one
	}{
		{
			name:    "wrong issuer",
			opts:    []authtest.Option{authtest.WithIssuer("https://other-deployment-42.convex.site")},
			failing: "discovery.issuer",
			finding: `"https://other-deployment-42.convex.site"`,
			fix:     "CONVEX_SITE_ORIGIN",
		},
		{
			name:    "issuer with trailing slash",
			opts:    []authtest.Option{authtest.WithIssuerTrailingSlash()},
			failing: "discovery.issuer",
			finding: "trailing slash",
			fix:     "Remove the trailing slash",
		},
		{
			name: ".convex.cloud as site URL",
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{env: map[string]string{"CONVEX_SITE_URL": "https://happy-otter-123.convex.cloud"}}
			},
			failing: "env.site_url",
			finding: ".convex.cloud",
			fix:     "CONVEX_SITE_URL=https://happy-otter-123.convex.site",
		},
		{
			name: "site URL not set",
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{env: map[string]string{"CONVEX_SITE_URL": ""}}
			},
			failing: "env.site_url",
			finding: "not set",
			fix:     ".convex.site",
		},
		{
			name: "plugin missing (404)",
			setup: func(t *testing.T, f *fixture) scenario {
				f.DisablePlugin(true)
				return scenario{}
			},
			failing: "token.endpoint",
			finding: "answered 404",
			fix:     "convex() plugin",
		},
		{
			name: "JWKS down",
			setup: func(t *testing.T, f *fixture) scenario {
				f.FailJWKS(true)
				return scenario{}
			},
			failing: "discovery.jwks",
			finding: "answered 500",
			fix:     "jwksRotateOnTokenGenerationError",
		},
		{
			name: "JWKS down: Convex cannot verify the token",
			setup: func(t *testing.T, f *fixture) scenario {
				cookie := f.signUp(t)
				f.FailJWKS(true)
				return scenario{args: []string{"--cookie", cookie}}
			},
			failing: "convex.current_user",
			finding: "InvalidAuthHeader",
			fix:     "fetch the JWKS",
		},
		{
			name: "expired JWT",
			setup: func(t *testing.T, f *fixture) scenario {
				f.clock.set(-time.Hour)
				token := f.Token(t, sessionCookies(f.signUp(t)))
				f.clock.set(0)
				return scenario{args: []string{"--token", token}}
			},
			failing: "jwt.expiry",
			finding: "expired 45m0s ago",
			fix:     "re-mints from the session cookie",
			reason:  betterauth.ReasonExpired,
		},
		{
			name: "__Secure- expected, plain cookie arrived",
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{env: map[string]string{"SITE_URL": "https://app.example.com"}, args: []string{"--cookie", f.signUp(t)}}
			},
			failing: "cookies.names",
			finding: "__Secure-better-auth.session_token",
			fix:     "useSecureCookies",
		},
		{
			name: "__Secure- cookie arrived, plain expected",
			opts: []authtest.Option{authtest.WithSecureCookies()},
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{env: map[string]string{"SITE_URL": "http://localhost:3000"}, args: []string{"--cookie", f.signUp(t)}}
			},
			failing: "cookies.names",
			finding: "ignores the __Secure- cookie",
			fix:     "useSecureCookies",
		},
		{
			name: "custom prefix mismatch",
			opts: []authtest.Option{authtest.WithCookiePrefix("acme")},
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{args: []string{"--cookie", f.signUp(t)}}
			},
			failing: "cookies.names",
			finding: `auth.cookie_prefix is "better-auth"`,
			fix:     "auth.cookie_prefix: acme",
		},
		{
			name:    "clock skew",
			opts:    []authtest.Option{authtest.WithClock(func() time.Time { return testNow.Add(-10 * time.Minute) })},
			failing: "clock.skew",
			finding: "10m0s ahead of the deployment's",
			fix:     "NTP",
		},
		{
			name: "unknown kid",
			setup: func(t *testing.T, f *fixture) scenario {
				if err := f.SignWithUnpublishedKey(true); err != nil {
					t.Fatal(err)
				}
				return scenario{args: []string{"--cookie", f.sessionOnly(f.signUp(t))}}
			},
			failing: "jwt.signature",
			finding: "is not in the JWKS",
			fix:     "rotated",
			reason:  betterauth.ReasonUnknownKey,
		},
		{
			name: "keys rotated after the convex_jwt cookie was set",
			setup: func(t *testing.T, f *fixture) scenario {
				cookie := f.signUp(t)
				if err := f.RotateKeys(); err != nil {
					t.Fatal(err)
				}
				return scenario{args: []string{"--cookie", cookie}}
			},
			failing: "jwt.signature",
			finding: "the better-auth.convex_jwt cookie: kid",
			fix:     "rotated",
			reason:  betterauth.ReasonUnknownKey,
		},
		{
			name: "x-forwarded-host 404 through the app's proxy",
			setup: func(t *testing.T, f *fixture) scenario {
				f.RejectForwardedHost(true)
				return scenario{env: map[string]string{"SITE_URL": naiveProxy(t, f.SiteURL())}}
			},
			failing: "token.forwarded_host",
			finding: "the proxy in front of the deployment forwards X-Forwarded-Host",
			fix:     "x-better-auth-forwarded-host",
		},
		{
			name: "app origin not in trustedOrigins",
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{env: map[string]string{"SITE_URL": "https://app.example.com"}}
			},
			failing: "origin.sign_in",
			finding: "403 INVALID_ORIGIN",
			fix:     "Add https://app.example.com to trustedOrigins",
		},
		{
			name: "Unauthenticated thrown by the current-user function",
			setup: func(t *testing.T, f *fixture) scenario {
				registerCurrentUser(f.Deployment, true)
				return scenario{}
			},
			failing: "convex.anonymous",
			finding: "Uncaught ConvexError: Unauthenticated",
			fix:     "safeGetAuthUser",
		},
		{
			name: "NoAuthProvider: auth.config.ts applicationID does not match the token",
			opts: []authtest.Option{authtest.WithApplicationID("my-app")},
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{args: []string{"--cookie", f.signUp(t)}}
			},
			failing: "convex.current_user",
			finding: "NoAuthProvider",
			fix:     "auth.config.ts",
		},
		{
			name: "current_user not nullable",
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{manifest: strings.Replace(healthyManifest, `"User | null"`, "User", 1)}
			},
			failing: "manifest.current_user",
			finding: "not nullable",
			fix:     `returns: "User | null"`,
		},
		{
			name: "route protects the sign-in path",
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{manifest: healthyManifest + "  - {prefix: /, unauthenticated: redirect}\n"}
			},
			failing: "manifest.routes",
			finding: "redirect loop",
			fix:     "sign_in_path",
		},
		{
			name:    "base path differs from the deployment's",
			opts:    []authtest.Option{authtest.WithBasePath("/auth")},
			failing: "discovery.openid_configuration",
			finding: "answered 404",
			fix:     `auth.base_path ("/api/auth")`,
		},
		{
			name: "manifest does not parse",
			setup: func(t *testing.T, f *fixture) scenario {
				return scenario{manifest: strings.Replace(healthyManifest, "  base_path:", "  basepath:", 1)}
			},
			failing: "manifest.file",
			finding: `authgen.yaml:4:3: unknown field "basepath" in auth (did you mean "base_path"?)`,
			fix:     "file:line:col",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.opts...)
			sc := scenario{}
			if tt.setup != nil {
				sc = tt.setup(t, f)
			}
			o := runScenario(t, f, sc)
			if o.code != exitFailed {
				t.Errorf("exit %d, want %d", o.code, exitFailed)
			}
			got := o.check(t, tt.failing)
			if got.Status != StatusFail {
				t.Fatalf("%s = %s (%s), want fail; report:\n%s", tt.failing, got.Status, got.Finding, o.stdout)
			}
			if text := got.Finding + "\n" + strings.Join(got.Details, "\n"); !strings.Contains(text, tt.finding) {
				t.Errorf("%s finding = %q, want it to contain %q", tt.failing, text, tt.finding)
			}
			if !strings.Contains(got.Fix, tt.fix) {
				t.Errorf("%s fix = %q, want it to contain %q", tt.failing, got.Fix, tt.fix)
			}
			if tt.reason != "" && got.Reason != string(tt.reason) {
				t.Errorf("%s reason = %q, want %q (the runtime's name)", tt.failing, got.Reason, tt.reason)
			}
			for _, c := range o.report.Checks {
				if c.Reason != "" && !slices.Contains(betterauth.Reasons(), betterauth.ReasonCode(c.Reason)) {
					t.Errorf("%s reports reason %q, which is not one of betterauth.Reasons()", c.ID, c.Reason)
				}
			}
		})
	}
}

// naiveProxy is an app proxying everything to target the way a default
// nginx or rewrite setup does: it sets X-Forwarded-Host to the app's host.
func naiveProxy(t *testing.T, target string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(u)
		r.SetXForwarded()
	}})
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestForwardedHostWithoutAppURLWarns(t *testing.T) {
	f := newFixture(t)
	f.RejectForwardedHost(true)
	o := runScenario(t, f, scenario{})
	got := o.check(t, "token.forwarded_host")
	if got.Status != StatusWarn || !strings.Contains(got.Fix, "proxy_set_header X-Forwarded-Host") {
		t.Errorf("token.forwarded_host = %s %q / %q, want a warning naming the nginx setting", got.Status, got.Finding, got.Fix)
	}
	if o.code != exitOK {
		t.Errorf("exit %d: a deployment that behaves like Convex's edge is not a failure by itself", o.code)
	}
}

func TestForwardedHostThroughCleanProxyPasses(t *testing.T) {
	f := newFixture(t)
	f.RejectForwardedHost(true)
	target, err := url.Parse(f.SiteURL())
	if err != nil {
		t.Fatal(err)
	}
	clean := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) }})
	t.Cleanup(clean.Close)
	o := runScenario(t, f, scenario{env: map[string]string{"SITE_URL": clean.URL}})
	if got := o.check(t, "token.forwarded_host"); got.Status != StatusOK {
		t.Errorf("token.forwarded_host = %s %q, want ok", got.Status, got.Finding)
	}
}

func TestOriginCheck(t *testing.T) {
	tests := []struct {
		name    string
		opts    []authtest.Option
		siteURL string
		status  Status
		finding string
	}{
		{name: "no SITE_URL", status: StatusSkip, finding: "SITE_URL"},
		{name: "trusted", siteURL: testAppOrigin + "/dashboard", status: StatusOK, finding: "Origin " + testAppOrigin + " answered 401"},
		{name: "wildcard", opts: []authtest.Option{authtest.WithTrustedOrigins("*")}, siteURL: testAppOrigin, status: StatusWarn, finding: "wildcard"},
		{name: "not trusted", siteURL: "http://localhost:4000", status: StatusFail, finding: "http://localhost:4000: 403 INVALID_ORIGIN"},
		{name: "not a URL", siteURL: "localhost:3000", status: StatusSkip, finding: "not an absolute http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.opts...)
			sc := scenario{}
			if tt.siteURL != "" {
				sc.env = map[string]string{"SITE_URL": tt.siteURL}
			}
			got := runScenario(t, f, sc).check(t, "origin.sign_in")
			if got.Status != tt.status || !strings.Contains(got.Finding, tt.finding) {
				t.Errorf("origin.sign_in = %s %q, want %s containing %q", got.Status, got.Finding, tt.status, tt.finding)
			}
		})
	}
	f := newFixture(t)
	f.ResetCalls()
	runScenario(t, f, scenario{env: map[string]string{"SITE_URL": testAppOrigin}})
	for _, c := range f.CallsTo("/sign-in/email") {
		if c.Header.Get("Cookie") == "" || c.Header.Get("Origin") == "" {
			t.Errorf("probe without the cookie or Origin that make Better Auth check the origin: %v", c.Header)
		}
	}
	if n := len(f.CallsTo("/sign-in/email")); n != 2 {
		t.Errorf("%d sign-in probes, want 2 (the app origin, a foreign one)", n)
	}
}

func TestTokenEndpointHints(t *testing.T) {
	for _, c := range []struct {
		name         string
		status       int
		finding, fix string
	}{
		{"another plugin took the route", http.StatusNotFound, "another Better Auth plugin took /convex/token", "convex() must own /convex/token"},
		{"rate limited", http.StatusTooManyRequests, "429", "advanced.ipAddress.trustedProxies"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.FailTokenEndpoint(c.status, 100)
			o := runScenario(t, f, scenario{})
			got := o.check(t, "token.endpoint")
			if got.Status != StatusFail || !strings.Contains(got.Finding, c.finding) || !strings.Contains(got.Fix, c.fix) {
				t.Errorf("token.endpoint = %s %q / %q, want a failure saying %q with the fix %q", got.Status, got.Finding, got.Fix, c.finding, c.fix)
			}
		})
	}
}
