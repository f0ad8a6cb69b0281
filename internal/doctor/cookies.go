package doctor

import (
	"net/url"
	"strings"

	"github.com/authgen/authgen/betterauth"
)

const securePrefix = "__Secure-"

// cookie is one name=value pair from a Cookie header.
type cookie struct{ Name, Value string }

// parseCookieHeader splits a Cookie header leniently: doctor must explain
// a malformed header, not refuse it.
func parseCookieHeader(header string) []cookie {
	var out []cookie
	for _, part := range strings.Split(header, ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || name == "" {
			continue
		}
		out = append(out, cookie{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	return out
}

// cookieName is a Better Auth cookie name taken apart:
// [__Secure-]<prefix><sep><suffix>, e.g. __Secure-better-auth.session_token.
type cookieName struct {
	Secure bool
	Prefix string
	Sep    byte // '.' as Better Auth writes it; '-' as some older readers looked for it
	Suffix string
}

// splitCookieName recognises a Better Auth cookie ending in suffix.
func splitCookieName(name, suffix string) (cookieName, bool) {
	n := cookieName{Suffix: suffix}
	if rest, ok := strings.CutPrefix(name, securePrefix); ok {
		n.Secure, name = true, rest
	}
	for _, sep := range []byte{'.', '-'} {
		if p, ok := strings.CutSuffix(name, string(sep)+suffix); ok && p != "" {
			n.Prefix, n.Sep = p, sep
			return n, true
		}
	}
	return n, false
}

func (n cookieName) String() string {
	s := n.Prefix + string(n.Sep) + n.Suffix
	if n.Secure {
		return securePrefix + s
	}
	return s
}

// expectedNames are the cookie names Better Auth writes, given the prefix
// and whether its baseURL is https; the runtime reads the same names.
func expectedNames(prefix string, secure bool) (session, jwt string) {
	n := betterauth.CookieNames(prefix, secure)
	return n.SessionToken, n.ConvexJWT
}

// cookieValueSecrets returns the forms of a cookie value that may appear
// in text: as sent, URL-decoded, and the session token before its signature.
func cookieValueSecrets(v string) []string {
	out := []string{v}
	if dec, err := url.QueryUnescape(v); err == nil && dec != v {
		out = append(out, dec)
		v = dec
	}
	if tok, _, ok := strings.Cut(v, "."); ok {
		out = append(out, tok)
	}
	return out
}
