package authtest

import (
	"net/http"
	"strings"
	"testing"
)

func TestTrustedOrigins(t *testing.T) {
	const body = `{"email":"nobody@example.com","password":"password1234"}`
	signIn := func(d *Deployment, header http.Header) (int, string) {
		t.Helper()
		status, _, resp := do(t, "POST", d.AuthURL("sign-in/email"), body, header)
		return status, resp
	}
	withCookie := func(origin string) http.Header {
		h := http.Header{"Cookie": {"theme=dark"}}
		if origin != "" {
			h.Set("Origin", origin)
		}
		return h
	}

	d := New(t, WithTrustedOrigins("https://app.example.com", "https://*.preview.example.com", "http://localhost:*"))
	for _, origin := range []string{d.SiteURL(), "https://app.example.com", "https://pr-7.preview.example.com", "http://localhost:3000"} {
		if status, resp := signIn(d, withCookie(origin)); status != http.StatusUnauthorized {
			t.Errorf("trusted origin %s: %d %s, want the 401 of unknown credentials", origin, status, resp)
		}
	}
	for _, origin := range []string{"https://evil.example.com", "https://app.example.com.evil.com", "http://app.example.com", "https://preview.example.com"} {
		if status, resp := signIn(d, withCookie(origin)); status != http.StatusForbidden || !strings.Contains(resp, `"code":"INVALID_ORIGIN"`) {
			t.Errorf("untrusted origin %s: %d %s, want 403 INVALID_ORIGIN", origin, status, resp)
		}
	}
	if status, resp := signIn(d, withCookie("null")); status != http.StatusForbidden || !strings.Contains(resp, "MISSING_OR_NULL_ORIGIN") {
		t.Errorf("Origin: null: %d %s", status, resp)
	}
	h := withCookie("")
	h.Set("Referer", "https://app.example.com/sign-in?next=/dashboard")
	if status, resp := signIn(d, h); status != http.StatusUnauthorized {
		t.Errorf("trusted Referer: %d %s", status, resp)
	}
	// Like Better Auth ≥ 1.6.16, a cookieless sign-in is checked when it
	// names an origin or carries Fetch Metadata; one with neither (a
	// server-side client) and GETs are not.
	if status, resp := signIn(d, http.Header{"Origin": {"https://evil.example.com"}}); status != http.StatusForbidden || !strings.Contains(resp, `"code":"INVALID_ORIGIN"`) {
		t.Errorf("cookieless sign-in from another origin: %d %s, want 403 INVALID_ORIGIN", status, resp)
	}
	if status, resp := signIn(d, http.Header{"Origin": {"https://app.example.com"}}); status != http.StatusUnauthorized {
		t.Errorf("cookieless sign-in from a trusted origin: %d %s, want the 401 of unknown credentials", status, resp)
	}
	if status, resp := signIn(d, nil); status != http.StatusUnauthorized {
		t.Errorf("cookieless sign-in without Origin: %d %s, want the 401 of unknown credentials", status, resp)
	}
	if status, resp := signIn(d, http.Header{"Sec-Fetch-Site": {"same-origin"}, "Sec-Fetch-Mode": {"cors"}}); status != http.StatusForbidden || !strings.Contains(resp, "MISSING_OR_NULL_ORIGIN") {
		t.Errorf("Fetch Metadata without Origin: %d %s, want 403 MISSING_OR_NULL_ORIGIN", status, resp)
	}
	if status, resp := signIn(d, http.Header{"Sec-Fetch-Site": {"cross-site"}, "Sec-Fetch-Mode": {"navigate"}, "Origin": {"https://app.example.com"}}); status != http.StatusForbidden || !strings.Contains(resp, "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED") {
		t.Errorf("cross-site navigation: %d %s, want 403 CROSS_SITE_NAVIGATION_LOGIN_BLOCKED", status, resp)
	}
	if status, _, resp := do(t, "POST", d.AuthURL("sign-out"), "{}", http.Header{"Origin": {"https://evil.example.com"}}); status != http.StatusOK {
		t.Errorf("cookieless sign-out from another origin: %d %s, want 200 (only sign-in and sign-up check cookieless requests)", status, resp)
	}
	if status, _, _ := do(t, "GET", d.AuthURL("get-session"), "", withCookie("https://evil.example.com")); status != http.StatusOK {
		t.Errorf("GET from another origin: %d", status)
	}

	star := New(t, WithTrustedOrigins("*"))
	if status, resp := signIn(star, withCookie("https://evil.example.com")); status != http.StatusUnauthorized {
		t.Errorf(`trustedOrigins ["*"]: %d %s, want every origin accepted`, status, resp)
	}
	// Through the app's proxy (AuthHandler), the app's origin is trusted as
	// Better Auth's baseURL is, and a foreign one still refused.
	proxied := func(origin string) http.Header {
		h := withCookie(origin)
		h.Set("X-Better-Auth-Forwarded-Host", "shop.example.org")
		h.Set("X-Better-Auth-Forwarded-Proto", "https")
		return h
	}
	if status, resp := signIn(d, proxied("https://shop.example.org")); status != http.StatusUnauthorized {
		t.Errorf("the forwarded app origin: %d %s, want the 401 of unknown credentials", status, resp)
	}
	if status, resp := signIn(d, proxied("https://evil.example.com")); status != http.StatusForbidden {
		t.Errorf("a foreign origin through the proxy: %d %s, want 403", status, resp)
	}
	if status, resp := signIn(d, proxied("http://shop.example.org")); status != http.StatusForbidden {
		t.Errorf("the app origin with the wrong scheme: %d %s, want 403", status, resp)
	}

	siteOnly := New(t)
	if status, resp := signIn(siteOnly, withCookie("https://evil.example.com")); status != http.StatusForbidden {
		t.Errorf("without WithTrustedOrigins: %d %s, want 403: the site URL alone is trusted", status, resp)
	}
	if status, resp := signIn(siteOnly, withCookie(siteOnly.SiteURL())); status != http.StatusUnauthorized {
		t.Errorf("without WithTrustedOrigins, from the site URL: %d %s, want the 401 of unknown credentials", status, resp)
	}
}
