package live

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"
)

// TokenSource returns the JWT to authenticate the socket with. forceRefresh
// asks for a token newer than the one last returned (the server rejected it,
// or it is about to expire). An empty token with a nil error means nobody is
// signed in any more: watches then end with an error matching
// convex.ErrUnauthenticated. An error means the token could not be obtained
// right now (the token endpoint is down): the client retries with backoff
// and does not sign anybody out.
type TokenSource func(ctx context.Context, forceRefresh bool) (string, error)

// Option configures a Client.
type Option func(*options)

type options struct {
	tokens        TokenSource
	httpClient    *http.Client
	header        http.Header
	logger        *slog.Logger
	clock         Clock
	jitter        func() float64 // in [0, 1)
	syncPath      string
	clientName    string
	inactivity    time.Duration
	refreshLeeway time.Duration
	maxBackoff    time.Duration
	writeTimeout  time.Duration
	readLimit     int64
	idleTimeout   time.Duration
}

// Defaults, as the official client's.
const (
	// DefaultInactivityTimeout is how long a silent server is trusted; the
	// server pings more often than this.
	DefaultInactivityTimeout = 60 * time.Second
	// DefaultRefreshLeeway is how long before its expiry a token is replaced.
	DefaultRefreshLeeway = 10 * time.Second
	// DefaultMaxBackoff caps the delay between reconnection attempts.
	DefaultMaxBackoff = 16 * time.Second
	// DefaultSyncPath is where a deployment accepts non-browser sync sockets.
	DefaultSyncPath = "/api/sync"
	// DefaultClientName goes in the Convex-Client header.
	DefaultClientName = "go-authgen-0.1.0"
)

func defaultOptions() options {
	return options{
		logger:        slog.New(slog.DiscardHandler),
		clock:         realClock{},
		jitter:        rand.Float64,
		syncPath:      DefaultSyncPath,
		clientName:    DefaultClientName,
		inactivity:    DefaultInactivityTimeout,
		refreshLeeway: DefaultRefreshLeeway,
		maxBackoff:    DefaultMaxBackoff,
		writeTimeout:  10 * time.Second,
		readLimit:     maxTransitionBytes,
	}
}

// WithTokenSource authenticates the socket as a user; without it the socket
// is anonymous.
func WithTokenSource(ts TokenSource) Option { return func(o *options) { o.tokens = ts } }

// WithHTTPClient sets the client used for the WebSocket handshake.
func WithHTTPClient(hc *http.Client) Option { return func(o *options) { o.httpClient = hc } }

// WithHeader adds headers to the WebSocket handshake.
func WithHeader(h http.Header) Option { return func(o *options) { o.header = h.Clone() } }

// WithLogger logs connection events (never tokens).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithClock replaces the wall clock and timers, for tests.
func WithClock(c Clock) Option { return func(o *options) { o.clock = c } }

// WithJitter replaces the random source of the reconnection jitter, for
// tests: f returns a number in [0, 1); 0.5 means no jitter.
func WithJitter(f func() float64) Option { return func(o *options) { o.jitter = f } }

// WithSyncPath sets the path of the sync endpoint (DefaultSyncPath).
func WithSyncPath(p string) Option { return func(o *options) { o.syncPath = p } }

// WithClientName sets the Convex-Client header ("name-1.2.3").
func WithClientName(s string) Option { return func(o *options) { o.clientName = s } }

// WithInactivityTimeout sets how long the server may stay silent before the
// socket is considered dead and replaced.
func WithInactivityTimeout(d time.Duration) Option { return func(o *options) { o.inactivity = d } }

// WithRefreshLeeway sets how long before a token's expiry it is replaced.
func WithRefreshLeeway(d time.Duration) Option { return func(o *options) { o.refreshLeeway = d } }

// WithIdleTimeout closes the client (ErrClientClosed) once it has had no
// subscription for d, so a pool of per-user clients does not keep sockets
// of users who left. Zero, the default, keeps the client until Close.
func WithIdleTimeout(d time.Duration) Option { return func(o *options) { o.idleTimeout = d } }
