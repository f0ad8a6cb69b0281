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

// signingOut is what AuthHandler learns about a sign-out request before
// forwarding it: the sessions its cookies belong to, and the recent-mint
// cache keys of its session cookies.
type signingOut struct {
	sessions   []*Session
	mintedKeys []string
}

type signingOutKey struct{}

// beforeSignOut learns which sessions a sign-out request ends, while its
// cookies still work: the session cookies' sessions (from the recent-mint
// cache, else minted once: the session may have been minted by another
// replica, and its JWTs must be denied here too) and the JWT cookies'
// sessions. Only tokens that verify count, so a sign-out request with
// made-up cookies (Better Auth answers those 200 too) denies nothing.
func (a *Auth) beforeSignOut(r *http.Request) *http.Request {
	so := &signingOut{}
	// The sign-out has to happen upstream whatever this costs: the lookups
	// finish even if the client has gone (mints and key fetches have their
	// own timeouts).
	ctx := context.WithoutCancel(r.Context())
	// Every name, whatever the scheme: denying more sessions is harmless.
	for _, name := range a.cookies.session[0] {
		v, ok := cookieValue(r.Header, name)
		if !ok || !validCookieValue(v) {
			continue
		}
		m := mintRequest{cookieName: name, cookieValue: v, host: r.Host, proto: requestProto(r)}
		so.mintedKeys = append(so.mintedKeys, m.key())
		if s, err := a.sessionFor(ctx, m, false); err == nil {
			so.sessions = append(so.sessions, s)
		}
	}
	for _, name := range a.cookies.jwt[0] {
		if v, ok := cookieValue(r.Header, name); ok {
			if s, err := a.verifier.Verify(ctx, v); err == nil {
				so.sessions = append(so.sessions, s)
			}
		}
	}
	return r.WithContext(context.WithValue(r.Context(), signingOutKey{}, so))
}

// afterSignOut runs once Better Auth confirmed a sign-out (2xx): it drops
// the session cookies' cached mints and denies the sessions learned by
// beforeSignOut, here and in the shared DenyList, until their newest token
// expires, and ends their live watches. Without it, a session cookie
// replayed within a minute would be answered from the recent-mint cache,
// the session's unexpired JWTs would keep verifying (a JWT outlives its
// session), and its watches would run until their token is refreshed.
func (a *Auth) afterSignOut(ctx context.Context) {
	so, _ := ctx.Value(signingOutKey{}).(*signingOut)
	if so == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	for _, k := range so.mintedKeys {
		a.minted.delete(k)
	}
	for _, s := range so.sessions {
		end := a.denialEnd(s)
		a.denyHere(s, end)
		a.shareDenial(ctx, s, end)
		a.endWatches(s.SessionID)
	}
}

// defaultTokenLifetime is how long Better Auth's convex plugin makes a JWT
// valid (expirationTime "15m"), assumed for a token without iat.
const defaultTokenLifetime = 15 * time.Minute

// denialEnd is when a denial of s's session can end: once every token of
// the session minted until now has expired. s was minted at the latest
// now, so its newest sibling expires within one token lifetime (taken from
// s), plus the leeway Verify allows.
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

// denyHere refuses s's session in this process until until. A full list
// is logged as an error: the session ended upstream, but its JWTs stay
// usable here until they expire.
func (a *Auth) denyHere(s *Session, until time.Time) {
	a.tokens.delete(s.Token)
	if err := a.signedOut.Deny(context.Background(), sessionKey(s), until); err != nil {
		a.log.Error("betterauth: cannot remember a sign-out in this process; the session's tokens stay valid here until they expire",
			"session", s, "error", err)
	}
}

// isSignedOut reports whether s's session was signed out through this
// process. A denied token that expires after the denial extends it, so
// that the newest token of the session is refused as long as it lives.
func (a *Auth) isSignedOut(s *Session) bool {
	denied, _ := a.signedOut.IsDenied(context.Background(), sessionKey(s)) // never fails
	if denied {
		a.denyHere(s, s.Expires.Add(a.cfg.Leeway+time.Second))
	}
	return denied
}
