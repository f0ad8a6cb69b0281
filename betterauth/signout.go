package betterauth

import (
	"context"
	"net/http"
	"path"
	"strings"
	"time"
)

// signOutPath is Better Auth's sign-out endpoint under BasePath.
const signOutPath = "/sign-out"

// isSignOut reports whether p (a request path AuthHandler accepted) is
// Better Auth's sign-out endpoint, in any spelling a router might map to it.
func (a *Auth) isSignOut(p string) bool {
	return strings.EqualFold(path.Clean(p), a.cfg.BasePath+signOutPath)
}

// forgetSignedOut drops everything this process remembers about the
// session that h's cookies belong to, after Better Auth confirmed its
// sign-out. Without it, a session cookie replayed within a minute would be
// answered from the recent-mint cache, and the session's still-unexpired
// JWTs would keep verifying. Tokens are put on a deny list until they
// expire: re-verifying them would succeed, since a JWT outlives its session.
//
// Only tokens that verify are denied, so a sign-out request with made-up
// cookies (Better Auth answers those 200 too) cannot fill the list.
func (a *Auth) forgetSignedOut(ctx context.Context, h http.Header) {
	for _, name := range a.cookies.session[1] {
		if v, ok := cookieValue(h, name); ok {
			if s, ok := a.minted.take(name + "=" + v); ok {
				a.deny(ctx, s)
				a.shareDenial(ctx, s, a.denialEnd(s))
			}
		}
	}
	for _, name := range a.cookies.jwt[1] {
		v, ok := cookieValue(h, name)
		if !ok {
			continue
		}
		s, ok := a.tokens.take(v)
		if !ok {
			var err error
			// The sign-out has happened upstream: finish even if the
			// client has gone (the key fetch, if any, has its own timeout).
			if s, err = a.verifier.Verify(context.WithoutCancel(ctx), v); err != nil {
				continue // not a token anyone can use
			}
		}
		a.deny(ctx, s)
		a.shareDenial(ctx, s, a.denialEnd(s))
	}
}

// deny refuses s's token from now until it expires (plus the leeway, the
// longest Verify would accept it).
func (a *Auth) deny(_ context.Context, s *Session) {
	a.tokens.delete(s.Token)
	now := a.now()
	a.signedOut.put(s.Token, struct{}{}, s.Expires.Add(a.cfg.Leeway+time.Second), now)
}

// defaultTokenLifetime is how long Better Auth's convex plugin makes a JWT
// valid (expirationTime "15m"), assumed for a token without iat.
const defaultTokenLifetime = 15 * time.Minute

// denialEnd is when a shared denial of s's session can end: once every
// token of the session minted until now has expired. s was minted at the
// latest now, so its newest sibling expires within one token lifetime
// (taken from s), plus the leeway Verify allows.
func (a *Auth) denialEnd(s *Session) time.Time {
	lifetime := s.Expires.Sub(s.issued)
	if s.issued.IsZero() || lifetime <= 0 {
		lifetime = defaultTokenLifetime
	}
	end := a.now().Add(lifetime)
	if s.Expires.After(end) {
		end = s.Expires
	}
	return end.Add(a.cfg.Leeway + time.Second)
}

// isSignedOut reports whether token belongs to a session signed out
// through AuthHandler.
func (a *Auth) isSignedOut(token string) bool {
	_, denied := a.signedOut.get(token, a.now())
	return denied
}
