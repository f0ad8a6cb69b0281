package live

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// scriptServer is a sync endpoint driven by the test: it hands each accepted
// socket to the test, which reads the client's messages and writes the
// server's, so every protocol rule is exercised exactly.
type scriptServer struct {
	t     *testing.T
	srv   *httptest.Server
	conns chan *scriptConn

	mu      sync.Mutex
	headers []http.Header
}

type scriptConn struct {
	t  *testing.T
	ws *websocket.Conn
	in chan map[string]any // client messages, in order
}

func newScriptServer(t *testing.T) *scriptServer {
	t.Helper()
	s := &scriptServer{t: t, conns: make(chan *scriptConn, 16)}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != DefaultSyncPath {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		s.headers = append(s.headers, r.Header.Clone())
		s.mu.Unlock()
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		c := &scriptConn{t: t, ws: ws, in: make(chan map[string]any, 64)}
		s.conns <- c
		for {
			_, data, err := ws.Read(context.Background())
			if err != nil {
				close(c.in)
				return
			}
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				t.Errorf("client sent invalid JSON %q: %v", data, err)
			}
			c.in <- m
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// accept waits for the client's next socket.
func (s *scriptServer) accept() *scriptConn {
	s.t.Helper()
	select {
	case c := <-s.conns:
		return c
	case <-time.After(10 * time.Second):
		s.t.Fatal("the client did not connect")
		return nil
	}
}

// acceptSession waits for the client's next socket and reads its Connect
// and first ModifyQuerySet (an anonymous session).
func (s *scriptServer) acceptSession() *scriptConn {
	s.t.Helper()
	c := s.accept()
	c.next("Connect")
	c.next("ModifyQuerySet")
	return c
}

// next returns the client's next message, which must be of type typ.
func (c *scriptConn) next(typ string) map[string]any {
	c.t.Helper()
	select {
	case m, ok := <-c.in:
		if !ok {
			c.t.Fatalf("socket closed while waiting for %s", typ)
		}
		if m["type"] != typ {
			c.t.Fatalf("client sent %v, want a %s", m, typ)
		}
		return m
	case <-time.After(10 * time.Second):
		c.t.Fatalf("no %s from the client", typ)
		return nil
	}
}

// quiet checks the client sends nothing more for a moment.
func (c *scriptConn) quiet() {
	c.t.Helper()
	select {
	case m, ok := <-c.in:
		if ok {
			c.t.Fatalf("unexpected client message %v", m)
		}
	case <-time.After(100 * time.Millisecond):
	}
}

func (c *scriptConn) send(msg any) {
	c.t.Helper()
	data, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.ws.Write(context.Background(), websocket.MessageText, data); err != nil {
		c.t.Fatalf("writing to the client: %v", err)
	}
}

func version(querySet, identity int, ts uint64) map[string]any {
	return map[string]any{"querySet": querySet, "identity": identity, "ts": encodeTs(ts)}
}

func transition(start, end map[string]any, mods ...map[string]any) map[string]any {
	if mods == nil {
		mods = []map[string]any{}
	}
	return map[string]any{"type": "Transition", "startVersion": start, "endVersion": end, "modifications": mods}
}

func updated(id int, value any) map[string]any {
	return map[string]any{"type": "QueryUpdated", "queryId": id, "value": value, "logLines": []string{}}
}

// fakeClock runs timers when the test advances it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	c    *fakeClock
	at   time.Time
	f    func()
	done bool
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_800_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	was := !t.done
	t.done = true
	return was
}

// Advance moves time on and runs the timers that fall due, in order.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*fakeTimer
	for _, t := range c.timers {
		if !t.done && !t.at.After(c.now) {
			t.done = true
			due = append(due, t)
		}
	}
	c.mu.Unlock()
	sort.Slice(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	for _, t := range due {
		t.f()
	}
}

// pending lists the delays of the timers not yet run, from now.
func (c *fakeClock) pending() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Duration
	for _, t := range c.timers {
		if !t.done {
			out = append(out, t.at.Sub(c.now))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
