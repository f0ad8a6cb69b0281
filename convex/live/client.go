package live

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/coder/websocket"

	"github.com/authgen/authgen/convex"
)

// Client holds one WebSocket to a deployment, shared by every subscription
// made through it, authenticated as one user (WithTokenSource) or anonymous.
// All protocol state lives in one goroutine (run); subscriptions, the socket
// reader and timers talk to it through events, so nothing is locked on the
// hot path and no consumer can stall the socket.
type Client struct {
	opts   options
	url    string // ws(s)://host/api/sync
	events chan event
	// attached answers a subscribeEvent with its query. Only the Subscribe
	// whose event the loop took can be waiting on it: the loop takes no
	// other event before it has answered.
	attached chan *query
	done     chan struct{}

	mu  sync.Mutex
	err error // why the client stopped; set before done is closed
}

// ErrClientClosed ends the subscriptions of a Client closed by its owner.
var ErrClientClosed = errors.New("live: client closed")

// New returns a Client for the deployment at deploymentURL (the
// https://<name>.convex.cloud URL). It connects when the first query is
// subscribed.
func New(deploymentURL string, opts ...Option) (*Client, error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	u, err := url.Parse(strings.TrimRight(deploymentURL, "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("live: invalid deployment URL %q", deploymentURL)
	}
	switch u.Scheme {
	case "https":
		u.Scheme = "wss"
	case "http":
		u.Scheme = "ws"
	default:
		return nil, fmt.Errorf("live: invalid deployment URL %q: it must start with https:// or http://", deploymentURL)
	}
	u.Path += o.syncPath
	c := &Client{opts: o, url: u.String(), events: make(chan event), attached: make(chan *query), done: make(chan struct{})}
	l := newLoop(c)
	go l.run()
	return c, nil
}

// Subscribe adds the query at path (e.g. "messages:list") with args to the
// socket's query set; identical (path, args) pairs share one server query.
func (c *Client) Subscribe(ctx context.Context, path string, args any) (*Subscription, error) {
	path = canonicalPath(path)
	if err := convex.ValidatePath(path); err != nil {
		return nil, err
	}
	if args == nil {
		args = struct{}{}
	}
	encoded, err := convex.Marshal(args)
	if err != nil {
		return nil, fmt.Errorf("live: encoding the arguments of %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !c.post(subscribeEvent{key: path + "\x00" + string(encoded)}) {
		return nil, c.Err()
	}
	return &Subscription{c: c, q: <-c.attached}, nil
}

// Close ends every subscription with ErrClientClosed and closes the socket.
func (c *Client) Close() error { return c.CloseWithError(ErrClientClosed) }

// CloseWithError is Close with err as every subscription's terminal error,
// for an owner that knows why the client must stop (its session was signed
// out). A client already stopped keeps its first error; a nil err is
// ErrClientClosed.
func (c *Client) CloseWithError(err error) error {
	if err == nil {
		err = ErrClientClosed
	}
	c.post(closeEvent{err: err})
	<-c.done
	return nil
}

// Done is closed once the client has stopped, after Close or a terminal
// error (Err says which).
func (c *Client) Done() <-chan struct{} { return c.done }

// Err returns why the client stopped, or nil while it runs.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// post hands an event to the loop; false once the loop has stopped.
func (c *Client) post(e event) bool {
	select {
	case c.events <- e:
		return true
	case <-c.done:
		return false
	}
}

// canonicalPath writes a function path as the official client's
// canonicalizeUdfPath does: "mod" is "mod:default", "mod.js:f" is "mod:f".
func canonicalPath(p string) string {
	mod, fn := p, "default"
	if i := strings.LastIndexByte(p, ':'); i >= 0 {
		mod, fn = p[:i], p[i+1:]
	}
	return strings.TrimSuffix(mod, ".js") + ":" + fn
}

// newSessionID returns a random UUID v4, the shape the official client sends.
func newSessionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// The events the loop reacts to. gen tags events of one socket (or one token
// fetch), so those of a replaced socket are ignored.
type (
	event            any
	subscribeEvent   struct{ key string } // see query.key
	unsubscribeEvent struct{ q *query }
	dialedEvent      struct {
		gen int
		ws  *websocket.Conn
		err error
	}
	frameEvent struct {
		gen int
		msg *serverMsg // nil: activity only (a partial chunk)
	}
	socketClosedEvent struct {
		gen    int
		reason string
	}
	protocolErrorEvent struct {
		gen int
		err error
	}
	tokenEvent struct {
		gen     int
		purpose tokenPurpose
		token   string
		err     error
	}
	timerEvent struct {
		kind timerKind
		gen  int
	}
	closeEvent struct{ err error }
)

type timerKind int

const (
	reconnectTimer timerKind = iota
	inactivityTimer
	refreshTimer
	idleTimer
)
