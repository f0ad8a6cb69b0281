package live

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
)

// query is one server-side query, a (path, args) pair, and the one record
// its subscriptions share: the loop keeps the query set, and the current
// result is kept here once, for every subscriber, rather than copied into
// each Subscription (a socket may hold tens of thousands of queries, so
// every word counts). Subscribers read the result from their own
// goroutines, hence mu; the fields marked "loop" are the loop's alone.
type query struct {
	mu      sync.Mutex
	version uint32 // of the current result, counted from 1; 0 before the first (mu)
	subs    int32  // subscriptions not yet closed (loop)
	id      int    // (loop)
	key     string // path + "\x00" + the Convex JSON of the args: the query set's key, and where Add reads both (loop)
	// raw is the current value (Convex JSON), or for a failure its message
	// and data: what a new state is compared with, so only changes are
	// emitted (mu).
	raw  json.RawMessage
	fail *failure // non-nil: the current result is this error (mu)
	// journal is the server's last journal for the query ("" before one),
	// sent back when the query set is replayed on a new socket (loop).
	journal string
	// wait is closed at the next change. It exists only while a Next waits:
	// an idle subscription costs no channel (mu).
	wait chan struct{}
}

// failure is a current result that is an error.
type failure struct {
	err error
	// transient marks the client's own error (fetching the token failed),
	// shown to every query's subscribers until a token is fetched again
	// (the result it replaced is shown again: loop.showHidden) or the
	// server sends the query's next state, which is emitted even when it
	// equals the one before the error.
	transient bool
}

// nullJournal is the journal most queries have; replayed as null.
const nullJournal = "null"

// addMod is the Add that puts q into a server's query set, with the journal
// the server last sent for it.
func (q *query) addMod() querySetMod {
	i := strings.LastIndexByte(q.key, 0) // JSON escapes NUL, so the last one ends the path
	mod := querySetMod{Type: "Add", QueryID: q.id, UDFPath: q.key[:i], Args: []json.RawMessage{json.RawMessage(q.key[i+1:])}}
	if q.journal != "" {
		mod.Journal = json.RawMessage(q.journal)
	}
	return mod
}

// path is the query's function path.
func (q *query) path() string { return q.key[:strings.LastIndexByte(q.key, 0)] }

// setJournal keeps the journal a Transition carried for q.
func (q *query) setJournal(j json.RawMessage) {
	if string(j) == nullJournal {
		q.journal = nullJournal // no allocation for the common case
		return
	}
	q.journal = string(j)
}

// changedValue reports whether value differs from the current result. Only
// the loop writes raw and fail, so it reads them without mu.
func (q *query) changedValue(value json.RawMessage) bool {
	return q.version == 0 || q.fail != nil || !bytes.Equal(q.raw, value)
}

// changedFailure reports whether a failure with state (message and data)
// differs from the current result; see changedValue.
func (q *query) changedFailure(state []byte) bool {
	return q.version == 0 || q.fail == nil || q.fail.transient || !bytes.Equal(q.raw, state)
}

// publish makes (raw, fail) the current result and wakes the subscribers
// waiting for it; the loop never waits for them.
func (q *query) publish(raw json.RawMessage, fail *failure) {
	q.mu.Lock()
	q.raw, q.fail = raw, fail
	q.version++
	if q.version == 0 { // wrapped: 0 means "no result yet"
		q.version = 1
	}
	q.wakeLocked()
	q.mu.Unlock()
}

// wake wakes q's waiting subscribers, to look at the client's or their own
// state (stopped, closed).
func (q *query) wake() {
	q.mu.Lock()
	q.wakeLocked()
	q.mu.Unlock()
}

func (q *query) wakeLocked() {
	if q.wait != nil {
		close(q.wait)
		q.wait = nil
	}
}

// result is the current result as Next returns it; q.mu is held.
func (q *query) result() Result {
	if q.fail != nil {
		return Result{Err: q.fail.err}
	}
	return Result{Value: q.raw}
}
