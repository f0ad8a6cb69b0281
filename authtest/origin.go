package authtest

import (
	"net/http"
	"net/url"
	"path"
	"strings"
)

// formEndpoints are the endpoints behind Better Auth's formCsrfMiddleware
// (better-auth ≥ 1.6.16): first logins, which carry no cookie yet.
var formEndpoints = map[string]bool{"sign-in/email": true, "sign-up/email": true}

// originError is why Better Auth would refuse r at endpoint (basePath-relative,
// no leading "/"), or nil. It follows originCheckMiddleware and
// formCsrfMiddleware: a state-changing request carrying cookies must come
// from a trusted Origin (or Referer); a cookieless sign-in or sign-up is
// checked too when it names an Origin or Referer or carries Fetch Metadata
// (Sec-Fetch-*), and a cross-site navigation to it is refused outright.
// GET, HEAD and OPTIONS are never checked.
func (d *Deployment) originError(r *http.Request, endpoint string) *apiError {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if r.Header.Get("Cookie") != "" {
		return d.untrustedOrigin(r)
	}
	if !formEndpoints[endpoint] {
		return nil
	}
	site, mode := r.Header.Get("Sec-Fetch-Site"), r.Header.Get("Sec-Fetch-Mode")
	if strings.TrimSpace(site) != "" || strings.TrimSpace(mode) != "" || strings.TrimSpace(r.Header.Get("Sec-Fetch-Dest")) != "" {
		if site == "cross-site" && mode == "navigate" {
			return &apiError{"Cross-site navigation login blocked. This request appears to be a CSRF attack.", "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED"}
		}
		return d.untrustedOrigin(r)
	}
	if r.Header.Get("Origin") != "" || r.Header.Get("Referer") != "" {
		return d.untrustedOrigin(r)
	}
	return nil
}

// untrustedOrigin is validateOrigin: the Origin, else the Referer, must match
// the site URL, the app origin a proxy forwarded, or one of WithTrustedOrigins.
//
// On a real deployment Better Auth's baseURL is SITE_URL, the app's own
// origin, and it is always trusted. Here the app's origin is known only from
// x-better-auth-forwarded-host/-proto, which AuthHandler sends and the Convex
// side restores as x-forwarded-host/-proto (from which Better Auth also
// resolves a dynamic baseURL), so the origin they name is trusted as baseURL
// would be. A foreign Origin sent through the app's proxy is still refused.
func (d *Deployment) untrustedOrigin(r *http.Request) *apiError {
	origin := r.Header.Get("Origin")
	if origin == "" {
		origin = r.Header.Get("Referer")
	}
	if origin == "" || origin == "null" {
		return &apiError{"Missing or null Origin", "MISSING_OR_NULL_ORIGIN"}
	}
	trusted := append([]string{d.site.URL}, d.settings.trustedOrigins...)
	if host := r.Header.Get("X-Better-Auth-Forwarded-Host"); host != "" {
		proto := r.Header.Get("X-Better-Auth-Forwarded-Proto")
		if proto != "https" {
			proto = "http"
		}
		trusted = append(trusted, proto+"://"+host)
	}
	for _, pattern := range trusted {
		if originMatches(origin, pattern) {
			return nil
		}
	}
	return &apiError{"Invalid origin", "INVALID_ORIGIN"}
}

// originMatches is Better Auth's matchesOriginPattern for absolute URLs.
func originMatches(raw, pattern string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	origin := u.Scheme + "://" + u.Host
	if !strings.ContainsAny(pattern, "*?") {
		return origin == pattern
	}
	subject := u.Host
	if strings.Contains(pattern, "://") {
		subject = origin
	}
	ok, err := path.Match(pattern, subject)
	return err == nil && ok
}
