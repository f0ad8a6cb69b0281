package authtest

import (
	"net/http"
	"net/url"
	"path"
	"strings"
)

// originError is why Better Auth's originCheckMiddleware refuses r, or nil.
// Like Better Auth it checks only state-changing requests that carry
// cookies, since only those can ride on a user's session.
func (d *Deployment) originError(r *http.Request) *apiError {
	if d.settings.trustedOrigins == nil || r.Header.Get("Cookie") == "" {
		return nil
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		origin = r.Header.Get("Referer")
	}
	if origin == "" || origin == "null" {
		return &apiError{"Missing or null Origin", "MISSING_OR_NULL_ORIGIN"}
	}
	for _, pattern := range append([]string{d.site.URL}, d.settings.trustedOrigins...) {
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
