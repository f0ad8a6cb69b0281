package betterauth

import (
	"context"
	"fmt"
	"hash/maphash"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/authgen/authgen/convex"
)

// Option configures an Auth beyond its Config.
type Option func(*options)

type options struct {
	logger          *slog.Logger
	convexOptions   []convex.ClientOption
	mintAttempts    int
	mintBackoff     time.Duration
	refetchInterval time.Duration
	cacheSize       int
	unauthorized    UnauthorizedHandler
	hooks           Hooks
	denyList        DenyList
	denyListSize    int
	rules           map[string]Rule
	// watchSessionCheck is how often a watched session is asked about (0: never).
	watchSessionCheck time.Duration
}

// WithLogger sets the logger for warnings and endpoint failures. Tokens and
// cookie values are never logged.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithConvexClientOptions passes options to the Convex client Auth creates.
func WithConvexClientOptions(opts ...convex.ClientOption) Option {
	return func(o *options) { o.convexOptions = append(o.convexOptions, opts...) }
}

// WithTokenRetry sets how many times a 5xx, 429 or network failure of the
// token endpoint is tried in all (default 3) and the first backoff, doubled
// after each attempt (default 100ms).
func WithTokenRetry(attempts int, backoff time.Duration) Option {
	return func(o *options) { o.mintAttempts, o.mintBackoff = attempts, backoff }
}

// WithWatchSessionCheck sets how often the session of a socket that live
// watches hold is checked with Better Auth (default 1 minute; 0 turns it
// off): a session revoked there without a sign-out through this app
// (another device's "sign out everywhere", an admin) then ends its watches
// within d, not at the next token refresh (up to 15 minutes). The check is
// the shared mint path: free when a page request of the session minted in
// the last minute (that answer is used, so the bound is then d plus up to a
// minute), otherwise one token request.
func WithWatchSessionCheck(d time.Duration) Option {
	return func(o *options) { o.watchSessionCheck = d }
}

// WithJWKSRefetchInterval bounds how often an unknown kid may refetch the
// remote JWKS (default 5s); unknown kids are remembered for as long.
func WithJWKSRefetchInterval(d time.Duration) Option {
	return func(o *options) { o.refetchInterval = d }
}

// WithCacheSize bounds each of Auth's caches (default 10000 entries):
// verified tokens, recent mints, refused session cookies. A full cache
// drops entries, which costs a verification or a mint again.
func WithCacheSize(n int) Option { return func(o *options) { o.cacheSize = n } }

// WithDenyListSize bounds how many signed-out sessions Auth remembers in
// process at once (default 100000, about 10 MB). A denial is never dropped
// before the session's newest token expires: when every slot holds a live
// denial, a further sign-out still ends the session upstream (and in a
// shared DenyList), but its JWTs stay usable in this process until they
// expire, and an error is logged.
func WithDenyListSize(n int) Option { return func(o *options) { o.denyListSize = n } }

// Auth resolves sessions, verifies tokens and calls Convex on behalf of the signed-in user.
type Auth struct {
	cfg       Config
	log       *slog.Logger
	hc        *http.Client // token endpoint and JWKS; never follows redirects
	verifier  *Verifier
	cookies   cookieSet
	tokens    *expiringCache[*Session] // verified JWTs by token
	minted    *expiringCache[*Session] // recently minted sessions by session cookie
	signedOut *memoryDenyList          // sessions signed out through AuthHandler, until their newest token expires
	rejected  *expiringCache[[]string] // SHA-256 of session cookies the token endpoint answered 401 → its clearing Set-Cookies
	// undelivered holds, by pairingKey, Better Auth's session Set-Cookies
	// from mints no browser response was waiting for (a watch's token
	// refresh or session check, FetchAuthQuery's re-mint): the session's
	// next request through Middleware delivers them, or an extension
	// Better Auth granted once per updateAge would never reach the browser.
	undelivered    *expiringCache[[]string]
	hasUndelivered atomic.Bool // set at the first put: before it, requests skip the look-up
	// sessionIDs maps a session cookie's fingerprint (pairingKey) to the
	// sessionId its mint returned, to tell a JWT cookie of another session.
	sessionIDs *expiringCache[string]
	// pairingSeed keys pairingKey's hash; it never leaves the process.
	pairingSeed maphash.Seed
	mints       singleflight.Group
	attempts    int
	backoff     time.Duration
	convex      *convex.Client
	// trustedProxies is Config.TrustedProxies, parsed.
	trustedProxies []netip.Prefix
	hooks          Hooks
	denyList       DenyList // shared with other replicas; nil when not
	// unauthorized answers refused requests; nil for the defaults.
	unauthorized UnauthorizedHandler
	rules        map[string]Rule // named Requirement rules (WithRule)
	// accounts is the AuthHandler the server-side client calls through,
	// built once so that its transport's connections are reused.
	accounts     http.Handler
	accountsOnce sync.Once
	// live pools the sockets of Watch, one per session.
	live livePool
	// watchSessionCheck is WithWatchSessionCheck's interval.
	watchSessionCheck time.Duration
}

// New validates cfg (the error lists every problem with its fix) and returns an Auth.
func New(cfg Config, opts ...Option) (*Auth, error) {
	o := options{mintAttempts: 3, mintBackoff: 100 * time.Millisecond, cacheSize: 10000, denyListSize: defaultDenyListSize, watchSessionCheck: time.Minute}
	for _, opt := range opts {
		opt(&o)
	}
	if o.logger == nil {
		o.logger = slog.Default()
	}
	problems := ValidateConfig(cfg)
	if errs := errorsOnly(problems); len(errs) > 0 {
		return nil, &ConfigError{Problems: errs}
	}
	for _, p := range problems {
		o.logger.Warn("betterauth: configuration", "problem", p.String())
	}
	cfg = cfg.withDefaults()
	hc := noRedirectClient(cfg.HTTPClient)
	v, err := newVerifier(cfg, hc, o.refetchInterval)
	if err != nil {
		return nil, err
	}
	if rk, ok := v.keys.(*remoteKeys); ok {
		rk.onFetch = o.hooks.OnJWKSFetch
	}
	a := &Auth{
		cfg:         cfg,
		log:         o.logger,
		hc:          hc,
		verifier:    v,
		cookies:     newCookieSet(cfg.CookiePrefix),
		tokens:      newExpiringCache[*Session](o.cacheSize),
		minted:      newExpiringCache[*Session](o.cacheSize),
		signedOut:   newMemoryDenyList(o.denyListSize, cfg.Now),
		rejected:    newExpiringCache[[]string](o.cacheSize),
		sessionIDs:  newExpiringCache[string](o.cacheSize),
		undelivered: newExpiringCache[[]string](o.cacheSize),
		pairingSeed: maphash.MakeSeed(),
		attempts:    max(o.mintAttempts, 1),
		backoff:     o.mintBackoff,
		hooks:       o.hooks,
		denyList:    o.denyList,

		watchSessionCheck: o.watchSessionCheck,

		unauthorized: o.unauthorized,
		rules:        o.rules,
	}
	if rk, ok := v.keys.(*remoteKeys); ok {
		// A token of a removed key must verify again, and fail; a recent
		// mint may hold one too.
		rk.onRemoved = func() {
			a.tokens.clear()
			a.minted.clear()
		}
	}
	if a.trustedProxies, err = parseTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	copts := o.convexOptions
	if cfg.HTTPClient != nil {
		copts = append([]convex.ClientOption{convex.WithHTTPClient(cfg.HTTPClient)}, copts...)
	}
	if a.convex, err = convex.NewClient(cfg.ConvexURL, copts...); err != nil {
		return nil, fmt.Errorf("betterauth: ConvexURL: %w", err)
	}
	// Last: an Auth that New refuses must not stay registered.
	if feed, ok := a.denyList.(DenialFeed); ok {
		feed.OnDenied(a.endWatches)
	}
	return a, nil
}

// noRedirectClient copies base (or a default with a 10s timeout) so that
// redirects are returned, not followed: a token endpoint or JWKS that
// redirects is misconfigured, and following would leak the session cookie.
func noRedirectClient(base *http.Client) *http.Client {
	c := &http.Client{Timeout: 10 * time.Second}
	if base != nil {
		c = &http.Client{Transport: base.Transport, Jar: nil, Timeout: base.Timeout}
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// Config returns the effective configuration (defaults filled in).
func (a *Auth) Config() Config { return a.cfg }

// Verifier returns the token verifier Auth uses.
func (a *Auth) Verifier() *Verifier { return a.verifier }

// Convex returns the client used for calls to the deployment.
func (a *Auth) Convex() *convex.Client { return a.convex }

// now is the configured clock.
func (a *Auth) now() time.Time { return a.cfg.Now() }

// verify checks token, answering from the cache when it was verified
// before. Tokens of sessions signed out through AuthHandler are refused.
func (a *Auth) verify(ctx context.Context, token string) (*Session, error) {
	s, _, err := a.verifyFrom(ctx, token, SourceNone)
	return s, err
}

// verifyFrom is verify for a token from src (reported to OnVerifyFailure),
// also telling whether the answer came from the cache.
func (a *Auth) verifyFrom(ctx context.Context, token string, src Source) (s *Session, cached bool, err error) {
	now := a.now()
	s, cached = a.tokens.get(token, now)
	var gen uint64
	if !cached {
		// Taken before the key lookup: a refresh that removes the key
		// clears the cache after installing the new set, and the put below
		// is then skipped.
		gen = a.tokens.generation()
		if s, err = a.verifier.Verify(ctx, token); err != nil {
			a.verifyFailed(ctx, src, err)
			return nil, false, err
		}
	}
	if a.isSignedOut(s) {
		a.verifyFailed(ctx, src, errSignedOut)
		return nil, false, errSignedOut
	}
	switch denied, err := a.deniedElsewhere(ctx, s); {
	case err != nil:
		a.verifyFailed(ctx, src, err)
		return nil, false, err
	case denied:
		// Remembered here, no need to ask again, for as long as this
		// token lives: the shared list holds the rest of the session.
		a.denyHere(s, s.Expires.Add(a.cfg.Leeway+time.Second))
		a.verifyFailed(ctx, src, errSignedOut)
		return nil, false, errSignedOut
	}
	if !cached {
		a.tokens.putUnlessCleared(token, s, s.Expires, now, &gen)
	}
	return s, cached, nil
}

// verifyFailed tells the OnVerifyFailure hook.
func (a *Auth) verifyFailed(ctx context.Context, src Source, err error) {
	if a.hooks.OnVerifyFailure != nil {
		a.hooks.OnVerifyFailure(ctx, VerifyFailureEvent{Source: src, Reason: ReasonOf(err), Err: err})
	}
}
