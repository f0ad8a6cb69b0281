package authtest

import (
	"errors"
	"net/http"
	"sort"
	"strings"
)

var errJWKSDown = errors.New("authtest: JWKS endpoint is failing (FailJWKS)")

// createUser adds a user with a new session, unless the email is taken.
func (d *Deployment) createUser(email, password, name string, r *http.Request) (*user, *session, bool) {
	email = strings.ToLower(email)
	now := d.now()
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, taken := d.store.usersByEmail[email]; taken {
		return nil, nil, false
	}
	u := &user{
		id:           randomID(32),
		name:         name,
		email:        email,
		createdAt:    now,
		updatedAt:    now,
		passwordHash: hashPassword(password),
	}
	d.store.usersByEmail[email] = u
	d.store.usersByID[u.id] = u
	return u, d.newSessionLocked(u, r), true
}

// authenticate checks email and password and opens a new session.
func (d *Deployment) authenticate(email, password string, r *http.Request) (*user, *session, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	u, ok := d.store.usersByEmail[strings.ToLower(email)]
	if !ok || !u.passwordMatches(password) {
		return nil, nil, false
	}
	return u, d.newSessionLocked(u, r), true
}

func (d *Deployment) newSessionLocked(u *user, r *http.Request) *session {
	now := d.now()
	ip, _, _ := strings.Cut(r.Header.Get("X-Forwarded-For"), ",")
	s := &session{
		id:        randomID(32),
		token:     randomID(32),
		userID:    u.id,
		createdAt: now,
		updatedAt: now,
		expiresAt: now.Add(d.settings.sessionTTL),
		ipAddress: strings.TrimSpace(ip),
		userAgent: r.Header.Get("User-Agent"),
	}
	d.store.sessions[s.token] = s
	return s
}

// sessionOf resolves the request's session the way Better Auth's
// sessionMiddleware does: the signed session cookie, or (bearer plugin) an
// Authorization: Bearer header holding the token, signed or not. Unsigned or
// forged cookies, unknown and expired sessions give nil. presented reports
// whether the request carried a validly signed session token at all, so
// callers can tell "anonymous" from "signed in to a session that is gone".
func (d *Deployment) sessionOf(r *http.Request) (u *user, s *session, presented bool) {
	var token string
	if c, err := r.Cookie(d.SessionCookieName()); err == nil {
		if v, ok := verifySignedValue(d.settings.secret, c.Value); ok {
			token = v
		}
	}
	if auth := r.Header.Get("Authorization"); token == "" && len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		raw := strings.TrimSpace(auth[7:])
		if v, ok := verifySignedValue(d.settings.secret, raw); ok {
			token = v
		} else if !strings.Contains(raw, ".") {
			token = raw
		}
	}
	if token == "" {
		return nil, nil, false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.store.sessions[token]
	if !ok {
		return nil, nil, true
	}
	if !d.now().Before(s.expiresAt) {
		delete(d.store.sessions, token)
		return nil, nil, true
	}
	return d.store.usersByID[s.userID], s, true
}

// currentSession is sessionOf plus the cookies Better Auth's getSession
// writes on the way (better-auth ≥ 1.6.27 sends them with the endpoint's
// answer, a 401 included): a validly signed session cookie whose session is
// gone or expired is cleared (session_token, session_data, dont_remember);
// a session last extended more than updateAge ago is extended to a fresh
// expiresIn and its cookie re-set with that Max-Age.
func (d *Deployment) currentSession(w http.ResponseWriter, r *http.Request) (*user, *session) {
	u, s, presented := d.sessionOf(r)
	if s == nil {
		if presented {
			for _, name := range []string{sessionTokenCookie, sessionDataCookie, dontRememberCookie} {
				w.Header().Add("Set-Cookie", d.clearCookie(d.cookieName(name)))
			}
		}
		return nil, nil
	}
	now := d.now()
	d.mu.Lock()
	extend := !now.Before(s.expiresAt.Add(-d.settings.sessionTTL).Add(d.settings.sessionUpdateAge))
	if extend {
		s.expiresAt = now.Add(d.settings.sessionTTL)
		s.updatedAt = now
	}
	d.mu.Unlock()
	if extend {
		w.Header().Add("Set-Cookie", d.setCookie(d.SessionCookieName(), signCookieValue(d.settings.secret, s.token), d.settings.sessionTTL))
	}
	return u, s
}

// setSessionCookies writes what sign-up and sign-in set: the signed session
// cookie, then the convex_jwt cookie from the plugin's after-hook.
func (d *Deployment) setSessionCookies(w http.ResponseWriter, u *user, s *session) {
	w.Header().Add("Set-Cookie", d.setCookie(d.SessionCookieName(), signCookieValue(d.settings.secret, s.token), d.settings.sessionTTL))
	d.setJWTCookie(w, u, s)
}

// setJWTCookie sets convex_jwt, unless the plugin is missing; like the
// plugin's hook it swallows minting errors.
func (d *Deployment) setJWTCookie(w http.ResponseWriter, u *user, s *session) {
	if d.currentFaults().pluginMissing {
		return
	}
	if jwt, err := d.mintToken(u, s); err == nil {
		w.Header().Add("Set-Cookie", d.setCookie(d.JWTCookieName(), jwt, d.settings.tokenLifetime))
	}
}

// mintToken signs a token for u's session s with the current key.
func (d *Deployment) mintToken(u *user, s *session) (string, error) {
	d.mu.Lock()
	key := d.currentKey()
	d.mu.Unlock()
	return signToken(key, d.claimsFor(u, s, d.now()))
}

// unauthorized is Better Auth's answer to a session-only endpoint called
// without a session.
var unauthorized = apiError{"Unauthorized", "UNAUTHORIZED"}

// listSessions is GET list-sessions: the user's unexpired sessions.
func (d *Deployment) listSessions(w http.ResponseWriter, r *http.Request) {
	u, _ := d.currentSession(w, r)
	if u == nil {
		writeJSON(w, http.StatusUnauthorized, unauthorized)
		return
	}
	d.mu.Lock()
	now := d.now()
	out := []sessionJSON{}
	for _, s := range d.store.sessions {
		if s.userID == u.id && now.Before(s.expiresAt) {
			out = append(out, s.json())
		}
	}
	d.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt < out[j].CreatedAt })
	writeJSON(w, http.StatusOK, out)
}

// revokeSession is POST revoke-session {"token"}: it deletes the session
// when it belongs to the caller's user, and answers {"status": true}
// either way, as Better Auth does.
func (d *Deployment) revokeSession(w http.ResponseWriter, r *http.Request) {
	u, _ := d.currentSession(w, r)
	if u == nil {
		writeJSON(w, http.StatusUnauthorized, unauthorized)
		return
	}
	var body struct {
		Token string `json:"token"`
	}
	if !readBody(w, r, &body) {
		return
	}
	d.mu.Lock()
	if s, ok := d.store.sessions[body.Token]; ok && s.userID == u.id {
		delete(d.store.sessions, body.Token)
	}
	d.mu.Unlock()
	writeJSON(w, http.StatusOK, struct {
		Status bool `json:"status"`
	}{true})
}

// revokeOtherSessions is POST revoke-other-sessions: every session of the
// caller's user but the caller's own ends.
func (d *Deployment) revokeOtherSessions(w http.ResponseWriter, r *http.Request) {
	u, current := d.currentSession(w, r)
	if u == nil {
		writeJSON(w, http.StatusUnauthorized, unauthorized)
		return
	}
	d.mu.Lock()
	for token, s := range d.store.sessions {
		if s.userID == u.id && token != current.token {
			delete(d.store.sessions, token)
		}
	}
	d.mu.Unlock()
	writeJSON(w, http.StatusOK, struct {
		Status bool `json:"status"`
	}{true})
}
