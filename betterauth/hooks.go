package betterauth

import (
	"context"
	"time"
)

// Hooks observe what Auth does, for metrics, traces and logs (package
// otelauth turns them into OpenTelemetry spans and metrics). Every field
// is optional. Hooks are called synchronously on the goroutine doing the
// work, so they must be quick and must not block; the context is the one
// of the request the work is for (a mint or key fetch shared by concurrent
// requests carries the context of the request that started it), so a span
// started from it is a child of the request's span.
type Hooks struct {
	// OnResolve is called once for each request Middleware resolves,
	// before the next handler runs.
	OnResolve func(ctx context.Context, e ResolveEvent)
	// OnMint is called after each exchange of a session cookie for a JWT
	// at the token endpoint (retries included), successful or not.
	OnMint func(ctx context.Context, e MintEvent)
	// OnJWKSFetch is called after each fetch of the remote JWKS.
	OnJWKSFetch func(ctx context.Context, e JWKSFetchEvent)
	// OnVerifyFailure is called when a token (cookie, bearer or freshly
	// minted) fails verification or is refused as signed out. Tokens
	// answered from the verified-token cache are not verified again and do
	// not call it.
	OnVerifyFailure func(ctx context.Context, e VerifyFailureEvent)
	// OnConvexCall is called after each call FetchAuthQuery,
	// FetchAuthMutation, FetchAuthAction or PreloadAuthQuery makes.
	OnConvexCall func(ctx context.Context, e ConvexCallEvent)
}

// WithHooks adds observers. It may be given several times: every set is
// called, in the order given.
func WithHooks(h Hooks) Option {
	return func(o *options) { o.hooks = o.hooks.and(h) }
}

// Source is where Middleware found a request's credential.
type Source string

// The sources, in the order Middleware looks.
const (
	// SourceNone: the request carries no credential Middleware could use.
	SourceNone Source = "none"
	// SourceJWTCookie: the convex_jwt cookie.
	SourceJWTCookie Source = "jwt_cookie"
	// SourceBearer: an Authorization: Bearer header.
	SourceBearer Source = "bearer"
	// SourceSessionCookie: Better Auth's session cookie, exchanged at the
	// token endpoint (or answered from the recent-mint cache).
	SourceSessionCookie Source = "session_cookie"
)

// Outcome is how Middleware resolved a request.
type Outcome string

// The outcomes.
const (
	// OutcomeAuthenticated: the request has a verified session.
	OutcomeAuthenticated Outcome = "authenticated"
	// OutcomeAnonymous: nobody is signed in (or the credential was refused).
	OutcomeAnonymous Outcome = "anonymous"
	// OutcomeUnavailable: who this is could not be found out (token
	// endpoint or JWKS down); SessionErr says why.
	OutcomeUnavailable Outcome = "unavailable"
)

// ResolveEvent describes how Middleware resolved one request.
type ResolveEvent struct {
	Outcome Outcome
	// Reason is why the request is not signed in (what Reason(ctx)
	// returns): ReasonNone when it is.
	Reason ReasonCode
	// Source is where the session came from; for an anonymous or
	// unavailable request, the last credential examined.
	Source Source
	// Cached reports that the answer came from a cache (a token verified
	// before, or a recent mint) without verifying a signature or calling
	// the token endpoint.
	Cached bool
	// Err is SessionErr's error, for OutcomeUnavailable.
	Err error
}

// MintEvent describes one exchange of a session cookie for a JWT.
type MintEvent struct {
	Start    time.Time
	Duration time.Duration // retries included
	// Err is nil when a token was minted and verified. A session cookie
	// Better Auth refused is not a failure of the endpoint: NoSession
	// reports it, with a non-nil Err.
	Err       error
	NoSession bool
}

// JWKSTrigger says why the remote JWKS was fetched.
type JWKSTrigger string

// The triggers.
const (
	// JWKSInitial: no key was ever fetched (or every fetch so far failed).
	JWKSInitial JWKSTrigger = "initial"
	// JWKSUnknownKid: a token names a key the cached set lacks (rotation).
	JWKSUnknownKid JWKSTrigger = "unknown_kid"
	// JWKSScheduled: the keys are due for refresh; done in the background.
	JWKSScheduled JWKSTrigger = "scheduled"
	// JWKSForced: RefreshKeys asked for it (a key was rotated out).
	JWKSForced JWKSTrigger = "forced"
)

// JWKSFetchEvent describes one fetch of the remote JWKS.
type JWKSFetchEvent struct {
	URL      string
	Trigger  JWKSTrigger
	Start    time.Time
	Duration time.Duration
	Keys     int   // usable keys in the answer; 0 on failure
	Err      error // the last good keys keep serving after a failure
}

// VerifyFailureEvent describes a token that was refused.
type VerifyFailureEvent struct {
	Source Source
	Reason ReasonCode // never ReasonNone
	Err    error      // wraps ErrInvalidToken, or ErrJWKS when the keys are unreachable
}

// ConvexCallEvent describes one call to the Convex deployment on behalf
// of a request.
type ConvexCallEvent struct {
	Kind     string // "query", "mutation" or "action"
	Path     string // the function, as "dir/file:fn"
	Start    time.Time
	Duration time.Duration
	Err      error
}

// and returns hooks calling h's, then g's.
func (h Hooks) and(g Hooks) Hooks {
	return Hooks{
		OnResolve:       both(h.OnResolve, g.OnResolve),
		OnMint:          both(h.OnMint, g.OnMint),
		OnJWKSFetch:     both(h.OnJWKSFetch, g.OnJWKSFetch),
		OnVerifyFailure: both(h.OnVerifyFailure, g.OnVerifyFailure),
		OnConvexCall:    both(h.OnConvexCall, g.OnConvexCall),
	}
}

// both calls f then g; either may be nil.
func both[E any](f, g func(context.Context, E)) func(context.Context, E) {
	switch {
	case f == nil:
		return g
	case g == nil:
		return f
	}
	return func(ctx context.Context, e E) { f(ctx, e); g(ctx, e) }
}
