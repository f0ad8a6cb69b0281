package betterauth

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxCookieValue bounds the cookie values we accept: a Convex JWT is about
// 1 kB, a session token under 100 bytes. Larger values are ignored.
const maxCookieValue = 8 << 10

// securePrefix is the prefix Better Auth adds to cookie names over https.
const securePrefix = "__Secure-"

// Cookie name suffixes used by Better Auth and the convex plugin.
const (
	sessionTokenCookie = "session_token"
	convexJWTCookie    = "convex_jwt"
)

// Names are the cookie names Better Auth uses for one prefix and scheme.
type Names struct {
	SessionToken    string // [__Secure-]<prefix>.session_token
	ConvexJWT       string // [__Secure-]<prefix>.convex_jwt
	LegacyConvexJWT string // [__Secure-]<prefix>-convex_jwt, read by older helpers
}

// CookieNames returns the names Better Auth writes with cookiePrefix (empty:
// "better-auth"), with the __Secure- prefix when secure.
func CookieNames(cookiePrefix string, secure bool) Names {
	if cookiePrefix == "" {
		cookiePrefix = DefaultCookiePrefix
	}
	p := ""
	if secure {
		p = securePrefix
	}
	return Names{
		SessionToken:    p + cookiePrefix + "." + sessionTokenCookie,
		ConvexJWT:       p + cookiePrefix + "." + convexJWTCookie,
		LegacyConvexJWT: p + cookiePrefix + "-" + convexJWTCookie,
	}
}

// cookieSet holds the names to look up for requests judged secure and
// insecure. Over https only __Secure- names count: a sibling subdomain can
// plant a plain-named cookie for the parent domain, but a __Secure- one
// only over https, and Better Auth itself ignores plain names in secure
// mode. Over http (local development) every variant counts: browsers keep
// whichever name was written.
type cookieSet struct {
	secure, plain Names
	jwt           [2][]string // [secure?1:0] → names, in preference order
	session       [2][]string
}

func newCookieSet(prefix string) cookieSet {
	s, p := CookieNames(prefix, true), CookieNames(prefix, false)
	return cookieSet{
		secure:  s,
		plain:   p,
		jwt:     [2][]string{{p.ConvexJWT, s.ConvexJWT, p.LegacyConvexJWT, s.LegacyConvexJWT}, {s.ConvexJWT, s.LegacyConvexJWT}},
		session: [2][]string{{p.SessionToken, s.SessionToken}, {s.SessionToken}},
	}
}

// cookieMatch is the auth cookie found among one set of names: the first
// present with an acceptable value, and whether two different values were
// present (the same name twice, or two names): one may have been planted,
// and nothing tells which.
type cookieMatch struct {
	name, value string
	ambiguous   bool
}

func (m *cookieMatch) see(name, value string) {
	switch {
	case m.name == "":
		m.name, m.value = name, value
	case value != m.value:
		m.ambiguous = true
	}
}

// authCookies finds the JWT cookie among jwtNames and the session cookie
// among sessionNames in one pass over h's Cookie headers. A session cookie
// value must also be RFC 6265 cookie octets, as it is forwarded to Better
// Auth; JWT values skip this byte scan, the verifier rejects anything that
// is not base64url.
func authCookies(h http.Header, jwtNames, sessionNames []string) (jwt, session cookieMatch) {
	for _, line := range h["Cookie"] {
		for len(line) > 0 {
			var part string
			part, line, _ = strings.Cut(line, ";")
			n, v, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok {
				continue
			}
			isJWT, isSession := slices.Contains(jwtNames, n), slices.Contains(sessionNames, n)
			if !isJWT && !isSession {
				continue
			}
			if v, ok = acceptableValue(v); !ok {
				continue
			}
			if isJWT {
				jwt.see(n, v)
			}
			if isSession && validCookieValue(v) {
				session.see(n, v)
			}
		}
	}
	return jwt, session
}

// cookieValue finds the cookie name in h's Cookie headers without
// allocating. Empty and oversized values are ignored; surrounding double
// quotes are removed as net/http does.
func cookieValue(h http.Header, name string) (string, bool) {
	for _, line := range h["Cookie"] {
		for len(line) > 0 {
			var part string
			part, line, _ = strings.Cut(line, ";")
			part = strings.TrimSpace(part)
			n, v, ok := strings.Cut(part, "=")
			if !ok || n != name {
				continue
			}
			if v, ok = acceptableValue(v); ok {
				return v, true
			}
		}
	}
	return "", false
}

// acceptableValue removes surrounding double quotes, as net/http does, and
// refuses empty and oversized values.
func acceptableValue(v string) (string, bool) {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	return v, v != "" && len(v) <= maxCookieValue
}

// validCookieValue accepts the bytes RFC 6265 allows in a cookie value.
func validCookieValue(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\' {
			return false
		}
	}
	return true
}

// jwtCookie is the Set-Cookie value Better Auth's convex plugin writes for
// a token expiring at exp: Max-Age from exp, Path=/, HttpOnly, SameSite=Lax,
// and Secure with the __Secure- name over https.
func jwtCookie(name, token string, secure bool, exp, now time.Time) string {
	maxAge := int(exp.Sub(now) / time.Second)
	if maxAge <= 0 {
		maxAge = 0
	}
	return buildCookie(name, token, maxAge, secure)
}

// setCookie adds a Set-Cookie the handler did not ask for, and marks the
// response private: a shared cache (CDN, proxy) that stored it would hand
// one user's JWT to everyone. A handler that knows better can still set its
// own Cache-Control.
func setCookie(w http.ResponseWriter, cookie string) {
	h := w.Header()
	h.Add("Set-Cookie", cookie)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "private")
	}
}

// clearCookie expires name with the attributes it was written with.
func clearCookie(name string) string {
	return buildCookie(name, "", 0, strings.HasPrefix(name, securePrefix))
}

func buildCookie(name, value string, maxAge int, secure bool) string {
	var b strings.Builder
	b.Grow(len(name) + len(value) + 64)
	b.WriteString(name)
	b.WriteByte('=')
	b.WriteString(value)
	b.WriteString("; Max-Age=")
	b.WriteString(strconv.Itoa(maxAge))
	b.WriteString("; Path=/; HttpOnly")
	if secure {
		b.WriteString("; Secure")
	}
	b.WriteString("; SameSite=Lax")
	return b.String()
}

// isSecureRequest decides the cookie variant to write: Config.SecureCookies
// when set, else whether the request arrived over TLS or a proxy says https.
func (a *Auth) isSecureRequest(r *http.Request) bool {
	return a.isSecureProto(requestProto(r))
}

// isSecureProto is isSecureRequest for a request whose requestProto is known.
func (a *Auth) isSecureProto(proto string) bool {
	if a.cfg.SecureCookies != nil {
		return *a.cfg.SecureCookies
	}
	return proto == "https"
}

// requestProto is the scheme the client used: TLS, or the first
// X-Forwarded-Proto value.
func requestProto(r *http.Request) string {
	if r.TLS != nil {
		return "https"
	}
	// The map is read directly with the canonical key: Header.Get would
	// canonicalize it again on every request.
	if v := r.Header["X-Forwarded-Proto"]; len(v) > 0 {
		p, _, _ := strings.Cut(v[0], ",")
		if strings.EqualFold(strings.TrimSpace(p), "https") {
			return "https"
		}
	}
	return "http"
}

// Better Auth's session cookies besides session_token, which it sets and
// clears together with it. session_data may be split into
// session_data.0, session_data.1, ... chunks.
const (
	sessionDataCookie  = "session_data"
	dontRememberCookie = "dont_remember"
)

// sessionSetCookies returns the Set-Cookie headers in h that set or clear
// this prefix's session cookies (session_token, session_data and its chunks,
// dont_remember, in either the plain or the __Secure- variant), verbatim so
// that their attributes are kept. convex_jwt and every other cookie are left
// out: the runtime writes convex_jwt itself, and another app's cookies have
// no business in this one's responses.
func (a *Auth) sessionSetCookies(h http.Header) []string {
	var out []string
	for _, sc := range h["Set-Cookie"] {
		name, _, ok := strings.Cut(sc, "=")
		if ok && a.isSessionCookieName(strings.TrimSpace(name)) {
			out = append(out, sc)
		}
	}
	return out
}

// isSessionCookieName reports whether name is one of this prefix's session
// cookies.
func (a *Auth) isSessionCookieName(name string) bool {
	name = strings.TrimPrefix(name, securePrefix)
	prefix := a.cfg.CookiePrefix
	if prefix == "" {
		prefix = DefaultCookiePrefix
	}
	rest, ok := strings.CutPrefix(name, prefix+".")
	if !ok {
		return false
	}
	switch rest {
	case sessionTokenCookie, sessionDataCookie, dontRememberCookie:
		return true
	}
	chunk, ok := strings.CutPrefix(rest, sessionDataCookie+".")
	if !ok || chunk == "" {
		return false
	}
	for i := 0; i < len(chunk); i++ {
		if chunk[i] < '0' || chunk[i] > '9' {
			return false
		}
	}
	return true
}

// passSessionCookies adds Better Auth's session Set-Cookie headers to w,
// each replacing an earlier one for the same name.
func passSessionCookies(w http.ResponseWriter, cookies []string) {
	for _, sc := range cookies {
		name, _, _ := strings.Cut(sc, "=")
		replaceCookie(w, strings.TrimSpace(name), sc)
	}
}

// replaceCookie is setCookie, dropping any Set-Cookie for the same name
// already on w, so the response never carries two for one cookie (browsers
// would apply whichever comes last, and logs would show both).
func replaceCookie(w http.ResponseWriter, name, cookie string) {
	h := w.Header()
	if existing := h["Set-Cookie"]; len(existing) > 0 {
		kept := existing[:0:0]
		for _, sc := range existing {
			if n, _, _ := strings.Cut(sc, "="); strings.TrimSpace(n) != name {
				kept = append(kept, sc)
			}
		}
		h["Set-Cookie"] = kept
	}
	setCookie(w, cookie)
}
