package authtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/convex"
	"github.com/authgen/authgen/convex/live"
)

// board is a tiny app: a shared message list, a query that says who reads
// it, and a mutation that appends to it.
type board struct {
	mu   sync.Mutex
	msgs []string
}

func registerBoard(d *authtest.Deployment) *board {
	b := &board{msgs: []string{}}
	authtest.Query(d, "messages:list", func(_ context.Context, _ *authtest.Identity, _ struct{}) ([]string, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		return slices.Clone(b.msgs), nil
	})
	authtest.Query(d, "auth:whoami", func(_ context.Context, id *authtest.Identity, _ struct{}) (*string, error) {
		if id == nil {
			return nil, nil
		}
		name := id.Name()
		return &name, nil
	})
	authtest.Query(d, "messages:broken", func(_ context.Context, _ *authtest.Identity, _ struct{}) (string, error) {
		return "", authtest.ConvexError(map[string]any{"code": "broken"})
	})
	authtest.Mutation(d, "messages:send", func(_ context.Context, _ *authtest.Identity, args struct{ Body string }) (any, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.msgs = append(b.msgs, args.Body)
		return nil, nil
	})
	return b
}

type item[T any] struct {
	v   T
	err error
}

// collect runs a watch in the background and hands its items to the test.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) <-chan item[T] {
	t.Helper()
	out := make(chan item[T], 64)
	go func() {
		defer close(out)
		for v, err := range seq {
			out <- item[T]{v, err}
		}
	}()
	return out
}

func receive[T any](t *testing.T, ch <-chan item[T]) item[T] {
	t.Helper()
	select {
	case it, ok := <-ch:
		if !ok {
			t.Fatal("the watch ended")
		}
		return it
	case <-time.After(10 * time.Second):
		t.Fatal("no update within 10 s")
	}
	return item[T]{}
}

func TestSyncServerPushesChangesAfterMutations(t *testing.T) {
	d := authtest.New(t)
	registerBoard(d)
	lc, err := live.New(d.ConvexURL())
	if err != nil {
		t.Fatal(err)
	}
	defer lc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	updates := collect(t, live.Watch[[]string](ctx, lc, "messages:list", nil))
	if it := receive(t, updates); it.err != nil || len(it.v) != 0 {
		t.Fatalf("first item %v %v, want []", it.v, it.err)
	}
	hc, err := convex.NewClient(d.ConvexURL())
	if err != nil {
		t.Fatal(err)
	}
	if err := hc.Call(ctx, convex.KindMutation, "messages:send", map[string]any{"Body": "hello"}, nil); err != nil {
		t.Fatal(err)
	}
	if it := receive(t, updates); it.err != nil || !slices.Equal(it.v, []string{"hello"}) {
		t.Fatalf("after send: %v %v", it.v, it.err)
	}
	// A failing query is an item, not the end.
	broken := collect(t, live.Watch[string](ctx, lc, "messages:broken", nil))
	var ce *convex.ConvexError
	if it := receive(t, broken); !errors.As(it.err, &ce) {
		t.Fatalf("broken query: %v, want a ConvexError", it.err)
	}
}

func TestSyncServerRunsQueriesAsTheSignedInUser(t *testing.T) {
	d := authtest.New(t)
	registerBoard(d)
	cookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	jwt := d.Token(t, cookies)
	lc, err := live.New(d.ConvexURL(), live.WithTokenSource(func(context.Context, bool) (string, error) { return jwt, nil }))
	if err != nil {
		t.Fatal(err)
	}
	defer lc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	who := collect(t, live.Watch[*string](ctx, lc, "auth:whoami", nil))
	// The query set can be answered before the identity is: wait for Ada.
	for {
		it := receive(t, who)
		if it.err != nil {
			t.Fatal(it.err)
		}
		if it.v != nil && *it.v == "Ada" {
			break
		}
	}
	var authenticates int
	for _, m := range d.SyncMessages() {
		if strings.Contains(string(m), `"type":"Authenticate"`) {
			authenticates++
		}
	}
	if authenticates == 0 {
		t.Fatal("the client never authenticated")
	}
}

// tokenEndpoint is a live.TokenSource as an app's server has one: the
// session's current token first, then tokens minted by GET
// {BasePath}/convex/token with the session cookie, so the deployment's
// injected token failures reach the client. Minting waits for open to be
// closed.
func tokenEndpoint(d *authtest.Deployment, cookies []*http.Cookie, current string, open <-chan struct{}) live.TokenSource {
	return func(ctx context.Context, force bool) (string, error) {
		if !force {
			return current, nil
		}
		select {
		case <-open:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.AuthURL("convex/token"), nil)
		if err != nil {
			return "", err
		}
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		var minted struct{ Token string }
		if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &minted) != nil {
			return "", fmt.Errorf("token endpoint: status %d: %s", resp.StatusCode, body)
		}
		return minted.Token, nil
	}
}

// The token endpoint fails once, at the refresh that follows the first
// token's confirmation, after the watch has shown its result: the watch
// shows that error, and once the retry mints a token, the result again,
// though the server sends no modification for an unchanged result after
// the identity change. A watch started then starts with the result.
func TestSyncServerResultIsShownAgainAfterATokenEndpointFailure(t *testing.T) {
	d := authtest.New(t)
	registerBoard(d)
	cookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	refresh := make(chan struct{})
	lc, err := live.New(d.ConvexURL(), live.WithTokenSource(tokenEndpoint(d, cookies, d.Token(t, cookies), refresh)))
	if err != nil {
		t.Fatal(err)
	}
	defer lc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	who := collect(t, live.Watch[*string](ctx, lc, "auth:whoami", nil))
	ada := func(it item[*string]) bool { return it.err == nil && it.v != nil && *it.v == "Ada" }
	// The query set can be answered before the identity is: wait for Ada.
	for it := receive(t, who); !ada(it); it = receive(t, who) {
		if it.err != nil {
			t.Fatal(it.err)
		}
	}
	d.FailTokenEndpoint(http.StatusServiceUnavailable, 1)
	close(refresh)
	if it := receive(t, who); it.err == nil || !strings.Contains(it.err.Error(), "status 503") {
		t.Fatalf("item %v %v, want the token endpoint's 503", it.v, it.err)
	}
	if it := receive(t, who); !ada(it) {
		t.Fatalf("after the token endpoint recovered: %v %v, want Ada", it.v, it.err)
	}
	if it := receive(t, collect(t, live.Watch[*string](ctx, lc, "auth:whoami", nil))); !ada(it) {
		t.Fatalf("a watch started after the recovery begins with %v %v, want Ada", it.v, it.err)
	}
}

func TestSyncServerReplaysAfterTheSocketDrops(t *testing.T) {
	d := authtest.New(t)
	b := registerBoard(d)
	lc, _ := live.New(d.ConvexURL())
	defer lc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	updates := collect(t, live.Watch[[]string](ctx, lc, "messages:list", nil))
	receive(t, updates)
	d.DropSyncSockets()
	b.mu.Lock()
	b.msgs = append(b.msgs, "while away")
	b.mu.Unlock()
	if it := receive(t, updates); it.err != nil || !slices.Equal(it.v, []string{"while away"}) {
		t.Fatalf("after reconnect: %v %v", it.v, it.err)
	}
}

func TestSyncServerChunksLargeTransitions(t *testing.T) {
	d := authtest.New(t, authtest.WithSyncChunkSize(64))
	b := registerBoard(d)
	b.msgs = []string{strings.Repeat("x", 500), strings.Repeat("y", 300)}
	lc, _ := live.New(d.ConvexURL())
	defer lc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if it := receive(t, collect(t, live.Watch[[]string](ctx, lc, "messages:list", nil))); it.err != nil || len(it.v) != 2 || len(it.v[0]) != 500 {
		t.Fatalf("chunked value: %d items, %v", len(it.v), it.err)
	}
}

func TestSyncServerEndsSessionsThatBreakTheVersionChain(t *testing.T) {
	d := authtest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, strings.Replace(d.ConvexURL(), "http", "ws", 1)+"/api/sync", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	for _, m := range []string{
		`{"type":"Connect","sessionId":"s","connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":0}`,
		`{"type":"ModifyQuerySet","baseVersion":3,"newVersion":4,"modifications":[]}`,
	} {
		if err := ws.Write(ctx, websocket.MessageText, []byte(m)); err != nil {
			t.Fatal(err)
		}
	}
	_, data, err := ws.Read(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var msg struct{ Type, Error string }
	if err := json.Unmarshal(data, &msg); err != nil || msg.Type != "FatalError" || !strings.Contains(msg.Error, "version 3") {
		t.Fatalf("got %s, want a FatalError about the base version", data)
	}
}

// TestSyncServerRunsOnlyAddedQueries checks the cost model the benchmarks
// rely on: adding a query runs that query, not the whole query set again;
// a mutation still re-runs every subscribed query.
func TestSyncServerRunsOnlyAddedQueries(t *testing.T) {
	d := authtest.New(t)
	var mu sync.Mutex
	runs := map[int]int{}
	authtest.Query(d, "bench:item", func(_ context.Context, _ *authtest.Identity, args struct{ I int }) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		runs[args.I]++
		return args.I, nil
	})
	authtest.Mutation(d, "bench:touch", func(context.Context, *authtest.Identity, struct{}) (any, error) { return nil, nil })
	lc, err := live.New(d.ConvexURL())
	if err != nil {
		t.Fatal(err)
	}
	defer lc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for i := range 3 {
		if it := receive(t, collect(t, live.Watch[int](ctx, lc, "bench:item", map[string]any{"I": i}))); it.err != nil || it.v != i {
			t.Fatalf("item %d: %v %v", i, it.v, it.err)
		}
	}
	count := func() map[int]int {
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(runs)
	}
	if got := count(); !maps.Equal(got, map[int]int{0: 1, 1: 1, 2: 1}) {
		t.Fatalf("runs after adding three queries one by one: %v, want each once", got)
	}
	hc, err := convex.NewClient(d.ConvexURL())
	if err != nil {
		t.Fatal(err)
	}
	if err := hc.Call(ctx, convex.KindMutation, "bench:touch", nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := count(); !maps.Equal(got, map[int]int{0: 2, 1: 2, 2: 2}) {
		t.Fatalf("runs after a mutation: %v, want each re-run once", got)
	}
}
