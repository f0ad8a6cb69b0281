package betterauth

import (
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
)

// Unauthenticated says how a protected route answers an anonymous request.
type Unauthenticated int

const (
	Redirect  Unauthenticated = iota // 303 to SignInPath?redirect_to=<path> (API-looking requests still get 401)
	Status401                        // 401 with WWW-Authenticate: Bearer and a JSON body
)

// Route protects every path under Prefix.
type Route struct {
	Prefix          string
	Unauthenticated Unauthenticated
	Require         Requirement // what a signed-in user needs; 403 otherwise
}

// Protect applies a prefix route table: the longest
// matching prefix decides; a signed-in user who fails the route's Require
// gets 403 (ReasonForbidden); it panics on a table CheckRoutes refuses; unmatched paths pass through with the session
// resolved, and so do BasePath/* (signing in must work while signed out).
// A request is protected when any spelling of its path matches: as sent and
// cleaned ("//", "..", "\"), percent-decoded (repeatedly), and
// case-insensitively, so that no spelling a router might map onto a
// protected handler escapes the table.
func (a *Auth) Protect(routes []Route) func(http.Handler) http.Handler {
	table := make([]Route, 0, len(routes))
	for _, rt := range routes {
		p := rt.Prefix
		if p == "" || p[0] != '/' {
			p = "/" + p
		}
		rt.Prefix = strings.ToLower(p)
		table = append(table, rt)
	}
	if err := a.CheckRoutes(table); err != nil {
		panic(err) // a programming error, found when the server is wired up
	}
	sort.SliceStable(table, func(i, j int) bool { return len(table[i].Prefix) > len(table[j].Prefix) })
	return func(next http.Handler) http.Handler {
		return a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rt, ok := matchRoute(table, r.URL)
			if !ok || a.isAuthPath(r.URL) {
				next.ServeHTTP(w, r)
				return
			}
			if s, signedIn := SessionFromContext(r.Context()); signedIn && !a.allows(r, s, rt.Require) {
				a.refuse(w, r, rt.Unauthenticated, ReasonForbidden)
				return
			}
			a.enforce(w, r, next, rt.Unauthenticated)
		}))
	}
}

// matchRoute finds the route protecting any spelling of u's path.
func matchRoute(table []Route, u *url.URL) (Route, bool) {
	for _, p := range pathVariants(u) {
		for _, rt := range table {
			if prefixMatch(p, rt.Prefix) {
				return rt, true
			}
		}
	}
	return Route{}, false
}

// pathVariants returns the lower-cased spellings of u's path: as decoded by
// net/url, as sent, and decoded up to three more times, each both cleaned
// and uncleaned. The uncleaned spellings matter because a router that does
// not clean paths sends "/admin/../public" to the /admin handler.
func pathVariants(u *url.URL) []string {
	out := []string{cleanPath(u.Path), uncleanPath(u.Path)}
	s := u.EscapedPath()
	for range 4 {
		out = append(out, cleanPath(s), uncleanPath(s))
		dec, err := url.PathUnescape(s)
		if err != nil || dec == s {
			break
		}
		s = dec
	}
	return out
}

// uncleanPath lower-cases p and turns backslashes into slashes, leaving
// "..", "." and repeated slashes as a non-cleaning router would see them.
func uncleanPath(p string) string {
	p = strings.ToLower(strings.ReplaceAll(p, "\\", "/"))
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	return p
}

// cleanPath lower-cases p, turns backslashes into slashes and applies
// path.Clean, keeping a trailing slash.
func cleanPath(p string) string {
	p = strings.ToLower(strings.ReplaceAll(p, "\\", "/"))
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// prefixMatch reports whether p is under prefix on a segment boundary;
// "/api/" also covers "/api" itself.
func prefixMatch(p, prefix string) bool {
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(p, prefix) || p == strings.TrimSuffix(prefix, "/")
	}
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}

// isAuthPath reports whether u is under BasePath, which Better Auth serves
// to anonymous users, in the one spelling every router maps to the
// AuthHandler mounted there. The path is judged as sent (escaped): chi
// routes on the escaped path, so "/api/%61uth/x" or "/api/auth%2Fx" reach a
// catch-all there, and must not be exempt. Unclean paths are not exempt
// either: AuthHandler refuses them, so "/api/auth/../dashboard" is judged
// as "/dashboard".
func (a *Auth) isAuthPath(u *url.URL) bool {
	p, ok := exemptSpelling(u)
	// The prefix test comes first: it rules out most requests without
	// cleaning their path.
	rest, under := strings.CutPrefix(p, a.cfg.BasePath)
	return ok && under && (rest == "" || rest[0] == '/') && path.Clean(p) == p
}

// isSignInPath reports whether u is SignInPath exactly as configured: no
// case folding ("/SIGN-IN" and "/\u017fign-in" are other routes to a
// case-sensitive router) and no escapes.
func (a *Auth) isSignInPath(u *url.URL) bool {
	p, ok := exemptSpelling(u)
	return ok && p == a.cfg.SignInPath
}

// exemptSpelling returns u's path as sent, and whether it may be judged
// exempt at all: a path with a percent-escape or a backslash is routed
// differently by different routers (ServeMux decodes, chi does not;
// "%2F" and "%5C" are separators to some and not to others), so it is
// never exempt. Legitimate Better Auth paths and sign-in pages need none.
func exemptSpelling(u *url.URL) (string, bool) {
	p := u.EscapedPath()
	return p, !strings.ContainsAny(p, "%\\")
}
