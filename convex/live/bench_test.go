package live

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"
)

// BenchmarkWatchMemory reports the heap each subscription costs on one
// socket (its query, its Subscription and the loop's bookkeeping), at 1k
// and 10k distinct queries, once each has its first value.
//
//	go test ./convex/live -run '^$' -bench WatchMemory -benchtime 1x
func BenchmarkWatchMemory(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				t := &testing.T{}
				s := newScriptServer(t)
				c, _ := New(s.srv.URL)
				sub0, _ := c.Subscribe(context.Background(), "q:x", map[string]any{"i": -1})
				conn := s.accept()
				conn.next("Connect")
				conn.next("ModifyQuerySet")
				conn.send(transition(version(0, 0, 0), version(1, 0, 1), updated(0, 0)))
				if _, err := sub0.Next(context.Background()); err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				subs := make([]*Subscription, n)
				mods := make([]map[string]any, n)
				for i := range n {
					subs[i], _ = c.Subscribe(context.Background(), "q:x", map[string]any{"i": i})
					conn.next("ModifyQuerySet")
					mods[i] = updated(i+1, []string{"a value of a few bytes"})
				}
				conn.send(transition(version(1, 0, 1), version(n+1, 0, 2), mods...))
				for _, sub := range subs {
					if _, err := sub.Next(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(n), "B/watch")
				runtime.KeepAlive(subs)
				c.Close()
				s.srv.Close()
			}
		})
	}
}

// BenchmarkUpdateLatency measures a Transition written by the server until
// the subscriber's Next returns it, over loopback.
//
//	go test ./convex/live -run '^$' -bench UpdateLatency
func BenchmarkUpdateLatency(b *testing.B) {
	t := &testing.T{}
	s := newScriptServer(t)
	defer s.srv.Close()
	c, _ := New(s.srv.URL)
	defer c.Close()
	sub, _ := c.Subscribe(context.Background(), "q:x", nil)
	conn := s.accept()
	conn.next("Connect")
	conn.next("ModifyQuerySet")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		conn.send(transition(version(min(i, 1), 0, uint64(i)), version(1, 0, uint64(i+1)), updated(0, i)))
		if _, err := sub.Next(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSSELatency is BenchmarkUpdateLatency through StreamSSE: a
// Transition written by the server until the "update" event is written and
// flushed to the HTTP response, the leg a browser's page waits on.
//
//	go test ./convex/live -run '^$' -bench SSELatency
func BenchmarkSSELatency(b *testing.B) {
	t := &testing.T{}
	s := newScriptServer(t)
	defer s.srv.Close()
	c, _ := New(s.srv.URL)
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	w := &flushSignal{header: http.Header{}, flushed: make(chan struct{}, 1)}
	r := httptest.NewRequestWithContext(ctx, http.MethodGet, "/live", nil)
	done := make(chan error, 1)
	go func() { done <- StreamSSE(w, r, Watch[int](ctx, c, "q:x", nil), nil) }()
	conn := s.accept()
	conn.next("Connect")
	conn.next("ModifyQuerySet")
	<-w.flushed // the headers
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		conn.send(transition(version(min(i, 1), 0, uint64(i)), version(1, 0, uint64(i+1)), updated(0, i)))
		select {
		case <-w.flushed:
		case err := <-done:
			b.Fatalf("StreamSSE ended: %v", err)
		}
	}
	b.StopTimer()
	if w.events != b.N {
		b.Fatalf("%d update events for %d transitions", w.events, b.N)
	}
	cancel()
	<-done
}

// flushSignal is a ResponseWriter that signals each flush, counting the
// update events written before it.
type flushSignal struct {
	header  http.Header
	events  int
	flushed chan struct{}
}

func (w *flushSignal) Header() http.Header { return w.header }
func (w *flushSignal) WriteHeader(int)     {}
func (w *flushSignal) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte("event: update\n")) {
		w.events++
	}
	return len(p), nil
}
func (w *flushSignal) Flush() { w.flushed <- struct{}{} }
