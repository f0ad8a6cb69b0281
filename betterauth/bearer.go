package betterauth

import (
	"context"
	"net/http"
	"strings"
)

// bearerToken returns the credential of the request's Authorization
// header when it is a single "Bearer <token>": the scheme matched without
// regard to case (RFC 7235), spaces around the token ignored. Several
// Authorization headers (proxies disagree on which one counts), another
// scheme, an empty or oversized token, or one with inner whitespace give "".
func bearerToken(h http.Header) string {
	values := h["Authorization"]
	if len(values) != 1 {
		return ""
	}
	scheme, rest, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	token := strings.Trim(rest, " ")
	if token == "" || len(token) > maxTokenBytes || strings.ContainsAny(token, " \t\r\n") {
		return ""
	}
	return token
}

// resolveBearer resolves a request without a convex_jwt cookie from its
// Authorization: Bearer header, for API clients that hold a Convex JWT. The
// token is verified like a cookie JWT but never refreshed, re-minted or set
// as a cookie: the caller owns it. It reports whether ra is settled; a
// header that is absent or does not verify (a Better Auth session token
// sent by mistake, say) leaves the request to its cookies.
func (a *Auth) resolveBearer(ctx context.Context, h http.Header, ra *requestAuth) bool {
	token := bearerToken(h)
	if token == "" {
		return false
	}
	ra.source = SourceBearer
	s, cached, err := a.verifyFrom(ctx, token, SourceBearer)
	switch {
	case err == nil:
		ra.session.Store(s)
		ra.cached = cached
		return true
	case unjudged(err):
		// The keys or the deny list are unreachable, so the token could
		// not be judged.
		ra.err = err
		ra.reason = ReasonOf(err)
		a.log.WarnContext(ctx, "betterauth: cannot verify bearer token", "error", err)
		return true
	default:
		ra.bearerRejected = true
		ra.reason = ReasonOf(err)
		return false
	}
}
