package live

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
)

// Result is one state of a subscribed query: its value (Convex JSON) or the
// error the query failed with (*convex.ConvexError or *convex.FunctionError).
// A failed query stays subscribed: the next change may succeed.
type Result struct {
	Value json.RawMessage
	Err   error
}

// ErrClosed ends the updates of a Subscription closed by its owner.
var ErrClosed = errors.New("live: subscription closed")

// Subscription delivers the latest Result of one query. The client's read
// loop never waits for it: a consumer that falls behind skips to the newest
// state, it never sees a backlog.
type Subscription struct {
	client *Client
	key    string

	mu      sync.Mutex
	latest  Result
	fresh   bool  // latest has not been returned by Next yet
	final   error // set once; no Result follows it
	changed chan struct{}
	once    sync.Once
}

func newSubscription(c *Client, key string) *Subscription {
	return &Subscription{client: c, key: key, changed: make(chan struct{}, 1)}
}

// Next waits for a Result newer than the last one returned. Its error is
// terminal (ctx's error, ErrClosed, an unauthenticated session, a fatal
// server error); a query failure is a Result with Err set instead.
func (s *Subscription) Next(ctx context.Context) (Result, error) {
	for {
		s.mu.Lock()
		switch {
		case s.fresh:
			s.fresh = false
			r := s.latest
			s.mu.Unlock()
			return r, nil
		case s.final != nil:
			err := s.final
			s.mu.Unlock()
			return Result{}, err
		}
		s.mu.Unlock()
		select {
		case <-s.changed:
		case <-ctx.Done():
			return Result{}, ctx.Err()
		}
	}
}

// Close unsubscribes; the query leaves the server's query set when its last
// subscriber goes. Close is safe to call more than once.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.finish(ErrClosed)
		s.client.post(unsubscribeEvent{sub: s})
	})
}

// deliver records a new Result without blocking.
func (s *Subscription) deliver(r Result) {
	s.mu.Lock()
	if s.final == nil {
		s.latest, s.fresh = r, true
	}
	s.mu.Unlock()
	s.wake()
}

// finish ends the subscription with a terminal error; a Result not yet
// returned by Next is still returned first.
func (s *Subscription) finish(err error) {
	s.mu.Lock()
	if s.final == nil {
		s.final = err
	}
	s.mu.Unlock()
	s.wake()
}

func (s *Subscription) wake() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}
