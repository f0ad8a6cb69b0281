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
	// Like Better Auth, requests without cookies and GETs are not checked.
	if status, resp := signIn(d, http.Header{"Origin": {"https://evil.example.com"}}); status != http.StatusUnauthorized {
		t.Errorf("cookieless POST from another origin: %d %s", status, resp)
	}
	if status, _, _ := do(t, "GET", d.AuthURL("get-session"), "", withCookie("https://evil.example.com")); status != http.StatusOK {
		t.Errorf("GET from another origin: %d", status)
	}

	star := New(t, WithTrustedOrigins("*"))
	if status, resp := signIn(star, withCookie("https://evil.example.com")); status != http.StatusUnauthorized {
		t.Errorf(`trustedOrigins ["*"]: %d %s, want every origin accepted`, status, resp)
	}
	unchecked := New(t)
	if status, resp := signIn(unchecked, withCookie("https://evil.example.com")); status != http.StatusUnauthorized {
		t.Errorf("without WithTrustedOrigins: %d %s, want no origin check", status, resp)
	}
}
