package live

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authgen/authgen/convex"
)

func newTestClient(t *testing.T, s *scriptServer, opts ...Option) (*Client, *fakeClock) {
	t.Helper()
	clock := newFakeClock()
	opts = append([]Option{WithClock(clock), WithJitter(func() float64 { return 0.5 })}, opts...)
	c, err := New(s.srv.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, clock
}

// nextResult reads one Result with a deadline.
func nextResult(t *testing.T, sub *Subscription) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := sub.Next(ctx)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	return r
}

// noResult checks nothing new arrives for a moment.
func noResult(t *testing.T, sub *Subscription) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if r, err := sub.Next(ctx); err == nil {
		t.Fatalf("unexpected result %s %v", r.Value, r.Err)
	}
}

func jsonEqual(t *testing.T, got any, want string) {
	t.Helper()
	g, _ := json.Marshal(got)
	var a, b any
	_ = json.Unmarshal(g, &a)
	if err := json.Unmarshal([]byte(want), &b); err != nil {
		t.Fatal(err)
	}
	ga, _ := json.Marshal(a)
	wb, _ := json.Marshal(b)
	if string(ga) != string(wb) {
		t.Fatalf("got  %s\nwant %s", ga, wb)
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestSubscribeOpensSessionAndEmitsOnlyChanges(t *testing.T) {
	s := newScriptServer(t)
	c, clock := newTestClient(t, s)
	sub, err := c.Subscribe(context.Background(), "messages:list", map[string]any{"channel": "general"})
	if err != nil {
		t.Fatal(err)
	}
	conn := s.accept()
	connect := conn.next("Connect")
	if !uuidV4.MatchString(connect["sessionId"].(string)) {
		t.Errorf("sessionId %v is not a UUID v4", connect["sessionId"])
	}
	delete(connect, "sessionId")
	jsonEqual(t, connect, fmt.Sprintf(`{"type":"Connect","connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":%d}`, clock.Now().UnixMilli()))
	jsonEqual(t, conn.next("ModifyQuerySet"), `{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,
		"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{"channel":"general"}]}]}`)
	if got := s.headers[0].Get("Convex-Client"); got != DefaultClientName {
		t.Errorf("Convex-Client %q, want %q", got, DefaultClientName)
	}

	conn.send(transition(version(0, 0, 0), version(1, 0, 10), updated(0, []string{"a"})))
	if r := nextResult(t, sub); string(r.Value) != `["a"]` || r.Err != nil {
		t.Fatalf("first result %s %v", r.Value, r.Err)
	}
	conn.send(transition(version(1, 0, 10), version(1, 0, 11), updated(0, []string{"a"})))
	noResult(t, sub)
	conn.send(transition(version(1, 0, 11), version(1, 0, 12), updated(0, []string{"a", "b"})))
	if r := nextResult(t, sub); string(r.Value) != `["a","b"]` {
		t.Fatalf("second result %s", r.Value)
	}
}

func TestIdenticalQueriesShareOneServerQuery(t *testing.T) {
	s := newScriptServer(t)
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	a, _ := c.Subscribe(ctx, "messages.js:list", map[string]any{"n": 1})
	conn := s.acceptSession()
	b, _ := c.Subscribe(ctx, "messages:list", map[string]any{"n": 1})
	other, _ := c.Subscribe(ctx, "messages", nil)
	jsonEqual(t, conn.next("ModifyQuerySet"), `{"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,
		"modifications":[{"type":"Add","queryId":1,"udfPath":"messages:default","args":[{}]}]}`)
	conn.send(transition(version(0, 0, 0), version(2, 0, 1), updated(0, "x"), updated(1, "y")))
	for _, sub := range []*Subscription{a, b} {
		if r := nextResult(t, sub); string(r.Value) != `"x"` {
			t.Fatalf("got %s, want \"x\"", r.Value)
		}
	}
	if r := nextResult(t, other); string(r.Value) != `"y"` {
		t.Fatalf("got %s", r.Value)
	}
	a.Close()
	conn.quiet()
	b.Close()
	jsonEqual(t, conn.next("ModifyQuerySet"), `{"type":"ModifyQuerySet","baseVersion":2,"newVersion":3,
		"modifications":[{"type":"Remove","queryId":0}]}`)
	if _, err := a.Next(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("Next after Close: %v", err)
	}
	// A late subscriber of a live query gets its current value at once.
	late, _ := c.Subscribe(ctx, "messages:default", map[string]any{})
	if r := nextResult(t, late); string(r.Value) != `"y"` {
		t.Fatalf("late subscriber got %s", r.Value)
	}
}

func TestTransitionNotChainingReconnectsAndReplays(t *testing.T) {
	s := newScriptServer(t)
	c, clock := newTestClient(t, s)
	sub, _ := c.Subscribe(context.Background(), "q:a", nil)
	conn := s.acceptSession()
	conn.send(transition(version(0, 0, 0), version(1, 0, 7), updated(0, 1)))
	nextResult(t, sub)
	conn.send(transition(version(1, 0, 6), version(1, 0, 8), updated(0, 2)))

	waitFor(t, func() bool { return len(clock.pending()) > 0 && clock.pending()[0] == 100*time.Millisecond })
	clock.Advance(100 * time.Millisecond)
	conn2 := s.accept()
	connect := conn2.next("Connect")
	jsonEqual(t, []any{connect["connectionCount"], connect["lastCloseReason"], connect["maxObservedTimestamp"]},
		fmt.Sprintf(`[1,"InvalidStartVersion",%q]`, encodeTs(7)))
	jsonEqual(t, conn2.next("ModifyQuerySet"), `{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,
		"modifications":[{"type":"Add","queryId":0,"udfPath":"q:a","args":[{}]}]}`)
	// The new session starts from version zero again.
	conn2.send(transition(version(0, 0, 0), version(1, 0, 9), updated(0, 3)))
	if r := nextResult(t, sub); string(r.Value) != "3" {
		t.Fatalf("after reconnect got %s", r.Value)
	}
}

func TestChunkedTransitionIsReassembled(t *testing.T) {
	s := newScriptServer(t)
	c, _ := newTestClient(t, s)
	sub, _ := c.Subscribe(context.Background(), "q:big", nil)
	conn := s.acceptSession()
	whole, _ := json.Marshal(transition(version(0, 0, 0), version(1, 0, 1), updated(0, strings.Repeat("z", 100))))
	third := len(whole) / 3
	parts := []string{string(whole[:third]), string(whole[third : 2*third]), string(whole[2*third:])}
	for i, p := range parts {
		conn.send(map[string]any{"type": "TransitionChunk", "chunk": p, "partNumber": i, "totalParts": 3, "transitionId": "t1"})
	}
	if r := nextResult(t, sub); string(r.Value) != `"`+strings.Repeat("z", 100)+`"` {
		t.Fatalf("got %s", r.Value)
	}
}

func TestSlowConsumerSeesTheLatestValue(t *testing.T) {
	s := newScriptServer(t)
	c, _ := newTestClient(t, s)
	sub, _ := c.Subscribe(context.Background(), "q:counter", nil)
	conn := s.acceptSession()
	for i := range 50 {
		conn.send(transition(version(min(i, 1), 0, uint64(i)), version(1, 0, uint64(i+1)), updated(0, i)))
	}
	// Only the newest value is kept; wait for it, then nothing is queued.
	for {
		r := nextResult(t, sub)
		if string(r.Value) == "49" {
			break
		}
	}
	noResult(t, sub)
}

func TestQueryFailureIsAnItemAndTheWatchGoesOn(t *testing.T) {
	s := newScriptServer(t)
	c, _ := newTestClient(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type item struct {
		v   []string
		err error
	}
	items := make(chan item, 8)
	go func() {
		for v, err := range Watch[[]string](ctx, c, "messages:list", nil) {
			items <- item{v, err}
		}
		close(items)
	}()
	conn := s.acceptSession()
	conn.send(transition(version(0, 0, 0), version(1, 0, 1), map[string]any{
		"type": "QueryFailed", "queryId": 0, "errorMessage": "no channel", "errorData": map[string]any{"code": "missing"}, "logLines": []string{},
	}))
	first := <-items
	var ce *convex.ConvexError
	if !errors.As(first.err, &ce) || ce.Message != "no channel" || ce.Path != "messages:list" {
		t.Fatalf("first item %v %v, want a ConvexError", first.v, first.err)
	}
	conn.send(transition(version(1, 0, 1), version(1, 0, 2), updated(0, []string{"hi"})))
	if second := <-items; second.err != nil || len(second.v) != 1 || second.v[0] != "hi" {
		t.Fatalf("second item %v %v", second.v, second.err)
	}
	cancel()
	last := <-items
	if !errors.Is(last.err, context.Canceled) {
		t.Fatalf("last item %v, want context.Canceled", last.err)
	}
	if _, open := <-items; open {
		t.Fatal("items after the terminal error")
	}
}

// jwt builds an unsigned token with iat and exp; the client only reads them.
func jwt(iat, exp time.Time, id string) string {
	enc := base64.RawURLEncoding.EncodeToString
	payload, _ := json.Marshal(map[string]any{"iat": iat.Unix(), "exp": exp.Unix(), "jti": id})
	return enc([]byte(`{"alg":"RS256"}`)) + "." + enc(payload) + "." + enc([]byte("sig-"+id))
}

// tokenScript answers the client's token requests from a list, recording
// whether each asked for a forced refresh.
type tokenScript struct {
	mu     sync.Mutex
	next   []func() (string, error)
	forced []bool
}

func (ts *tokenScript) source(ctx context.Context, force bool) (string, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.forced = append(ts.forced, force)
	if len(ts.next) == 0 {
		return "", errors.New("tokenScript: no more tokens")
	}
	f := ts.next[0]
	ts.next = ts.next[1:]
	return f()
}

func token(s string) func() (string, error) { return func() (string, error) { return s, nil } }

func TestTokenIsConfirmedRefreshedAndReplacedBeforeExpiry(t *testing.T) {
	s := newScriptServer(t)
	clock := newFakeClock()
	now := clock.Now()
	t1, t2, t3 := jwt(now, now.Add(15*time.Minute), "1"), jwt(now, now.Add(15*time.Minute), "2"), jwt(now, now.Add(30*time.Minute), "3")
	ts := &tokenScript{next: []func() (string, error){token(t1), token(t2), token(t3)}}
	c, err := New(s.srv.URL, WithClock(clock), WithJitter(func() float64 { return 0.5 }), WithTokenSource(ts.source),
		WithInactivityTimeout(time.Hour)) // no pings in this script
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sub, _ := c.Subscribe(context.Background(), "auth:getCurrentUser", nil)
	conn := s.accept()
	conn.next("Connect")
	jsonEqual(t, conn.next("Authenticate"), fmt.Sprintf(`{"type":"Authenticate","baseVersion":0,"tokenType":"User","value":%q}`, t1))
	conn.next("ModifyQuerySet")
	conn.send(transition(version(0, 0, 0), version(1, 1, 1), updated(0, map[string]any{"name": "Ada"})))
	nextResult(t, sub)
	// Confirmed: the cached token is replaced by a fresh one at once.
	jsonEqual(t, conn.next("Authenticate"), fmt.Sprintf(`{"type":"Authenticate","baseVersion":1,"tokenType":"User","value":%q}`, t2))
	conn.send(transition(version(1, 1, 1), version(1, 2, 2)))
	// The fresh token is replaced 10 s before it expires.
	waitFor(t, func() bool { return slices.Contains(clock.pending(), 15*time.Minute-10*time.Second) })
	clock.Advance(15*time.Minute - 10*time.Second)
	jsonEqual(t, conn.next("Authenticate"), fmt.Sprintf(`{"type":"Authenticate","baseVersion":2,"tokenType":"User","value":%q}`, t3))
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if fmt.Sprint(ts.forced) != "[false true true]" {
		t.Fatalf("token requests forced %v, want [false true true]", ts.forced)
	}
}

func TestAuthErrorRestartsTheSessionWithAFreshToken(t *testing.T) {
	s := newScriptServer(t)
	clock := newFakeClock()
	now := clock.Now()
	t1, t2 := jwt(now, now.Add(time.Minute), "1"), jwt(now, now.Add(15*time.Minute), "2")
	ts := &tokenScript{next: []func() (string, error){token(t1), token(t2)}}
	c, _ := New(s.srv.URL, WithClock(clock), WithTokenSource(ts.source))
	defer c.Close()
	sub, _ := c.Subscribe(context.Background(), "q:x", nil)
	conn := s.accept()
	conn.next("Connect")
	conn.next("Authenticate")
	conn.next("ModifyQuerySet")
	conn.send(map[string]any{"type": "AuthError", "error": "Token expired", "baseVersion": 0, "authUpdateAttempted": true})
	conn2 := s.accept()
	connect := conn2.next("Connect")
	jsonEqual(t, []any{connect["connectionCount"], connect["lastCloseReason"]}, `[1,null]`)
	jsonEqual(t, conn2.next("Authenticate"), fmt.Sprintf(`{"type":"Authenticate","baseVersion":0,"tokenType":"User","value":%q}`, t2))
	conn2.next("ModifyQuerySet")
	conn2.send(transition(version(0, 0, 0), version(1, 1, 1), updated(0, "ok")))
	if r := nextResult(t, sub); string(r.Value) != `"ok"` {
		t.Fatalf("got %s", r.Value)
	}
}

func TestSignedOutSessionEndsTheWatchWithoutLeakingTheToken(t *testing.T) {
	s := newScriptServer(t)
	clock := newFakeClock()
	t1 := jwt(clock.Now(), clock.Now().Add(time.Minute), "secret")
	ts := &tokenScript{next: []func() (string, error){token(t1), token("")}}
	c, _ := New(s.srv.URL, WithClock(clock), WithTokenSource(ts.source))
	defer c.Close()
	sub, _ := c.Subscribe(context.Background(), "q:x", nil)
	conn := s.accept()
	conn.next("Connect")
	conn.next("Authenticate")
	conn.next("ModifyQuerySet")
	conn.send(map[string]any{"type": "AuthError", "error": "Token expired", "baseVersion": 0, "authUpdateAttempted": true})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := sub.Next(ctx)
	if !errors.Is(err, convex.ErrUnauthenticated) {
		t.Fatalf("Next: %v, want ErrUnauthenticated", err)
	}
	if strings.Contains(err.Error(), t1) || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error %q contains the token", err)
	}
	<-c.Done()
	if !errors.Is(c.Err(), convex.ErrUnauthenticated) {
		t.Fatalf("client error %v", c.Err())
	}
	if _, err := c.Subscribe(ctx, "q:y", nil); !errors.Is(err, convex.ErrUnauthenticated) {
		t.Fatalf("Subscribe after the end: %v", err)
	}
}

func TestTokenEndpointDownIsAnErrorItemNotASignOut(t *testing.T) {
	s := newScriptServer(t)
	clock := newFakeClock()
	t1 := jwt(clock.Now(), clock.Now().Add(time.Minute), "1")
	down := func() (string, error) { return "", errors.New("token endpoint: 503") }
	ts := &tokenScript{next: []func() (string, error){down, token(t1)}}
	c, _ := New(s.srv.URL, WithClock(clock), WithJitter(func() float64 { return 0.5 }), WithTokenSource(ts.source))
	defer c.Close()
	sub, _ := c.Subscribe(context.Background(), "q:x", nil)
	if r := nextResult(t, sub); r.Err == nil || !strings.Contains(r.Err.Error(), "503") {
		t.Fatalf("first item %s %v, want the token endpoint's error", r.Value, r.Err)
	}
	waitFor(t, func() bool { return len(clock.pending()) > 0 })
	clock.Advance(time.Second)
	conn := s.accept()
	conn.next("Connect")
	jsonEqual(t, conn.next("Authenticate")["value"], fmt.Sprintf("%q", t1))
}

func TestInactiveServerIsReplaced(t *testing.T) {
	s := newScriptServer(t)
	c, clock := newTestClient(t, s)
	c.Subscribe(context.Background(), "q:x", nil)
	conn := s.acceptSession()
	conn.send(map[string]any{"type": "Ping"})
	clock.Advance(DefaultInactivityTimeout)
	waitFor(t, func() bool { return len(clock.pending()) > 0 && clock.pending()[0] == 100*time.Millisecond })
	clock.Advance(100 * time.Millisecond)
	conn2 := s.accept()
	jsonEqual(t, conn2.next("Connect")["lastCloseReason"], `"InactiveServer"`)
}

func TestBackoffDoublesUpToTheMaximum(t *testing.T) {
	s := newScriptServer(t)
	c, clock := newTestClient(t, s)
	c.Subscribe(context.Background(), "q:x", nil)
	var delays []time.Duration
	for range 6 {
		conn := s.accept()
		conn.next("Connect")
		conn.ws.CloseNow()
		waitFor(t, func() bool { p := clock.pending(); return len(p) > 0 && p[0] < DefaultInactivityTimeout })
		d := clock.pending()[0]
		delays = append(delays, d)
		clock.Advance(d)
	}
	if fmt.Sprint(delays) != "[1s 2s 4s 8s 16s 16s]" {
		t.Fatalf("backoff %v, want [1s 2s 4s 8s 16s 16s]", delays)
	}
}

func TestFatalErrorEndsEveryWatch(t *testing.T) {
	s := newScriptServer(t)
	c, _ := newTestClient(t, s)
	sub, _ := c.Subscribe(context.Background(), "q:x", nil)
	conn := s.acceptSession()
	conn.send(map[string]any{"type": "FatalError", "error": "InvalidClientVersion"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := sub.Next(ctx); err == nil || !strings.Contains(err.Error(), "InvalidClientVersion") {
		t.Fatalf("Next: %v", err)
	}
}

// waitFor polls cond: timers are set by the client's goroutine.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestIdleClientClosesItself(t *testing.T) {
	s := newScriptServer(t)
	c, clock := newTestClient(t, s, WithIdleTimeout(5*time.Minute))
	sub, _ := c.Subscribe(context.Background(), "q:x", nil)
	conn := s.acceptSession()
	sub.Close()
	conn.next("ModifyQuerySet")
	waitFor(t, func() bool { return slices.Contains(clock.pending(), 5*time.Minute) })
	clock.Advance(5 * time.Minute)
	select {
	case <-c.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the idle client stayed open")
	}
	if !errors.Is(c.Err(), ErrClientClosed) {
		t.Fatalf("Err() = %v", c.Err())
	}
}

func TestCloseWithErrorEndsEverySubscriptionWithIt(t *testing.T) {
	s := newScriptServer(t)
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	a, _ := c.Subscribe(ctx, "messages:list", nil)
	b, _ := c.Subscribe(ctx, "messages:count", nil)
	s.acceptSession()
	signedOut := fmt.Errorf("signed out: %w", convex.ErrUnauthenticated)
	c.CloseWithError(signedOut)
	for _, sub := range []*Subscription{a, b} {
		if _, err := sub.Next(ctx); err != signedOut {
			t.Fatalf("Next after CloseWithError: %v, want the owner's error", err)
		}
	}
	if err := c.Err(); err != signedOut {
		t.Fatalf("Err: %v", err)
	}
	if _, err := c.Subscribe(ctx, "messages:list", nil); err != signedOut {
		t.Fatalf("Subscribe after CloseWithError: %v", err)
	}
	// The first reason stays: a later Close does not rewrite it.
	c.Close()
	if err := c.Err(); err != signedOut {
		t.Fatalf("Err after Close: %v", err)
	}
}

func TestWaitingNextIsWokenOnlyByItsOwnEvents(t *testing.T) {
	s := newScriptServer(t)
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	a, _ := c.Subscribe(ctx, "q:x", nil)
	b, _ := c.Subscribe(ctx, "q:x", nil)
	conn := s.acceptSession()
	type item struct {
		r   Result
		err error
	}
	next := func(sub *Subscription) chan item {
		ch := make(chan item, 1)
		go func() {
			r, err := sub.Next(ctx)
			ch <- item{r, err}
		}()
		return ch
	}
	receive := func(ch chan item) item {
		t.Helper()
		select {
		case it := <-ch:
			return it
		case <-time.After(10 * time.Second):
			t.Fatal("Next did not return")
			return item{}
		}
	}
	// Both wait on their shared query; closing a wakes a alone.
	fromA, fromB := next(a), next(b)
	time.Sleep(50 * time.Millisecond)
	a.Close()
	if it := receive(fromA); !errors.Is(it.err, ErrClosed) {
		t.Fatalf("closed subscription's Next: %v", it.err)
	}
	select {
	case it := <-fromB:
		t.Fatalf("the other subscriber woke with %s %v", it.r.Value, it.err)
	case <-time.After(100 * time.Millisecond):
	}
	conn.quiet() // b keeps the query in the server's set
	conn.send(transition(version(0, 0, 0), version(1, 0, 1), updated(0, "x")))
	if it := receive(fromB); it.err != nil || string(it.r.Value) != `"x"` {
		t.Fatalf("other subscriber: %s %v", it.r.Value, it.err)
	}
	// A Next waiting when the client stops returns why it stopped.
	fromB = next(b)
	time.Sleep(50 * time.Millisecond)
	stopped := errors.New("owner stopped")
	c.CloseWithError(stopped)
	if it := receive(fromB); it.err != stopped {
		t.Fatalf("Next when the client stopped: %v", it.err)
	}
}

// tokenError reads the next Result, which must be the token endpoint's error.
func tokenError(t *testing.T, sub *Subscription) {
	t.Helper()
	if r := nextResult(t, sub); r.Err == nil || !strings.Contains(r.Err.Error(), "fetching the session's token") {
		t.Fatalf("got %s %v, want the token endpoint's error", r.Value, r.Err)
	}
}

// A refresh fetch that fails shows its error in place of every query's
// result; once a token is fetched again, each query shows its result again.
// The server sends nothing for it: after an identity change the backend
// drops every result whose hash did not change, so the client must not wait
// for one.
func TestResultAfterATokenErrorIsShownAgain(t *testing.T) {
	for _, tc := range []struct {
		name    string
		retried string // "2": a new token is sent; "1": the same token, nothing is sent
	}{{"new token", "2"}, {"same token", "1"}} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScriptServer(t)
			clock := newFakeClock()
			tokens := map[string]string{
				"1": jwt(clock.Now(), clock.Now().Add(time.Minute), "1"),
				"2": jwt(clock.Now(), clock.Now().Add(2*time.Minute), "2"),
			}
			down := func() (string, error) { return "", errors.New("token endpoint: 503") }
			// The fresh token fetched once t1 is confirmed fails, its retry works.
			ts := &tokenScript{next: []func() (string, error){token(tokens["1"]), down, token(tokens[tc.retried])}}
			c, _ := New(s.srv.URL, WithClock(clock), WithJitter(func() float64 { return 0.5 }), WithTokenSource(ts.source))
			defer c.Close()
			sub, _ := c.Subscribe(context.Background(), "q:x", nil)
			conn := s.accept()
			conn.next("Connect")
			conn.next("Authenticate")
			conn.next("ModifyQuerySet")
			conn.send(transition(version(0, 0, 0), version(1, 0, 1), updated(0, "x")))
			if r := nextResult(t, sub); string(r.Value) != `"x"` {
				t.Fatalf("first result %s %v", r.Value, r.Err)
			}
			conn.send(transition(version(1, 0, 1), version(1, 1, 2))) // t1 confirmed: a fresh one is fetched, and fails
			tokenError(t, sub)
			waitFor(t, func() bool { return slices.Contains(clock.pending(), time.Second) })
			clock.Advance(time.Second)
			if r := nextResult(t, sub); r.Err != nil || string(r.Value) != `"x"` {
				t.Fatalf("after the token came back: %s %v, want \"x\"", r.Value, r.Err)
			}
			// A watcher joining now starts with the value, not the old error.
			late, _ := c.Subscribe(context.Background(), "q:x", nil)
			if r := nextResult(t, late); r.Err != nil || string(r.Value) != `"x"` {
				t.Fatalf("late subscriber: %s %v, want \"x\"", r.Value, r.Err)
			}
			if tc.retried == "1" {
				conn.quiet()
				return
			}
			jsonEqual(t, conn.next("Authenticate")["value"], fmt.Sprintf("%q", tokens["2"]))
			// What the backend answers: the identity, and no unchanged result.
			conn.send(transition(version(1, 1, 2), version(1, 2, 3)))
			noResult(t, sub)
			conn.send(transition(version(1, 2, 3), version(1, 2, 4), updated(0, "y")))
			if r := nextResult(t, sub); string(r.Value) != `"y"` {
				t.Fatalf("next change: %s %v", r.Value, r.Err)
			}
		})
	}
}

// Through failed retries, each query gets back the result the first error
// replaced, or a newer one the server sent meanwhile; a failed query gets
// its failure back; a query with no result yet keeps the error until the
// server answers it.
func TestEveryKindOfResultIsShownAgainAfterTokenErrors(t *testing.T) {
	s := newScriptServer(t)
	clock := newFakeClock()
	t1 := jwt(clock.Now(), clock.Now().Add(time.Minute), "1")
	t2 := jwt(clock.Now(), clock.Now().Add(2*time.Minute), "2")
	down := func() (string, error) { return "", errors.New("token endpoint: 503") }
	ts := &tokenScript{next: []func() (string, error){token(t1), down, down, token(t2)}}
	c, _ := New(s.srv.URL, WithClock(clock), WithJitter(func() float64 { return 0.5 }), WithTokenSource(ts.source))
	defer c.Close()
	ctx := context.Background()
	value, _ := c.Subscribe(ctx, "q:value", nil)
	conn := s.accept()
	conn.next("Connect")
	conn.next("Authenticate")
	conn.next("ModifyQuerySet")
	subs := []*Subscription{value}
	for _, path := range []string{"q:failed", "q:updated", "q:unanswered", "q:closed"} {
		sub, _ := c.Subscribe(ctx, path, nil)
		conn.next("ModifyQuerySet")
		subs = append(subs, sub)
	}
	failed, updatedSub, unanswered, closed := subs[1], subs[2], subs[3], subs[4]
	conn.send(transition(version(0, 0, 0), version(5, 0, 1), updated(0, "v"), map[string]any{
		"type": "QueryFailed", "queryId": 1, "errorMessage": "no channel", "logLines": []string{},
	}, updated(2, "u0"), updated(4, "c")))
	for _, sub := range []*Subscription{value, failed, updatedSub, closed} {
		nextResult(t, sub)
	}
	conn.send(transition(version(5, 0, 1), version(5, 1, 2))) // t1 confirmed; the fresh fetch fails
	for _, sub := range subs {
		tokenError(t, sub)
	}
	// While the endpoint is down the server updates one query, and
	// another is closed.
	conn.send(transition(version(5, 1, 2), version(5, 1, 3), updated(2, "u1")))
	if r := nextResult(t, updatedSub); string(r.Value) != `"u1"` {
		t.Fatalf("update while the token endpoint is down: %s %v", r.Value, r.Err)
	}
	closed.Close()
	conn.next("ModifyQuerySet")
	waitFor(t, func() bool { return slices.Contains(clock.pending(), time.Second) })
	clock.Advance(time.Second) // the retry fails too
	for _, sub := range []*Subscription{value, failed, updatedSub, unanswered} {
		tokenError(t, sub)
	}
	// The update reset the backoff: the next retry is 1 s away again.
	waitFor(t, func() bool { return slices.Contains(clock.pending(), time.Second) })
	clock.Advance(time.Second)
	jsonEqual(t, conn.next("Authenticate")["value"], fmt.Sprintf("%q", t2))
	if r := nextResult(t, value); r.Err != nil || string(r.Value) != `"v"` {
		t.Fatalf("value: %s %v", r.Value, r.Err)
	}
	var fe *convex.FunctionError
	if r := nextResult(t, failed); !errors.As(r.Err, &fe) || fe.Message != "no channel" {
		t.Fatalf("failed query: %s %v, want its failure", r.Value, r.Err)
	}
	if r := nextResult(t, updatedSub); r.Err != nil || string(r.Value) != `"u1"` {
		t.Fatalf("updated query: %s %v, want the update", r.Value, r.Err)
	}
	noResult(t, unanswered)
	conn.send(transition(version(5, 1, 3), version(6, 2, 4), updated(3, "first")))
	if r := nextResult(t, unanswered); r.Err != nil || string(r.Value) != `"first"` {
		t.Fatalf("unanswered query: %s %v, want its first result", r.Value, r.Err)
	}
}

// Closed queries stay in the loop's id-ordered set until they are half of
// it; until then and after, updates reach the open ones, not the closed,
// and a restart replays only the open ones.
func TestClosingMostQueriesKeepsTheRestLive(t *testing.T) {
	s := newScriptServer(t)
	c, clock := newTestClient(t, s)
	ctx := context.Background()
	first, _ := c.Subscribe(ctx, "q:f0", nil)
	conn := s.acceptSession()
	subs := []*Subscription{first}
	for i := 1; i < 6; i++ {
		sub, _ := c.Subscribe(ctx, fmt.Sprintf("q:f%d", i), nil)
		conn.next("ModifyQuerySet")
		subs = append(subs, sub)
	}
	for _, i := range []int{2, 0, 1} { // three of six: not yet compacted
		subs[i].Close()
		jsonEqual(t, conn.next("ModifyQuerySet")["modifications"], fmt.Sprintf(`[{"type":"Remove","queryId":%d}]`, i))
	}
	conn.send(transition(version(0, 0, 0), version(9, 0, 1), updated(1, "gone"), updated(4, "four")))
	if r := nextResult(t, subs[4]); string(r.Value) != `"four"` {
		t.Fatalf("open query among closed ones: %s %v", r.Value, r.Err)
	}
	subs[3].Close() // four of six: compacted
	conn.next("ModifyQuerySet")
	again, _ := c.Subscribe(ctx, "q:f0", nil) // a new query, id 6
	conn.next("ModifyQuerySet")
	conn.send(transition(version(9, 0, 1), version(11, 0, 2), updated(3, "gone"), updated(5, "five"), updated(6, "six")))
	if r := nextResult(t, subs[5]); string(r.Value) != `"five"` {
		t.Fatalf("after compaction: %s %v", r.Value, r.Err)
	}
	if r := nextResult(t, again); string(r.Value) != `"six"` {
		t.Fatalf("resubscribed query: %s %v", r.Value, r.Err)
	}
	conn.send(transition(version(9, 0, 1), version(11, 0, 3))) // does not chain: restart
	waitFor(t, func() bool { return slices.Contains(clock.pending(), 100*time.Millisecond) })
	clock.Advance(100 * time.Millisecond)
	conn2 := s.accept()
	conn2.next("Connect")
	jsonEqual(t, conn2.next("ModifyQuerySet")["modifications"], `[
		{"type":"Add","queryId":4,"udfPath":"q:f4","args":[{}]},
		{"type":"Add","queryId":5,"udfPath":"q:f5","args":[{}]},
		{"type":"Add","queryId":6,"udfPath":"q:f0","args":[{}]}]`)
}
