package betterauth

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SupportPackageIsVersionN is referenced by generated code so that a
// generator/runtime mismatch fails to compile. Version 1 packages hold their
// own Client plumbing and call only the Fetch* functions; version 2 packages
// embed ClientBase and pass their manifest settings as Settings. This
// runtime supports both.
const (
	SupportPackageIsVersion1 = true
	SupportPackageIsVersion2 = true
)

// Defaults applied by New for zero Config fields.
const (
	DefaultBasePath      = "/api/auth"
	DefaultCookiePrefix  = "better-auth"
	DefaultSignInPath    = "/sign-in"
	DefaultLeeway        = 5 * time.Second // the Convex backend's own epsilon
	DefaultRefreshMargin = 30 * time.Second
)

// Config describes one Convex deployment using Better Auth.
type Config struct {
	ConvexURL     string        // https://<name>.convex.cloud (self-hosted: its API origin)
	SiteURL       string        // https://<name>.convex.site: Better Auth's host and the tokens' issuer
	BasePath      string        // default "/api/auth"
	CookiePrefix  string        // default "better-auth"
	JWKS          string        // empty: fetch {SiteURL}{BasePath}/convex/jwks; else a static JWKS document
	Algorithms    []string      // default ["RS256"]
	SignInPath    string        // default "/sign-in"
	Leeway        time.Duration // clock leeway for exp/nbf/iat; default 5s, negative for none
	HTTPClient    *http.Client  // optional; used for the token endpoint, the JWKS and the proxy transport
	Now           func() time.Time
	SecureCookies *bool         // nil: decided per request (TLS or X-Forwarded-Proto https)
	RefreshMargin time.Duration // a cookie JWT this close to exp is re-minted; default 30s
	// TrustedProxies are the addresses (IPs or CIDR ranges) of the proxies
	// in front of this server, such as a load balancer. The client address
	// the runtime passes to Better Auth (X-Forwarded-For on mints and
	// through AuthHandler, one address) is the connection's peer, or, when
	// the peer is a trusted proxy, the rightmost X-Forwarded-For entry that
	// is not one. Empty: the peer, and X-Forwarded-For is never believed.
	TrustedProxies []string

	// envNames records where LoadConfigFromEnv read the values, so that
	// problems can name the variable to fix.
	envNames EnvNames
}

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if cfg.BasePath == "" {
		cfg.BasePath = DefaultBasePath
	}
	if cfg.CookiePrefix == "" {
		cfg.CookiePrefix = DefaultCookiePrefix
	}
	if len(cfg.Algorithms) == 0 {
		cfg.Algorithms = []string{"RS256"}
	} else {
		cfg.Algorithms = slices.Clone(cfg.Algorithms)
	}
	if cfg.SignInPath == "" {
		cfg.SignInPath = DefaultSignInPath
	}
	switch {
	case cfg.Leeway == 0:
		cfg.Leeway = DefaultLeeway
	case cfg.Leeway < 0:
		cfg.Leeway = 0
	}
	if cfg.RefreshMargin == 0 {
		cfg.RefreshMargin = DefaultRefreshMargin
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}

// tokenURL is Better Auth's Convex token endpoint.
func (cfg Config) tokenURL() string { return cfg.SiteURL + cfg.BasePath + "/convex/token" }

// jwksURL is the JWKS the Convex backend itself fetches (getAuthConfigProvider).
func (cfg Config) jwksURL() string { return cfg.SiteURL + cfg.BasePath + "/convex/jwks" }

// openIDConfigURL is the plugin's discovery document.
func (cfg Config) openIDConfigURL() string {
	return cfg.SiteURL + cfg.BasePath + "/convex/.well-known/openid-configuration"
}

// Severity says whether a Problem stops New.
type Severity int

const (
	SeverityError   Severity = iota // New refuses the configuration
	SeverityWarning                 // New logs it and goes on
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Problem is one finding of ValidateConfig.
type Problem struct {
	Severity Severity
	Field    string // the Config field, e.g. "SiteURL"
	Env      string // the environment variable it came from, if known
	Message  string // what is wrong, quoting the value
	Fix      string // what to do
}

// String renders the problem as one line: field (env): message; fix: ….
func (p Problem) String() string {
	where := p.Field
	if p.Env != "" {
		where += " (env " + p.Env + ")"
	}
	s := where + ": " + p.Message
	if p.Fix != "" {
		s += "; fix: " + p.Fix
	}
	if p.Severity == SeverityWarning {
		s = "warning: " + s
	}
	return s
}

// ValidateConfig checks cfg (after defaults) and returns every problem
// found, errors and warnings, in field order. It does no network I/O.
func ValidateConfig(cfg Config) []Problem {
	env := cfg.envNames
	cfg = cfg.withDefaults()
	var ps []Problem
	add := func(sev Severity, field, envName, msg, fix string) {
		ps = append(ps, Problem{Severity: sev, Field: field, Env: envName, Message: msg, Fix: fix})
	}

	convexURL := checkOrigin(cfg.ConvexURL, "ConvexURL", env.ConvexURL,
		"your deployment URL, e.g. https://happy-otter-123.convex.cloud", add)
	siteURL := checkOrigin(cfg.SiteURL, "SiteURL", env.SiteURL,
		"your Convex site URL, e.g. https://happy-otter-123.convex.site", add)

	if siteURL != nil {
		if strings.HasSuffix(siteURL.Hostname(), ".convex.cloud") {
			add(SeverityError, "SiteURL", env.SiteURL,
				fmt.Sprintf("%q ends in .convex.cloud, but Better Auth and the token issuer live on the site URL", cfg.SiteURL),
				"use the URL ending in .convex.site (the Convex dashboard shows it as \"HTTP Actions URL\")")
		}
		// One problem per mistake: a .convex.cloud site URL that also
		// equals ConvexURL is the same mistake, already reported.
		if convexURL != nil && cfg.SiteURL == cfg.ConvexURL && !strings.HasSuffix(siteURL.Hostname(), ".convex.cloud") {
			add(SeverityError, "SiteURL", env.SiteURL,
				fmt.Sprintf("%q equals ConvexURL; the API and the site are different origins", cfg.SiteURL),
				"set SiteURL to the .convex.site URL (self-hosted: CONVEX_SITE_ORIGIN, usually port+1)")
		}
	}
	if convexURL != nil && siteURL != nil {
		checkTwins(cfg, convexURL, siteURL, env, add)
	}

	if p := cfg.BasePath; !strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || path.Clean(p) != p ||
		strings.ContainsAny(p, "?#%\\ ") {
		add(SeverityError, "BasePath", "",
			fmt.Sprintf("%q is not a clean absolute path", p),
			"use the basePath of your Better Auth options, e.g. /api/auth (leading slash, no trailing slash)")
	}
	if !isCookieToken(cfg.CookiePrefix) {
		add(SeverityError, "CookiePrefix", "",
			fmt.Sprintf("%q contains characters not allowed in a cookie name", cfg.CookiePrefix),
			"use advanced.cookiePrefix from your Better Auth options, e.g. better-auth")
	}
	if SafeRedirect(cfg.SignInPath, "") != cfg.SignInPath || strings.Contains(cfg.SignInPath, "?") {
		add(SeverityError, "SignInPath", "",
			fmt.Sprintf("%q is not a same-origin path without a query", cfg.SignInPath),
			"use a path such as /sign-in")
	}
	for _, alg := range cfg.Algorithms {
		if !slices.Contains(supportedAlgorithms, alg) {
			add(SeverityError, "Algorithms", "",
				fmt.Sprintf("%q is not an allowed signature algorithm", alg),
				"use RS256 (what @convex-dev/better-auth signs with); EdDSA, ES256 and the other RSA/ECDSA algorithms are accepted")
		}
	}
	if !slices.Contains(cfg.Algorithms, "RS256") {
		add(SeverityWarning, "Algorithms", "",
			fmt.Sprintf("%v lacks RS256, which @convex-dev/better-auth ≥ 0.10 always signs with", cfg.Algorithms),
			"add RS256 unless your tokens come from elsewhere")
	}
	if cfg.Leeway > time.Minute {
		add(SeverityWarning, "Leeway", "",
			fmt.Sprintf("%v accepts tokens the Convex backend rejects (it allows 5s)", cfg.Leeway),
			"keep the leeway at a few seconds and fix the clock instead")
	}
	if cfg.RefreshMargin < 0 {
		add(SeverityError, "RefreshMargin", "", fmt.Sprintf("%v is negative", cfg.RefreshMargin),
			"use a small positive duration such as 30s")
	} else if cfg.RefreshMargin >= 10*time.Minute {
		add(SeverityWarning, "RefreshMargin", "",
			fmt.Sprintf("%v is close to the 15-minute token lifetime, so nearly every request mints", cfg.RefreshMargin),
			"use about 30s")
	}
	if cfg.JWKS != "" {
		_, problems := parseStaticJWKS(cfg.JWKS, cfg.Algorithms)
		for _, msg := range problems {
			add(SeverityError, "JWKS", env.JWKS, msg,
				"paste the output of `npx convex run auth:getLatestJwks` (one RS256 key), or leave JWKS empty to fetch it from the site")
		}
	}
	return ps
}

// checkOrigin validates an absolute origin URL (scheme and host, nothing
// else) and returns it parsed, or nil after reporting why it is unusable.
func checkOrigin(raw, field, envName, example string, add func(Severity, string, string, string, string)) *url.URL {
	if raw == "" {
		add(SeverityError, field, envName, "is empty", "set it to "+example)
		return nil
	}
	if trimmed := strings.TrimSpace(raw); trimmed != raw {
		// Usually a stray space or newline pasted into a .env file.
		add(SeverityError, field, envName, fmt.Sprintf("%q has surrounding whitespace", raw), fmt.Sprintf("remove it: %q", trimmed))
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "" {
		add(SeverityError, field, envName, fmt.Sprintf("%q is not an absolute http(s) URL", raw), "set it to "+example)
		return nil
	}
	if host := u.Hostname(); u.Scheme == "http" && (strings.HasSuffix(host, ".convex.cloud") || strings.HasSuffix(host, ".convex.site")) {
		// Convex cloud serves https only; plain http stays allowed for
		// loopback and self-hosted backends, which have other host names.
		add(SeverityError, field, envName, fmt.Sprintf("%q uses http, but Convex cloud deployments are served over https only", raw),
			"use https://"+u.Host+u.EscapedPath())
		return nil
	}
	ok := true
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?") || strings.HasSuffix(raw, "#") {
		add(SeverityError, field, envName, fmt.Sprintf("%q has credentials, a query or a fragment", raw), "set it to the bare origin, "+example)
		ok = false
	}
	switch {
	case u.Path == "/":
		add(SeverityError, field, envName, fmt.Sprintf("%q ends with a slash; Convex compares the issuer byte for byte", raw),
			"remove the trailing slash: "+strings.TrimSuffix(raw, "/"))
		ok = false
	case u.Path != "":
		add(SeverityError, field, envName, fmt.Sprintf("%q has a path (%s); it must be an origin", raw, u.Path),
			"remove the path: "+u.Scheme+"://"+u.Host)
		ok = false
	}
	if !ok {
		return nil
	}
	return u
}

// checkTwins compares the deployment URL with its site URL: x.convex.cloud
// must pair with x.convex.site; self-hosted, the site is usually port N+1.
func checkTwins(cfg Config, api, site *url.URL, env EnvNames, add func(Severity, string, string, string, string)) {
	apiName, apiCloud := strings.CutSuffix(api.Hostname(), ".convex.cloud")
	siteName, siteCloud := strings.CutSuffix(site.Hostname(), ".convex.site")
	if apiCloud && siteCloud && apiName != siteName {
		add(SeverityError, "SiteURL", env.SiteURL,
			fmt.Sprintf("%q belongs to deployment %q but ConvexURL %q to %q", cfg.SiteURL, siteName, cfg.ConvexURL, apiName),
			"use https://"+apiName+".convex.site, or fix ConvexURL")
		return
	}
	if apiCloud || siteCloud || api.Hostname() != site.Hostname() {
		return
	}
	apiPort, err1 := strconv.Atoi(portOf(api))
	sitePort, err2 := strconv.Atoi(portOf(site))
	if err1 == nil && err2 == nil && sitePort != apiPort+1 {
		add(SeverityWarning, "SiteURL", env.SiteURL,
			fmt.Sprintf("self-hosted site port %d is not ConvexURL's port %d + 1", sitePort, apiPort),
			"check CONVEX_SITE_ORIGIN; the default self-hosted layout is 3210 (API) and 3211 (site)")
	}
}

// portOf returns u's explicit port or the scheme default.
func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// isCookieToken reports whether s is a non-empty RFC 6265 token.
func isCookieToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?={}", c) >= 0 {
			return false
		}
	}
	return true
}
