package authtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Cookie names Better Auth and the convex() plugin use, before the prefixes.
const (
	sessionTokenCookie = "session_token"
	sessionDataCookie  = "session_data"
	dontRememberCookie = "dont_remember"
	convexJWTCookie    = "convex_jwt"
)

// cookieName is createAuthCookie: [__Secure-]<prefix>.<name>.
func (d *Deployment) cookieName(name string) string {
	secure := ""
	if d.settings.secureCookies {
		secure = "__Secure-"
	}
	return secure + d.settings.cookiePrefix + "." + name
}

// SessionCookieName returns the session cookie's name as this deployment
// writes it, e.g. "better-auth.session_token" or
// "__Secure-better-auth.session_token".
func (d *Deployment) SessionCookieName() string { return d.cookieName(sessionTokenCookie) }

// JWTCookieName returns the name of the cookie caching the Convex JWT, e.g.
// "better-auth.convex_jwt".
func (d *Deployment) JWTCookieName() string { return d.cookieName(convexJWTCookie) }

// setCookie formats a Set-Cookie value with Better Auth's attribute order:
// Max-Age, Path, HttpOnly, Secure (with the secure option), SameSite. Go's
// http.Cookie.String orders them differently, and the interop suite compares
// the header text.
func (d *Deployment) setCookie(name, value string, maxAge time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s=%s; Max-Age=%d; Path=/; HttpOnly", name, value, int64(maxAge/time.Second))
	if d.settings.secureCookies {
		b.WriteString("; Secure")
	}
	b.WriteString("; SameSite=Lax")
	return b.String()
}

// clearCookie is how Better Auth expires a cookie: empty value, Max-Age=0.
func (d *Deployment) clearCookie(name string) string { return d.setCookie(name, "", 0) }

// signCookieValue is better-call's signed cookie value:
// encodeURIComponent(value + "." + base64std(HMAC-SHA256(secret, value))).
func signCookieValue(secret, value string) string {
	return encodeURIComponent(value + "." + cookieSignature(secret, value))
}

func cookieSignature(secret, value string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(value))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// verifySignedValue reverses signCookieValue, returning the value when the
// signature is valid. It accepts the raw or the URL-decoded form, as browsers
// and Go clients may send either.
func verifySignedValue(secret, raw string) (string, bool) {
	if decoded, err := url.PathUnescape(raw); err == nil {
		raw = decoded
	}
	dot := strings.LastIndexByte(raw, '.')
	if dot <= 0 {
		return "", false
	}
	value, sig := raw[:dot], raw[dot+1:]
	want := cookieSignature(secret, value)
	if !hmac.Equal([]byte(sig), []byte(want)) {
		return "", false
	}
	return value, true
}

// encodeURIComponent escapes s as JavaScript's encodeURIComponent does.
func encodeURIComponent(s string) string {
	const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte(unreserved, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
