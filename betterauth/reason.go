package betterauth

import (
	"context"
	"errors"
	"net/http"
)

// ReasonCode says why a request is not signed in, or why a signed-in
// request was refused. The set is closed: every value is one of the Reason*
// constants below, so it can key a switch, a metric label or an error body
// without an "other" bucket. `authgen doctor` reports the same names.
type ReasonCode string

// The reasons, in the order Middleware meets them.
const (
	// ReasonNone: the request is signed in (or Middleware did not run).
	ReasonNone ReasonCode = ""
	// ReasonNoSession: the request carries no session cookie, no
	// convex_jwt cookie and no bearer token: a visitor who never signed in
	// or whose browser dropped the cookies.
	ReasonNoSession ReasonCode = "no_session"
	// ReasonSessionInvalid: Better Auth refused the session cookie (its
	// token endpoint answered 401): the session expired, was revoked, or
	// was signed out elsewhere.
	ReasonSessionInvalid ReasonCode = "session_invalid"
	// ReasonExpired: the Convex JWT is past its exp (beyond the leeway) and
	// there is no session cookie to mint a fresh one from.
	ReasonExpired ReasonCode = "token_expired"
	// ReasonNotYetValid: the JWT's nbf or iat lies in the future: the
	// clocks of this server and the deployment disagree.
	ReasonNotYetValid ReasonCode = "token_not_yet_valid"
	// ReasonBadSignature: the signature does not verify with the key its
	// kid names (a forged or altered token), or its alg does not match.
	ReasonBadSignature ReasonCode = "bad_signature"
	// ReasonUnknownKey: the JWKS has no key with the token's kid (keys were
	// rotated, or the token comes from another deployment).
	ReasonUnknownKey ReasonCode = "unknown_key"
	// ReasonWrongIssuer: iss is not the configured site URL.
	ReasonWrongIssuer ReasonCode = "wrong_issuer"
	// ReasonWrongAudience: aud does not contain "convex".
	ReasonWrongAudience ReasonCode = "wrong_audience"
	// ReasonMalformed: the value is not a JWT Convex would accept (not
	// three base64url parts, a refused header or algorithm, claims that are
	// not JSON, sub or exp missing, a claim given twice).
	ReasonMalformed ReasonCode = "malformed_token"
	// ReasonSignedOut: the token belongs to a session signed out through
	// this server; it is refused until it expires.
	ReasonSignedOut ReasonCode = "signed_out"
	// ReasonTokenEndpointDown: the token endpoint failed (5xx, 429,
	// network) after retries, so nobody knows who this is. Answered 503.
	ReasonTokenEndpointDown ReasonCode = "token_endpoint_down"
	// ReasonKeysUnavailable: the JWKS could not be fetched, so the token
	// could not be judged. Answered 503.
	ReasonKeysUnavailable ReasonCode = "jwks_unavailable"
	// ReasonSignOutListUnavailable: the shared sign-out deny list
	// (WithDenyList) could not say whether the token's session was signed
	// out on another replica. Answered 503.
	ReasonSignOutListUnavailable ReasonCode = "signout_list_unavailable"
	// ReasonForbidden: the request is signed in, but the user fails the
	// route's authorization rule (Route.Require). Answered 403.
	ReasonForbidden ReasonCode = "forbidden"
)

// Reasons lists every ReasonCode except ReasonNone, for exhaustive
// handling (metric label sets, error catalogues, tests).
func Reasons() []ReasonCode {
	return []ReasonCode{
		ReasonNoSession, ReasonSessionInvalid, ReasonExpired, ReasonNotYetValid,
		ReasonBadSignature, ReasonUnknownKey, ReasonWrongIssuer, ReasonWrongAudience,
		ReasonMalformed, ReasonSignedOut, ReasonTokenEndpointDown, ReasonKeysUnavailable,
		ReasonSignOutListUnavailable, ReasonForbidden,
	}
}

// String returns the code, or "none" for ReasonNone.
func (r ReasonCode) String() string {
	if r == ReasonNone {
		return "none"
	}
	return string(r)
}

// Outage reports whether r means "we could not find out who this is"
// (answered 503, never treated as a sign-out) rather than "not signed in".
func (r ReasonCode) Outage() bool {
	return r == ReasonTokenEndpointDown || r == ReasonKeysUnavailable || r == ReasonSignOutListUnavailable
}

// Reason returns why the request is not signed in, as Middleware found it:
// ReasonNone when it is signed in or did not go through Middleware. Inside
// an unauthorized handler it is the reason the handler was given, including
// ReasonForbidden.
func Reason(ctx context.Context) ReasonCode {
	if rf, ok := ctx.Value(refusedKey{}).(refusal); ok {
		return rf.reason
	}
	ra := fromContext(ctx)
	if ra == nil {
		return ReasonNone
	}
	if ra.session.Load() != nil {
		return ReasonNone
	}
	return ra.reason
}

// refusedKey carries the reason an unauthorized handler was called with.
type refusedKey struct{}

// UnauthorizedHandler answers a request that a protected route refuses:
// anonymous (the defaults are a 303 to the sign-in page or a 401), not
// resolvable (default 503) or signed in but failing the route's rule
// (default 403). reason is never ReasonNone.
type UnauthorizedHandler func(w http.ResponseWriter, r *http.Request, reason ReasonCode)

// WithUnauthorizedHandler replaces the responses of RequireAuth and Protect
// to refused requests, for an API's own error format. The handler may call
// Auth.WriteUnauthorized to keep the default for some requests.
func WithUnauthorizedHandler(h UnauthorizedHandler) Option {
	return func(o *options) { o.unauthorized = h }
}

// TokenError is a token that failed verification, with the reason as a
// ReasonCode. errors.Is(err, ErrInvalidToken) holds for every TokenError.
type TokenError struct {
	Reason ReasonCode
	Detail string // what exactly is wrong, for logs; never the token
}

// Error says why the token was refused.
func (e *TokenError) Error() string { return "betterauth: invalid token: " + e.Detail }

// Is makes errors.Is(err, ErrInvalidToken) true.
func (e *TokenError) Is(target error) bool { return target == ErrInvalidToken }

// ReasonOf maps an error from Verify or the token endpoint onto the closed
// set: ReasonKeysUnavailable for ErrJWKS, ReasonTokenEndpointDown for
// ErrTokenEndpoint, else a TokenError's reason. Nil is ReasonNone; any other
// error is ReasonMalformed.
func ReasonOf(err error) ReasonCode {
	var te *TokenError
	switch {
	case err == nil:
		return ReasonNone
	case errors.Is(err, ErrJWKS):
		return ReasonKeysUnavailable
	case errors.Is(err, ErrDenyListUnavailable):
		return ReasonSignOutListUnavailable
	case errors.Is(err, ErrTokenEndpoint):
		// Before TokenError: a minted token that does not verify is the
		// endpoint failing, whatever is wrong with the token.
		return ReasonTokenEndpointDown
	case errors.As(err, &te):
		return te.Reason
	case errors.Is(err, errNoSession):
		return ReasonSessionInvalid
	}
	return ReasonMalformed
}
