package live

import (
	"context"
	"encoding/json"
	"errors"
)

// Result is one state of a subscribed query: its value (Convex JSON) or the
// error the query failed with (*convex.ConvexError or *convex.FunctionError).
// A failed query stays subscribed: the next change may succeed. Value is
// shared by every subscriber of the query: read it, do not modify it.
type Result struct {
	Value json.RawMessage
	Err   error
}

// ErrClosed ends the updates of a Subscription closed by its owner.
var ErrClosed = errors.New("live: subscription closed")

// Subscription delivers the latest Result of one query. The client's read
// loop never waits for it: a consumer that falls behind skips to the newest
// state, it never sees a backlog. It holds no result of its own, only which
// of its query's results it has returned.
type Subscription struct {
	c      *Client
	q      *query
	seen   uint32 // the version of q's result Next returned last (q.mu)
	closed bool   // (q.mu)
}

// Next waits for a Result newer than the last one returned. Its error is
// terminal (ctx's error, ErrClosed, an unauthenticated session, a fatal
// server error); a query failure is a Result with Err set instead. When the
// client stops, a Result not yet returned comes before the terminal error.
func (s *Subscription) Next(ctx context.Context) (Result, error) {
	q := s.q
	for {
		q.mu.Lock()
		if s.closed {
			q.mu.Unlock()
			return Result{}, ErrClosed
		}
		if q.version != s.seen {
			s.seen = q.version
			r := q.result()
			q.mu.Unlock()
			return r, nil
		}
		// Checked under q.mu: the loop records why the client stopped
		// before it wakes the queries, so this wait cannot miss it.
		if err := s.c.Err(); err != nil {
			q.mu.Unlock()
			return Result{}, err
		}
		if q.wait == nil {
			q.wait = make(chan struct{})
		}
		wait := q.wait
		q.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return Result{}, ctx.Err()
		}
	}
}

// Close unsubscribes; the query leaves the server's query set when its last
// subscriber goes. Next after Close returns ErrClosed at once, even when a
// Result it has not returned yet is waiting: that Result is dropped. Close
// is safe to call more than once.
func (s *Subscription) Close() {
	q := s.q
	q.mu.Lock()
	if s.closed {
		q.mu.Unlock()
		return
	}
	s.closed = true
	q.wakeLocked() // a Next waiting on this subscription returns ErrClosed
	q.mu.Unlock()
	s.c.post(unsubscribeEvent{q: q})
}
