package betterauth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// DenyList records the sessions signed out through AuthHandler, so that
// their still-unexpired JWTs are refused. Behind a load balancer give every
// replica the same shared list (package redisstore keeps one in Redis):
// otherwise a JWT signed out through replica A is accepted by replicas B
// and C until it expires.
//
// IsDenied is called for every request whose token is not already known to
// be signed out, so it must answer from memory, not over the network.
// Implementations never forget a denial before its time, and are safe for
// concurrent use.
type DenyList interface {
	// Deny refuses sessionID until until; a later until extends an
	// existing denial, an earlier one leaves it as it is. An error means
	// the denial could not be shared (Auth logs it); it still holds in
	// this process.
	Deny(ctx context.Context, sessionID string, until time.Time) error
	// IsDenied reports whether sessionID is refused now. An error means
	// the list cannot tell (its backend is unreachable): Auth answers
	// such requests as an outage (503, ReasonSignOutListUnavailable),
	// never as signed out.
	IsDenied(ctx context.Context, sessionID string) (bool, error)
}

// DenialFeed is implemented by a DenyList that learns of denials as they
// are made, on any replica (redisstore's follows Redis pub/sub). Auth then
// ends a denied session's live watches at once; with a DenyList that is
// not a feed it looks the pooled sessions up every second.
type DenialFeed interface {
	// OnDenied registers fn, called with the session ID of every denial
	// the list learns of (after IsDenied says so). fn does not block.
	OnDenied(fn func(sessionID string))
}

// WithDenyList shares sign-outs with the other replicas through d (see
// DenyList). Auth keeps its own in-process list as well, so a sign-out
// made here holds here whatever d does.
func WithDenyList(d DenyList) Option { return func(o *options) { o.denyList = d } }

// ErrDenyListUnavailable marks a token that could not be judged because the
// shared DenyList could not answer; ReasonOf maps it to
// ReasonSignOutListUnavailable, an outage.
var ErrDenyListUnavailable = errors.New("betterauth: the shared sign-out deny list cannot answer")

// sessionKey is the shared deny-list key of s: its session id, or for a
// token without one (not a Better Auth token, but Verify does not insist)
// the token's digest.
func sessionKey(s *Session) string {
	if s.SessionID != "" {
		return s.SessionID
	}
	sum := sha256.Sum256([]byte(s.Token))
	return "jwt:" + hex.EncodeToString(sum[:])
}

// shareDenial records s's session in the shared list until until.
func (a *Auth) shareDenial(ctx context.Context, s *Session, until time.Time) {
	if a.denyList == nil {
		return
	}
	if err := a.denyList.Deny(ctx, sessionKey(s), until); err != nil {
		a.log.ErrorContext(ctx, "betterauth: cannot share a sign-out with the other replicas; it holds in this process",
			"session", s, "error", err)
	}
}

// deniedElsewhere reports whether s's session was signed out through any
// replica sharing the list. Its error wraps ErrDenyListUnavailable.
func (a *Auth) deniedElsewhere(ctx context.Context, s *Session) (bool, error) {
	if a.denyList == nil {
		return false, nil
	}
	denied, err := a.denyList.IsDenied(ctx, sessionKey(s))
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrDenyListUnavailable, err)
	}
	return denied, nil
}

// unjudged reports whether a verification error means the token could not
// be judged (keys or deny list unreachable): an outage, not an anonymous
// visitor.
func unjudged(err error) bool {
	return errors.Is(err, ErrJWKS) || errors.Is(err, ErrDenyListUnavailable)
}
