package betterauth

import (
	"context"
	"errors"
	"time"

	"github.com/authgen/authgen/convex"
)

// FetchAuthQuery calls a query with the request's token; on a 401 it mints
// a fresh token once from the session cookie and retries, and later calls
// in the request use that token (a session found gone makes the rest of
// the request anonymous). It never writes to the response, so it may run on
// any goroutine: the browser's cookies catch up on its next request.
func FetchAuthQuery[A, R any](ctx context.Context, a *Auth, ref convex.QueryRef[A, R], args A) (res R, err error) {
	defer a.observeCall(ctx, convex.KindQuery, ref.Path())(&err)
	c := a.convex
	token, _ := Token(ctx)
	res, err = convex.Query(ctx, c, ref, args, convex.WithToken(token))
	if fresh, ok := a.retryToken(ctx, token, err); ok {
		return convex.Query(ctx, c, ref, args, convex.WithToken(fresh))
	}
	return res, err
}

// FetchAuthMutation calls a mutation with the request's token; never retried.
func FetchAuthMutation[A, R any](ctx context.Context, a *Auth, ref convex.MutationRef[A, R], args A) (res R, err error) {
	defer a.observeCall(ctx, convex.KindMutation, ref.Path())(&err)
	c := a.convex
	token, _ := Token(ctx)
	return convex.Mutation(ctx, c, ref, args, convex.WithToken(token))
}

// FetchAuthAction calls an action with the request's token; never retried.
func FetchAuthAction[A, R any](ctx context.Context, a *Auth, ref convex.ActionRef[A, R], args A) (res R, err error) {
	defer a.observeCall(ctx, convex.KindAction, ref.Path())(&err)
	c := a.convex
	token, _ := Token(ctx)
	return convex.Action(ctx, c, ref, args, convex.WithToken(token))
}

// PreloadAuthQuery is FetchAuthQuery plus the preloadQuery payload.
func PreloadAuthQuery[A, R any](ctx context.Context, a *Auth, ref convex.QueryRef[A, R], args A) (res R, pre convex.Preloaded, err error) {
	defer a.observeCall(ctx, convex.KindQuery, ref.Path())(&err)
	c := a.convex
	token, _ := Token(ctx)
	res, pre, err = convex.Preload(ctx, c, ref, args, convex.WithToken(token))
	if fresh, ok := a.retryToken(ctx, token, err); ok {
		return convex.Preload(ctx, c, ref, args, convex.WithToken(fresh))
	}
	return res, pre, err
}

// observeCall starts timing a Convex call for the OnConvexCall hook; the
// returned func, deferred with the call's error, reports it.
func (a *Auth) observeCall(ctx context.Context, kind convex.Kind, path string) func(*error) {
	if a.hooks.OnConvexCall == nil {
		return func(*error) {}
	}
	start := time.Now()
	return func(err *error) {
		a.hooks.OnConvexCall(ctx, ConvexCallEvent{Kind: kind.String(), Path: path, Start: start, Duration: time.Since(start), Err: *err})
	}
}

// retryToken decides whether a query that failed with err deserves one
// retry: Convex rejected a token we sent, and the request carries a session
// cookie we can mint a fresh token from. The rejected token is dropped from
// the caches so no later request reuses it.
func (a *Auth) retryToken(ctx context.Context, token string, err error) (string, bool) {
	if token == "" || !errors.Is(err, convex.ErrUnauthenticated) {
		return "", false
	}
	ra := fromContext(ctx)
	if ra == nil || ra.mint.cookieValue == "" {
		return "", false
	}
	a.tokens.delete(token)
	// The response is the handler's, maybe being written on another
	// goroutine: the fresh token serves the rest of this request, and the
	// browser's cookies are brought up to date by its next request's mint.
	s, merr := a.sessionFor(ctx, ra.mint, true)
	switch {
	case errors.Is(merr, errNoSession):
		// Signed out or revoked since the JWT was minted: the request is
		// anonymous from here on.
		ra.session.Store(nil)
		return "", false
	case merr != nil || s.Token == token:
		return "", false
	}
	ra.session.Store(s)
	return s.Token, true
}
