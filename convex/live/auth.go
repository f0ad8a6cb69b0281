package live

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/authgen/authgen/convex"
)

// The token's life on a socket follows the official client's
// AuthenticationManager: the first token (perhaps a cached cookie) is sent
// at once; when the server confirms it, a fresh one is fetched and sent;
// each confirmed fresh token is replaced DefaultRefreshLeeway before it
// expires. When the server rejects a token (AuthError) the socket is
// stopped, a fresh token fetched, and the session restarted with it; a
// fresh token rejected twice, or no token at all, ends the client with an
// unauthenticated error.

type authPhase int

const (
	noToken          authPhase = iota
	awaitingCached             // sent the first token; waiting for the server to confirm it
	awaitingFresh              // sent a fresh token; waiting for confirmation
	refreshScheduled           // confirmed; a timer replaces it before it expires
	notRefetching              // the source handed back the same token; the server will say when it expires
	fetching                   // a token fetch is under way
)

type tokenPurpose int

const (
	initialToken tokenPurpose = iota // before the first connection
	refreshToken                     // replacing a confirmed token
	reauthToken                      // after an AuthError, with the socket stopped
)

type auth struct {
	token           string
	phase           authPhase
	gen             int // tags token fetches and the refresh timer
	timer           Timer
	confirmAttempts int
	lastError       string // the server's reason for the last AuthError
	// hidden are the results a failed token fetch replaced with its error,
	// shown again once a token is fetched: the server sends nothing for
	// them then, since it resends a result only when it changed. Empty
	// unless the token endpoint is failing.
	hidden []hiddenResult
}

// hiddenResult is a query's result before a token error replaced it: its
// failure, or nil when it was a value (still in q.raw; the error kept it).
type hiddenResult struct {
	q    *query
	fail *failure
}

// fetchToken asks the TokenSource in the background; the answer comes back
// as a tokenEvent.
func (l *loop) fetchToken(purpose tokenPurpose) {
	l.auth.gen++
	l.auth.phase = fetching
	stopTimer(&l.auth.timer)
	gen, ts := l.auth.gen, l.c.opts.tokens
	force := purpose != initialToken
	go func() {
		token, err := ts(l.ctx, force)
		l.c.post(tokenEvent{gen: gen, purpose: purpose, token: token, err: err})
	}()
}

func (l *loop) tokenFetched(e tokenEvent) {
	if e.gen != l.auth.gen || l.state == terminated {
		return
	}
	if e.err != nil {
		// The token endpoint is down or slow: not a sign-out. Say so to the
		// watchers and try again with backoff.
		l.c.opts.logger.Warn("live: fetching a token failed; retrying", "error", e.err)
		err := fmt.Errorf("live: fetching the session's token: %w", e.err)
		l.hideResults(&failure{err: err, transient: true})
		delay := l.nextBackoff("Unknown")
		gen, purpose := l.auth.gen, e.purpose
		stopTimer(&l.auth.timer)
		l.auth.timer = l.c.opts.clock.AfterFunc(delay, func() {
			l.c.post(timerEvent{kind: refreshTimer, gen: gen})
		})
		if purpose != refreshToken {
			// A retry of an initial or reauth fetch must dial afterwards;
			// refreshTimer's handler fetches a refreshToken, which on a
			// stopped socket behaves like reauth.
			l.auth.phase = fetching
		}
		return
	}
	switch {
	case e.token == "" && e.purpose == initialToken:
		l.terminate(unauthenticated("no signed-in session"))
		return
	case e.token == "":
		l.terminate(unauthenticated("the session has ended"))
		return
	case e.purpose == reauthToken && !l.paused && l.state != ready && e.token == l.auth.token:
		// The server rejected this very token.
		l.terminate(unauthenticated(l.auth.lastError))
		return
	}
	l.showHidden()
	switch e.purpose {
	case initialToken:
		l.auth.token, l.auth.phase = e.token, awaitingCached
		l.paused = false
		if l.state == ready {
			l.openSession()
		}
	case refreshToken, reauthToken:
		if l.paused { // a retry of the first fetch
			l.auth.token, l.auth.phase, l.paused = e.token, awaitingCached, false
			if l.state == ready {
				l.openSession()
			}
			return
		}
		if l.state != ready {
			// The socket was stopped (AuthError) or is reconnecting.
			l.auth.token, l.auth.phase = e.token, awaitingFresh
			if l.state == waiting && l.reconnect == nil {
				l.dial()
			}
			return
		}
		if e.token == l.auth.token {
			l.auth.phase = notRefetching
			return
		}
		l.auth.token, l.auth.phase = e.token, awaitingFresh
		base := l.identityVersion
		l.identityVersion++
		l.send(authenticateMsg{Type: "Authenticate", BaseVersion: base, TokenType: "User", Value: e.token})
	}
}

// hideResults makes notice, a token fetch's error, every query's current
// result, keeping what it replaces in l.auth.hidden. A query already showing
// an earlier notice keeps its entry from then; one with no result yet has
// nothing to show again.
func (l *loop) hideResults(notice *failure) {
	kept := l.auth.hidden[:0]
	for _, h := range l.auth.hidden {
		if h.q.fail != nil && h.q.fail.transient && h.q.subs > 0 {
			kept = append(kept, h)
		}
	}
	for _, q := range l.order {
		if q.subs == 0 {
			continue // removed
		}
		if q.version != 0 && (q.fail == nil || !q.fail.transient) {
			kept = append(kept, hiddenResult{q: q, fail: q.fail})
		}
		q.publish(q.raw, notice)
	}
	l.auth.hidden = kept
}

// showHidden runs when a token was fetched after a failed fetch: each query
// still showing the error shows again the result it replaced. A query the
// server updated meanwhile already shows something newer.
func (l *loop) showHidden() {
	for _, h := range l.auth.hidden {
		if h.q.fail != nil && h.q.fail.transient && h.q.subs > 0 {
			h.q.publish(h.q.raw, h.fail)
		}
	}
	l.auth.hidden = nil
}

// authConfirmed runs when a Transition shows the server took the newest identity.
func (l *loop) authConfirmed() {
	switch l.auth.phase {
	case awaitingCached:
		l.fetchToken(refreshToken)
	case awaitingFresh:
		l.auth.confirmAttempts = 0
		l.scheduleRefresh()
	}
}

// scheduleRefresh replaces the token DefaultRefreshLeeway before it expires.
func (l *loop) scheduleRefresh() {
	iat, exp, ok := tokenTimes(l.auth.token)
	if !ok || exp.Sub(iat) <= 2*time.Second {
		l.c.opts.logger.Warn("live: the token has no usable iat/exp; it will be replaced when the server rejects it")
		l.auth.phase = notRefetching
		return
	}
	validity := min(exp.Sub(iat), exp.Sub(l.c.opts.clock.Now()))
	delay := max(validity-l.c.opts.refreshLeeway, 0)
	l.auth.gen++
	l.auth.phase = refreshScheduled
	gen := l.auth.gen
	stopTimer(&l.auth.timer)
	l.auth.timer = l.c.opts.clock.AfterFunc(delay, func() { l.c.post(timerEvent{kind: refreshTimer, gen: gen}) })
}

// authError handles the server's rejection of the identity.
func (l *loop) authError(m *serverMsg) {
	unconfirmed := l.auth.phase == awaitingCached || l.auth.phase == awaitingFresh
	if m.AuthUpdateAttempted != nil && !*m.AuthUpdateAttempted && unconfirmed {
		return
	}
	if *m.BaseVersion+1 < l.identityVersion {
		return // about an identity already replaced
	}
	l.auth.lastError = m.Error
	if l.c.opts.tokens == nil {
		l.terminate(unauthenticated(m.Error))
		return
	}
	if l.auth.phase == awaitingFresh {
		if l.auth.confirmAttempts >= 2 {
			l.terminate(unauthenticated(m.Error))
			return
		}
		l.auth.confirmAttempts++
	}
	l.dropSocket()
	l.fetchToken(reauthToken)
}

// unauthenticated is the terminal error of a watch whose session is gone.
// It names the server's reason, never the token.
func unauthenticated(reason string) error {
	if reason == "" {
		return fmt.Errorf("live: %w", convex.ErrUnauthenticated)
	}
	return fmt.Errorf("live: %w: %s", convex.ErrUnauthenticated, reason)
}

// tokenTimes reads iat and exp from a JWT's payload without verifying it:
// the server verifies; the client only needs to know when to refresh.
func tokenTimes(token string) (iat, exp time.Time, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return
	}
	var claims struct {
		Iat *float64 `json:"iat"`
		Exp *float64 `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.Iat == nil || claims.Exp == nil {
		return
	}
	return time.Unix(int64(*claims.Iat), 0), time.Unix(int64(*claims.Exp), 0), true
}
