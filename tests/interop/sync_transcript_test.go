package interop

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/convex"
	"github.com/authgen/authgen/convex/live"
	"github.com/authgen/authgen/internal/nodeharness"
)

var updateTranscripts = flag.Bool("update-transcripts", false, "rewrite testdata/sync/*.json from the official ConvexClient")

// The sync transcript test runs each scenario twice against a fresh fake
// deployment (authtest's sync endpoint): once with the official ConvexClient
// in Node, once with convex/live. What each client sent is recorded by the
// fake, redacted (session id, clock values, JWTs) and compared message by
// message. The official client's transcripts are kept in testdata/sync, and
// `make check` regenerates them, so a new convex release that changes the
// protocol shows up as a diff.

// syncDriver is one client under test.
type syncDriver interface {
	subscribe(t *testing.T, id, path string, args map[string]any)
	unsubscribe(t *testing.T, id string)
	setAuth(t *testing.T)
	// values returns the JSON of every value delivered for id, in order.
	values(t *testing.T, id string) []string
	close(t *testing.T)
}

// syncWorld is what a scenario acts on: the deployment, its clock, a
// signed-in user and a token URL minting that user's tokens on demand.
type syncWorld struct {
	d        *authtest.Deployment
	clock    *transcriptClock
	tokenURL string
	board    *syncBoard
	served   atomic.Int32 // tokens handed out by tokenURL
}

type transcriptClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *transcriptClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *transcriptClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type syncBoard struct {
	mu   sync.Mutex
	msgs []string
}

func newSyncWorld(t *testing.T) *syncWorld {
	t.Helper()
	w := &syncWorld{clock: &transcriptClock{now: time.Now()}, board: &syncBoard{msgs: []string{}}}
	w.d = authtest.New(t, authtest.WithClock(w.clock.Now))
	authtest.Query(w.d, "messages:list", func(_ context.Context, _ *authtest.Identity, args struct {
		Channel string `json:"channel,omitempty"`
	}) ([]string, error) {
		w.board.mu.Lock()
		defer w.board.mu.Unlock()
		out := []string{}
		for _, m := range w.board.msgs {
			if args.Channel == "" || strings.HasPrefix(m, args.Channel+":") {
				out = append(out, m)
			}
		}
		return out, nil
	})
	authtest.Query(w.d, "auth:whoami", func(_ context.Context, id *authtest.Identity, _ struct{}) (*string, error) {
		if id == nil {
			return nil, nil
		}
		name := id.Name()
		return &name, nil
	})
	cookies := w.d.SignUp(t, "ada@example.com", "password1234", "Ada")
	tokens := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
		// Both clients open their socket while the first token is fetched
		// and count that open as a connection; a token slower than a
		// loopback socket makes the order the same on every run.
		time.Sleep(300 * time.Millisecond)
		req, _ := http.NewRequest("GET", w.d.AuthURL("convex/token"), nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		var body struct{ Token string }
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			http.Error(rw, err.Error(), http.StatusBadGateway)
			return
		}
		io.WriteString(rw, body.Token)
		w.served.Add(1)
	}))
	t.Cleanup(tokens.Close)
	w.tokenURL = tokens.URL
	return w
}

func (w *syncWorld) post(msg string) {
	w.board.mu.Lock()
	w.board.msgs = append(w.board.msgs, msg)
	w.board.mu.Unlock()
}

// mutate posts msg through the deployment's HTTP API, which re-runs the
// subscribed queries as a real mutation would.
func (w *syncWorld) mutate(t *testing.T, msg string) {
	t.Helper()
	authtest.Mutation(w.d, "messages:send", func(_ context.Context, _ *authtest.Identity, args struct{ Body string }) (any, error) {
		w.post(args.Body)
		return nil, nil
	})
	hc, err := convex.NewClient(w.d.ConvexURL())
	if err != nil {
		t.Fatal(err)
	}
	if err := hc.Call(context.Background(), convex.KindMutation, "messages:send", map[string]any{"Body": msg}, nil); err != nil {
		t.Fatal(err)
	}
}

// waitValue waits until id's latest value is want (JSON).
func waitValue(t *testing.T, drv syncDriver, id, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		vs := drv.values(t, id)
		if len(vs) > 0 && vs[len(vs)-1] == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: values %v, want the latest to be %s", id, vs, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor polls cond for up to 30 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitMessages waits until the deployment has received n messages of type typ.
func waitMessages(t *testing.T, d *authtest.Deployment, typ string, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		got := 0
		for _, m := range d.SyncMessages() {
			if strings.Contains(string(m), `"type":"`+typ+`"`) {
				got++
			}
		}
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d %s messages, want %d", got, typ, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncScenarios are the protocol paths both clients walk through.
var syncScenarios = []struct {
	name string
	run  func(t *testing.T, w *syncWorld, drv syncDriver)
}{
	{"subscribe-update-unsubscribe", func(t *testing.T, w *syncWorld, drv syncDriver) {
		drv.subscribe(t, "all", "messages:list", map[string]any{})
		waitValue(t, drv, "all", `[]`)
		w.mutate(t, "b:hello")
		waitValue(t, drv, "all", `["b:hello"]`)
		drv.subscribe(t, "b", "messages:list", map[string]any{"channel": "b"})
		waitValue(t, drv, "b", `["b:hello"]`)
		drv.unsubscribe(t, "all")
		waitMessages(t, w.d, "ModifyQuerySet", 3)
	}},
	{"auth-refresh", func(t *testing.T, w *syncWorld, drv syncDriver) {
		drv.setAuth(t)
		drv.subscribe(t, "me", "auth:whoami", map[string]any{})
		waitValue(t, drv, "me", `"Ada"`)
		w.clock.advance(2 * time.Second) // the fresh token differs from the first
		waitMessages(t, w.d, "Authenticate", 1)
	}},
	{"auth-error", func(t *testing.T, w *syncWorld, drv syncDriver) {
		drv.setAuth(t)
		drv.subscribe(t, "me", "auth:whoami", map[string]any{})
		waitValue(t, drv, "me", `"Ada"`)
		// Both clients replace the first (cached) token once the server
		// confirms it; let that settle before the clock moves.
		waitFor(t, "two tokens fetched", func() bool { return w.served.Load() >= 2 })
		time.Sleep(500 * time.Millisecond)
		// The token expires: the deployment says so, the client fetches a
		// new one and starts a new session with it.
		w.clock.advance(20 * time.Minute)
		waitMessages(t, w.d, "Connect", 2)
		waitMessages(t, w.d, "ModifyQuerySet", 2)
	}},
	{"reconnect-replay", func(t *testing.T, w *syncWorld, drv syncDriver) {
		drv.subscribe(t, "all", "messages:list", map[string]any{})
		waitValue(t, drv, "all", `[]`)
		drv.subscribe(t, "me", "auth:whoami", map[string]any{})
		waitValue(t, drv, "me", `null`)
		w.d.DropSyncSockets()
		w.post("a:while away")
		waitValue(t, drv, "all", `["a:while away"]`)
		waitMessages(t, w.d, "ModifyQuerySet", 3)
	}},
}

func TestSyncTranscripts(t *testing.T) {
	for _, sc := range syncScenarios {
		t.Run(sc.name, func(t *testing.T) {
			official := transcript(t, sc.run, newNodeDriver)
			golden := filepath.Join("testdata", "sync", sc.name+".json")
			if *updateTranscripts {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, official, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			recorded, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v: run `go test ./tests/interop -run TestSyncTranscripts -update-transcripts`", err)
			}
			if !bytes.Equal(official, recorded) {
				t.Errorf("the official client's transcript differs from %s (a new convex release?):\n%s\nrecorded:\n%s", golden, official, recorded)
			}
			ours := transcript(t, sc.run, newGoDriver)
			if !bytes.Equal(ours, official) {
				t.Errorf("convex/live sent\n%s\nthe official ConvexClient sent\n%s", ours, official)
			}
		})
	}
}

// transcript runs a scenario with a new driver on a fresh world and returns
// what the client sent, redacted, one JSON message per line.
func transcript(t *testing.T, run func(*testing.T, *syncWorld, syncDriver), newDriver func(*testing.T, *syncWorld) syncDriver) []byte {
	t.Helper()
	w := newSyncWorld(t)
	drv := newDriver(t, w)
	run(t, w, drv)
	drv.close(t)
	var out bytes.Buffer
	for _, m := range w.d.SyncMessages() {
		out.Write(redactSyncMessage(t, m))
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// redactSyncMessage replaces what differs between runs (ids, clocks, JWTs)
// and writes the message with sorted keys.
func redactSyncMessage(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("client message %s: %v", raw, err)
	}
	for key, placeholder := range map[string]string{"sessionId": "<session>", "clientTs": "<ms>", "maxObservedTimestamp": "<ts>", "value": "<jwt>"} {
		if _, ok := m[key]; ok {
			m[key] = placeholder
		}
	}
	out, err := json.Marshal(m) // map keys sorted
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// nodeDriver controls sync-client.mjs.
type nodeDriver struct {
	url string
	hc  *http.Client
}

func newNodeDriver(t *testing.T, w *syncWorld) syncDriver {
	p := nodeharness.Start(t, "sync-client.mjs", nil, w.d.ConvexURL(), w.tokenURL)
	return &nodeDriver{url: p.URL, hc: nodeharness.NewHTTPClient()}
}

func (n *nodeDriver) call(t *testing.T, route string, body any, out any) {
	t.Helper()
	method, path, _ := strings.Cut(route, " ")
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, n.url+path, bytes.NewReader(data))
	resp, err := n.hc.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", route, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", route, resp.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: %v", route, err)
		}
	}
}

func (n *nodeDriver) subscribe(t *testing.T, id, path string, args map[string]any) {
	n.call(t, "POST /subscribe", map[string]any{"id": id, "path": path, "args": args}, nil)
}

func (n *nodeDriver) unsubscribe(t *testing.T, id string) {
	n.call(t, "POST /unsubscribe", map[string]any{"id": id}, nil)
}

func (n *nodeDriver) setAuth(t *testing.T) { n.call(t, "POST /auth", nil, nil) }

func (n *nodeDriver) values(t *testing.T, id string) []string {
	var updates []struct {
		ID    string          `json:"id"`
		Value json.RawMessage `json:"value"`
	}
	n.call(t, "GET /updates", nil, &updates)
	var out []string
	for _, u := range updates {
		if u.ID == id && u.Value != nil {
			out = append(out, string(u.Value))
		}
	}
	return out
}

func (n *nodeDriver) close(t *testing.T) { n.call(t, "POST /close", nil, nil) }

// goDriver runs convex/live in process.
type goDriver struct {
	w    *syncWorld
	c    *live.Client
	auth bool

	mu   sync.Mutex
	subs map[string]*live.Subscription
	seen map[string][]string
}

func newGoDriver(t *testing.T, w *syncWorld) syncDriver {
	return &goDriver{w: w, subs: map[string]*live.Subscription{}, seen: map[string][]string{}}
}

// client starts the live client on first use, as the official one connects
// when constructed but sends nothing before its first subscription.
func (g *goDriver) client(t *testing.T) *live.Client {
	if g.c != nil {
		return g.c
	}
	var opts []live.Option
	if g.auth {
		tokenURL := g.w.tokenURL
		opts = append(opts, live.WithTokenSource(func(ctx context.Context, _ bool) (string, error) {
			req, _ := http.NewRequestWithContext(ctx, "GET", tokenURL, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return "", err
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				return "", fmt.Errorf("token URL: %d %s", resp.StatusCode, b)
			}
			return string(b), err
		}))
	}
	c, err := live.New(g.w.d.ConvexURL(), append(opts, live.WithSyncPath("/api/"+officialConvexVersion(t)+"/sync"))...)
	if err != nil {
		t.Fatal(err)
	}
	g.c = c
	return c
}

func (g *goDriver) subscribe(t *testing.T, id, path string, args map[string]any) {
	sub, err := g.client(t).Subscribe(context.Background(), path, args)
	if err != nil {
		t.Fatal(err)
	}
	g.mu.Lock()
	g.subs[id] = sub
	g.mu.Unlock()
	go func() {
		for {
			r, err := sub.Next(context.Background())
			if err != nil {
				return
			}
			if r.Err == nil {
				g.mu.Lock()
				g.seen[id] = append(g.seen[id], string(r.Value))
				g.mu.Unlock()
			}
		}
	}()
}

func (g *goDriver) unsubscribe(t *testing.T, id string) {
	g.mu.Lock()
	sub := g.subs[id]
	g.mu.Unlock()
	sub.Close()
}

func (g *goDriver) setAuth(t *testing.T) { g.auth = true }

func (g *goDriver) values(t *testing.T, id string) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.seen[id])
}

func (g *goDriver) close(t *testing.T) {
	if g.c != nil {
		g.c.Close()
	}
}

// officialConvexVersion is the installed convex package's version; the
// official client puts it in the sync path (/api/<version>/sync).
func officialConvexVersion(t *testing.T) string {
	t.Helper()
	dir, err := nodeharness.NodeDir()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "node_modules", "convex", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	return pkg.Version
}
