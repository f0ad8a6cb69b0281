package betterauth

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Middleware resolves the session of each request and attaches it to the
// context (SessionFromContext, Token, SessionErr). It never blocks or
// redirects: anonymous and failed requests reach next too. A request that
// already went through Middleware is not resolved again, and requests under
// BasePath are Better Auth's own business: they pass through unresolved, so
// that wrapping a whole mux never mints a token on the way to sign-out.
//
// The session comes from, in order: the convex_jwt cookie; for API clients
// that already hold a Convex JWT, an "Authorization: Bearer <jwt>" header
// (scheme in any case, one header only), used only when there is no
// convex_jwt cookie, verified exactly like the cookie and never refreshed,
// re-minted or set as a cookie; the session_token cookie, exchanged for a
// fresh JWT. A bearer value that is not a valid Convex JWT (a Better Auth
// session token, for instance) does not sign anyone in and is not an
// error: the request is resolved from its cookies, or is anonymous.
func (a *Auth) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fromContext(r.Context()) != nil || a.isAuthPath(r.URL) {
			next.ServeHTTP(w, r)
			return
		}
		ra := a.resolve(w, r)
		if a.hooks.OnResolve != nil {
			a.hooks.OnResolve(r.Context(), ra.resolveEvent())
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, ra)))
	})
}

// RequireAuth lets signed-in requests through. Otherwise pages get a 303 to
// SignInPath?redirect_to=<path>, API requests a 401 with
// WWW-Authenticate: Bearer and a JSON body, and requests whose session could
// not be resolved (token endpoint down) a 503 — never a redirect, so an
// outage does not look like a logout. The sign-in path itself always passes.
// WithUnauthorizedHandler replaces these answers; Reason says why.
func (a *Auth) RequireAuth(next http.Handler) http.Handler {
	return a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.enforce(w, r, next, Redirect)
	}))
}

// enforce applies the RequireAuth rules to a request Middleware resolved.
func (a *Auth) enforce(w http.ResponseWriter, r *http.Request, next http.Handler, mode Unauthenticated) {
	ra := fromContext(r.Context())
	// The sign-in page is exempt only as spelled exactly: a router that does
	// not clean paths sends "/admin/../sign-in" to the /admin handler, and
	// a case-sensitive one "/SIGN-IN" to a catch-all.
	if (ra != nil && ra.session.Load() != nil) || a.isSignInPath(r.URL) {
		next.ServeHTTP(w, r)
		return
	}
	reason := ReasonNoSession
	if ra != nil && ra.reason != ReasonNone {
		reason = ra.reason
	}
	a.refuse(w, r, mode, reason)
}

// refusal is what an unauthorized handler's request context carries.
type refusal struct {
	reason ReasonCode
	mode   Unauthenticated
}

// refuse answers a refused request with the configured handler or the
// default response.
func (a *Auth) refuse(w http.ResponseWriter, r *http.Request, mode Unauthenticated, reason ReasonCode) {
	r = r.WithContext(context.WithValue(r.Context(), refusedKey{}, refusal{reason, mode}))
	if a.unauthorized != nil {
		a.unauthorized(w, r, reason)
		return
	}
	a.WriteUnauthorized(w, r, reason)
}

// WriteUnauthorized writes the default answer to a refused request, for an
// UnauthorizedHandler that keeps it for some requests: 503 with Retry-After
// when the reason is an outage; 403 with a JSON body (API requests) or plain
// text (pages) for ReasonForbidden; otherwise a 303 to
// SignInPath?redirect_to=<path> for pages, or for API requests and routes
// answering Status401 a 401 with WWW-Authenticate: Bearer and a JSON body.
func (a *Auth) WriteUnauthorized(w http.ResponseWriter, r *http.Request, reason ReasonCode) {
	mode := Redirect
	if rf, ok := r.Context().Value(refusedKey{}).(refusal); ok {
		mode = rf.mode
	}
	api := mode == Status401 || isAPIRequest(r)
	switch {
	case reason.Outage():
		w.Header().Set("Retry-After", "5")
		writeJSONError(w, http.StatusServiceUnavailable, "auth_unavailable",
			"the sign-in service could not be reached; try again shortly")
	case reason == ReasonForbidden && api:
		writeJSONError(w, http.StatusForbidden, "forbidden", "you are not allowed to access this resource")
	case reason == ReasonForbidden:
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "403 forbidden: you are not allowed to access this page", http.StatusForbidden)
	case api:
		challenge := `Bearer realm="convex"`
		if ra := fromContext(r.Context()); ra != nil && ra.bearerRejected {
			challenge += `, error="invalid_token"` // RFC 6750 §3.1
		}
		w.Header().Set("WWW-Authenticate", challenge)
		writeJSONError(w, http.StatusUnauthorized, "unauthenticated", "sign in to access this resource")
	default:
		target := a.cfg.SignInPath + "?redirect_to=" + url.QueryEscape(SafeRedirect(r.URL.RequestURI(), "/"))
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, target, http.StatusSeeOther)
	}
}

// isAPIRequest tells fetches and API clients from page navigations: an
// Authorization header, a Sec-Fetch-Mode other than navigate, or an Accept
// that wants JSON but not HTML.
func isAPIRequest(r *http.Request) bool {
	if r.Header.Get("Authorization") != "" {
		return true // browsers do not send it on navigations
	}
	if m := r.Header.Get("Sec-Fetch-Mode"); m != "" && m != "navigate" {
		return true
	}
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "json") && !strings.Contains(accept, "text/html")
}

// writeJSONError writes {"error": code, "message": msg} with status.
func writeJSONError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json") // as the app's own JSON answers usually say; JSON is UTF-8 by definition (RFC 8259)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "message": msg})
}
