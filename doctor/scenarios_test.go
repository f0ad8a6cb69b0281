package doctor

import (
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestHealthyDeploymentPasses(t *testing.T) {
	f := newFake(t)
	o := runScenario(t, f, scenario{args: []string{"--cookie", "theme=dark; better-auth.session_token=" + testSessionValue}})
	if o.code != exitOK {
		t.Fatalf("exit %d, want 0:\n%s", o.code, o.stdout)
	}
	for _, c := range o.report.Checks {
		if c.Status == StatusFail || c.Status == StatusWarn {
			t.Errorf("%s: %s: %s", c.ID, c.Status, c.Finding)
		}
	}
	if got := o.check(t, "convex.current_user"); got.Status != StatusOK {
		t.Errorf("convex.current_user = %s, want ok", got.Status)
	}
}

// TestScenarios injects one misconfiguration each and asserts which check
// fails and what it tells the user to do.
func TestScenarios(t *testing.T) {
	t.Parallel()
	session := "better-auth.session_token=" + testSessionValue
	tests := []struct {
		name     string
		setup    func(f *fakeDeployment)
		scenario func(f *fakeDeployment) scenario
		failing  string // the check that must fail
		finding  string // substring of its finding
		fix      string // substring of its fix
	}{
		{
			name:    "wrong issuer",
			setup:   func(f *fakeDeployment) { f.issuer = "https://other-deployment-42.convex.site" },
			failing: "discovery.issuer",
			finding: `"https://other-deployment-42.convex.site"`,
			fix:     "CONVEX_SITE_ORIGIN",
		},
		{
			name:    "issuer with trailing slash",
			setup:   func(f *fakeDeployment) { f.issuer = f.site.URL + "/" },
			failing: "discovery.issuer",
			finding: "trailing slash",
			fix:     "Remove the trailing slash",
		},
		{
			name: "convex.cloud as site URL",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{env: map[string]string{"CONVEX_SITE_URL": "https://happy-otter-123.convex.cloud"}}
			},
			failing: "env.site_url",
			finding: ".convex.cloud",
			fix:     "CONVEX_SITE_URL=https://happy-otter-123.convex.site",
		},
		{
			name:    "plugin missing",
			setup:   func(f *fakeDeployment) { f.pluginMissing = true },
			failing: "token.endpoint",
			finding: "404",
			fix:     "convex() plugin",
		},
		{
			name:    "JWKS down",
			setup:   func(f *fakeDeployment) { f.jwksDown = true },
			failing: "discovery.jwks",
			finding: "answered 500",
			fix:     "jwksRotateOnTokenGenerationError",
		},
		{
			name: "expired JWT",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{args: []string{"--token", f.mint(testNow.Add(-time.Hour), 15*time.Minute)}}
			},
			failing: "jwt.expiry",
			finding: "expired 45m0s ago",
			fix:     "re-mints from the session cookie",
		},
		{
			name: "__Secure- mismatch",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{env: map[string]string{"SITE_URL": "https://app.example.com"}, args: []string{"--cookie", session}}
			},
			failing: "cookies.names",
			finding: "__Secure-better-auth.session_token",
			fix:     "useSecureCookies",
		},
		{
			name: "custom prefix mismatch",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{args: []string{"--cookie", "acme.session_token=" + testSessionValue + "; acme.convex_jwt=" + f.mint(testNow, 15*time.Minute)}}
			},
			failing: "cookies.names",
			finding: `auth.cookie_prefix is "better-auth"`,
			fix:     "auth.cookie_prefix: acme",
		},
		{
			name:    "clock skew",
			setup:   func(f *fakeDeployment) { f.dateOffset = -10 * time.Minute },
			failing: "clock.skew",
			finding: "10m0s ahead of the deployment's",
			fix:     "NTP",
		},
		{
			name:     "unknown kid",
			setup:    func(f *fakeDeployment) { f.signWithUnknownKid = true },
			scenario: func(f *fakeDeployment) scenario { return scenario{args: []string{"--cookie", session}} },
			failing:  "jwt.signature",
			finding:  `kid "kid-rotated-away" is not in the JWKS`,
			fix:      "rotated",
		},
		{
			name:  "x-forwarded-host 404 through the app's proxy",
			setup: func(f *fakeDeployment) { f.rejectForwardedHost = true },
			scenario: func(f *fakeDeployment) scenario {
				return scenario{env: map[string]string{"SITE_URL": naiveProxy(t, f.site.URL)}}
			},
			failing: "token.forwarded_host",
			finding: "the proxy in front of the deployment forwards X-Forwarded-Host",
			fix:     "x-better-auth-forwarded-host",
		},
		{
			name:    "Unauthenticated thrown by current user",
			setup:   func(f *fakeDeployment) { f.throwUnauthenticated = true },
			failing: "convex.anonymous",
			finding: "Uncaught ConvexError: Unauthenticated",
			fix:     "safeGetAuthUser",
		},
		{
			name:     "auth.config.ts issuer does not match the token",
			setup:    func(f *fakeDeployment) { f.configIssuer = "https://old-deployment-7.convex.site" },
			scenario: func(f *fakeDeployment) scenario { return scenario{args: []string{"--cookie", session}} },
			failing:  "convex.current_user",
			finding:  "NoAuthProvider",
			fix:      "auth.config.ts",
		},
		{
			name: "current_user not nullable",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{manifest: strings.Replace(healthyManifest, `"User | null"`, "User", 1)}
			},
			failing: "manifest.current_user",
			finding: "not nullable",
			fix:     `returns: "User | null"`,
		},
		{
			name: "route protects the sign-in path",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{manifest: healthyManifest + "  - {prefix: /, unauthenticated: redirect}\n"}
			},
			failing: "manifest.routes",
			finding: "redirect loop",
			fix:     "sign_in_path",
		},
		{
			name: "base path differs from the deployment",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{manifest: strings.Replace(healthyManifest, "base_path: /api/auth", "base_path: /auth", 1)}
			},
			failing: "discovery.openid_configuration",
			finding: "404",
			fix:     `auth.base_path ("/auth")`,
		},
		{
			name: "site URL not set",
			scenario: func(f *fakeDeployment) scenario {
				return scenario{env: map[string]string{"CONVEX_SITE_URL": ""}}
			},
			failing: "env.site_url",
			finding: "not set",
			fix:     ".convex.site",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			if tt.setup != nil {
				tt.setup(f)
			}
			sc := scenario{}
			if tt.scenario != nil {
				sc = tt.scenario(f)
			}
			o := runScenario(t, f, sc)
			if o.code != exitFailed {
				t.Errorf("exit %d, want %d", o.code, exitFailed)
			}
			got := o.check(t, tt.failing)
			if got.Status != StatusFail {
				t.Fatalf("%s = %s (%s), want fail; report:\n%s", tt.failing, got.Status, got.Finding, o.stdout)
			}
			if !strings.Contains(got.Finding+strings.Join(got.Details, "\n"), tt.finding) {
				t.Errorf("%s finding = %q, want it to contain %q", tt.failing, got.Finding, tt.finding)
			}
			if !strings.Contains(got.Fix, tt.fix) {
				t.Errorf("%s fix = %q, want it to contain %q", tt.failing, got.Fix, tt.fix)
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
	f := newFake(t)
	f.rejectForwardedHost = true
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
	f := newFake(t)
	f.rejectForwardedHost = true
	target, _ := url.Parse(f.site.URL)
	clean := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) }})
	t.Cleanup(clean.Close)
	o := runScenario(t, f, scenario{env: map[string]string{"SITE_URL": clean.URL}})
	if got := o.check(t, "token.forwarded_host"); got.Status != StatusOK {
		t.Errorf("token.forwarded_host = %s %q, want ok", got.Status, got.Finding)
	}
}
