package betterauth

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"time"

	"github.com/authgen/authgen/convex"
	"github.com/authgen/authgen/convex/live"
	"golang.org/x/sync/errgroup"
)

// Live queries (experimental): Watch subscribes to a query over Convex's
// sync socket with the request's session, as FetchAuthQuery calls it once.
// Sockets are pooled: one per signed-in session, one shared by anonymous
// watches; a socket with no watch left closes after a minute. A session
// signed out through AuthHandler ends its socket's watches at once; one
// signed out on another replica, as soon as the shared DenyList knows:
// told by a DenialFeed, else checked every denialCheckInterval; one revoked
// in Better Auth alone, when next asked (WithWatchSessionCheck).

// watchIdleTimeout is how long a pooled socket outlives its last watch, so
// a page that re-subscribes on reload reuses it.
const watchIdleTimeout = time.Minute

// denialCheckInterval is how often the sessions of pooled sockets are looked
// up in a shared DenyList that is no DenialFeed: such a list cannot announce a denial, and
// IsDenied answers from memory, so a look-up per session and interval is
// cheap; it bounds how long a watch outlives a sign-out made elsewhere
// (without it, until its token is next refreshed: up to 15 minutes).
const denialCheckInterval = time.Second

// errWatchSignedOut ends the watches of a session signed out while they run.
var errWatchSignedOut = fmt.Errorf("betterauth: %w: the session was signed out", convex.ErrUnauthenticated)

// Watch yields the result of the query at path with args, decoded into R,
// each time it changes, for the user of ctx's request (Middleware must have
// run). A query failure is an item and the watch goes on; the last item is
// a terminal error: ctx done, or an error matching convex.ErrUnauthenticated
// when the session ended (signed out, revoked, expired). The token is
// refreshed through the same mint path as page requests.
func Watch[R any](ctx context.Context, a *Auth, path string, args any) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		for attempt := 0; ; attempt++ {
			c, err := a.liveClient(ctx)
			if err != nil {
				var zero R
				yield(zero, err)
				return
			}
			// A pooled client may close itself (idle) between the lookup and
			// the subscription; one retry gets a fresh one.
			retry := false
			for v, err := range live.Watch[R](ctx, c, path, args) {
				if errors.Is(err, live.ErrClientClosed) && attempt == 0 && ctx.Err() == nil {
					retry = true
					break
				}
				if !yield(v, err) {
					return
				}
			}
			if !retry {
				return
			}
		}
	}
}

// WatchAuthQuery is Watch for a typed query reference, as the generated
// Watch<Fn> methods call it.
func WatchAuthQuery[A, R any](ctx context.Context, a *Auth, ref convex.QueryRef[A, R], args A) iter.Seq2[R, error] {
	return Watch[R](ctx, a, ref.Path(), args)
}

// livePool holds the sync clients, by pool key (see liveClient).
type livePool struct {
	mu      sync.Mutex
	clients map[string]*live.Client
	// sessions holds, by pool key, the pooled sessions superviseSessions
	// watches over.
	sessions    map[string]*watchedSession
	supervising bool // superviseSessions runs
}

// watchedSession is a pooled session as superviseSessions sees it.
type watchedSession struct {
	id      string
	mint    mintRequest // the session cookie to ask Better Auth with ("" value: none, a Bearer token)
	checked time.Time   // when Better Auth was last asked
}

// sessionPoolKey is the pool key of a session's socket; "" is anonymous.
// Tokens without a session ID (not Better Auth's) are pooled by subject.
const sessionPoolKey = "session:"

// liveClient returns the pooled client for ctx's identity, creating it.
func (a *Auth) liveClient(ctx context.Context) (*live.Client, error) {
	ra := fromContext(ctx)
	var s *Session
	if ra != nil {
		s = ra.session.Load()
	}
	if ra != nil && s == nil && ra.err != nil {
		// Who this is is unknown (token endpoint down): not anonymous.
		return nil, ra.err
	}
	key := ""
	if s != nil {
		key = sessionPoolKey + s.SessionID
		if s.SessionID == "" {
			key = "subject:" + s.Subject
		}
	}
	a.live.mu.Lock()
	defer a.live.mu.Unlock()
	if c := a.live.clients[key]; c != nil {
		select {
		case <-c.Done():
		default:
			return c, nil
		}
	}
	opts := []live.Option{live.WithIdleTimeout(watchIdleTimeout), live.WithLogger(a.log)}
	if a.cfg.HTTPClient != nil {
		opts = append(opts, live.WithHTTPClient(a.cfg.HTTPClient))
	}
	if s != nil {
		opts = append(opts, live.WithTokenSource(a.sessionTokens(s, ra.mint)))
	}
	c, err := live.New(a.cfg.ConvexURL, opts...)
	if err != nil {
		return nil, err
	}
	if a.live.clients == nil {
		a.live.clients = map[string]*live.Client{}
	}
	a.live.clients[key] = c
	if s != nil && s.SessionID != "" {
		a.supervise(key, &watchedSession{id: s.SessionID, mint: ra.mint, checked: time.Now()})
	}
	go func() {
		<-c.Done()
		a.live.mu.Lock()
		defer a.live.mu.Unlock()
		if a.live.clients[key] == c {
			delete(a.live.clients, key)
			delete(a.live.sessions, key)
		}
	}()
	return c, nil
}

// endWatches ends the watches of the pooled socket of the session
// sessionID with an unauthenticated error, when the session is signed out.
// A watch started afterwards gets a fresh socket, whose token source finds
// the session signed out and ends it the same way.
func (a *Auth) endWatches(sessionID string) {
	if sessionID == "" {
		return // pooled by subject: it ends when its token is refreshed
	}
	key := sessionPoolKey + sessionID
	a.live.mu.Lock()
	c := a.live.clients[key]
	delete(a.live.clients, key)
	delete(a.live.sessions, key)
	a.live.mu.Unlock()
	if c != nil {
		// Not waited for: closing waits for the socket's loop, which may
		// be inside a write to a slow peer, and the sign-out answer must
		// not.
		go c.CloseWithError(errWatchSignedOut)
	}
}

// supervise adds a pooled session to those superviseSessions watches over,
// starting it when it has something to do. The caller holds a.live.mu.
func (a *Auth) supervise(key string, ws *watchedSession) {
	_, fed := a.denyList.(DenialFeed)
	if (a.denyList == nil || fed) && a.watchSessionCheck <= 0 {
		return // denials arrive by sign-out or feed, and Better Auth is not asked
	}
	if a.live.sessions == nil {
		a.live.sessions = map[string]*watchedSession{}
	}
	a.live.sessions[key] = ws
	if !a.live.supervising {
		a.live.supervising = true
		go a.superviseSessions()
	}
}

// superviseSessions ends the watches of pooled sessions that are over
// though no sign-out went through this process: denied in a shared DenyList
// that is no DenialFeed (looked up every denialCheckInterval), or refused
// by Better Auth when asked through the shared mint path (every
// watchSessionCheck). It runs while sessions are pooled. The asking runs
// beside the look-ups, a few mints at a time, so that a slow token endpoint
// never delays a look-up. A list or token endpoint that cannot answer is an
// outage, not a sign-out: the watches go on.
func (a *Auth) superviseSessions() {
	_, fed := a.denyList.(DenialFeed)
	lookUp := a.denyList != nil && !fed
	tick := denialCheckInterval
	switch {
	case a.watchSessionCheck <= 0:
	case lookUp:
		tick = min(tick, a.watchSessionCheck)
	default:
		tick = max(a.watchSessionCheck/4, time.Millisecond) // nothing to look up: wake only to ask
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	var asking atomic.Bool // a round of asking runs
	var ids []string
	for range t.C {
		now := time.Now()
		ids = ids[:0]
		var asks []watchedSession
		a.live.mu.Lock()
		if len(a.live.sessions) == 0 {
			a.live.supervising = false
			a.live.mu.Unlock()
			return
		}
		for _, ws := range a.live.sessions {
			if lookUp {
				ids = append(ids, ws.id)
			}
			if a.watchSessionCheck > 0 && !asking.Load() && ws.mint.cookieValue != "" && now.Sub(ws.checked) >= a.watchSessionCheck {
				ws.checked = now
				asks = append(asks, *ws)
			}
		}
		a.live.mu.Unlock()
		if len(asks) > 0 {
			asking.Store(true)
			go func() {
				defer asking.Store(false)
				a.askBetterAuth(asks)
			}()
		}
		for _, id := range ids {
			if denied, err := a.denyList.IsDenied(context.Background(), id); err == nil && denied {
				a.endWatches(id)
			}
		}
	}
}

// sessionChecksInFlight bounds the mints one round of session checks makes
// at once.
const sessionChecksInFlight = 4

// askBetterAuth checks each session with Better Auth through the shared
// mint path and ends the watches of those it no longer knows.
func (a *Auth) askBetterAuth(sessions []watchedSession) {
	var g errgroup.Group
	g.SetLimit(sessionChecksInFlight)
	for _, ws := range sessions {
		g.Go(func() error {
			if _, err := a.sessionFor(context.Background(), ws.mint, false); errors.Is(err, errNoSession) {
				a.endWatches(ws.id)
			}
			return nil
		})
	}
	_ = g.Wait() // the checks report nothing: an outage is not a sign-out
}

// sessionTokens is the token source of a pooled socket: the request's token
// while it is fresh, then tokens minted from the session cookie through the
// shared mint path (one mint per session, whoever asks). Without a session
// cookie (a Bearer-only request) the token cannot be renewed and the watch
// ends when it expires.
func (a *Auth) sessionTokens(first *Session, m mintRequest) live.TokenSource {
	var mu sync.Mutex
	last := first
	return func(ctx context.Context, force bool) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		now := a.now()
		fresh := func(s *Session) bool { return s.Expires.Sub(now) > a.cfg.RefreshMargin }
		if !force && fresh(last) {
			if _, err := a.verify(ctx, last.Token); err == nil {
				return last.Token, nil
			}
		}
		if m.cookieValue == "" {
			if _, err := a.verify(ctx, last.Token); err != nil || !fresh(last) {
				return "", nil
			}
			return last.Token, nil
		}
		s, err := a.sessionFor(ctx, m, false)
		if err == nil && force && s.Token == last.Token {
			s, err = a.sessionFor(ctx, m, true)
		}
		switch {
		case errors.Is(err, errNoSession):
			return "", nil
		case err != nil:
			return "", err
		}
		last = s // sessionFor verified it and skipped signed-out sessions
		return s.Token, nil
	}
}
