// Command liveclient is the Go side of the bench runner's live section
// (bench/live.go): convex/live measured in a process of its own, as
// tests/node/bench-live.mjs measures the official ConvexClient, against the
// same fake deployment, with the same flags and the same JSON out:
//
//	liveclient -url U -token T -phase memory -subs 1000,10000 -sockets 100
//	liveclient -url U -token T -phase latency -updates 1000 -warmup 100 [-raw]
//
// Memory: the heap a subscription (and a socket) adds, after a GC, once
// every subscription has its first value; the client and its socket exist
// before the first reading, so the per-subscription figure is the
// subscription's alone. Latency: the deployment stamps each result of
// bench:tick with CLOCK_MONOTONIC when it runs the query, just before it
// writes the Transition; the client reads the clock when Watch yields the
// decoded value (the point where the official client calls onUpdate).
// With -raw, no client at all: a bare socket that opens the session by
// hand and reads the stamp out of each frame, the floor every client's
// latency includes (the deployment's work, the kernel, one wake-up).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/coder/websocket"

	"github.com/authgen/authgen/bench/internal/mono"
	"github.com/authgen/authgen/convex/live"
)

// memory is what one measurement added, per unit (subscription or socket):
// heap is the live heap (HeapAlloc), native what the runtime holds beside
// it for the unit (goroutine stacks), rss the resident set; ms is the wall
// time from the first subscription to the last first value.
type memory struct {
	N      int     `json:"n"`
	Heap   float64 `json:"heap"`
	Native float64 `json:"native"`
	RSS    float64 `json:"rss"`
	Ms     float64 `json:"ms"`
}

type output struct {
	Client         string    `json:"client"`
	Memory         []memory  `json:"memory,omitempty"`
	Sockets        *memory   `json:"sockets,omitempty"`
	LatencyUs      []float64 `json:"latencyUs,omitempty"`
	CPUUsPerUpdate float64   `json:"cpuUsPerUpdate,omitempty"`
}

func main() {
	var (
		url     = flag.String("url", "", "deployment URL")
		token   = flag.String("token", "", "the user's JWT")
		phase   = flag.String("phase", "", "memory or latency")
		subs    = flag.String("subs", "1000,10000", "subscription counts (memory)")
		sockets = flag.Int("sockets", 100, "sockets (memory)")
		updates = flag.Int("updates", 1000, "updates measured (latency)")
		warmup  = flag.Int("warmup", 100, "updates received first and not measured (latency)")
		raw     = flag.Bool("raw", false, "latency through a bare socket instead of convex/live")
	)
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	m := &measurer{url: *url, token: *token}
	out := output{Client: "convex/live (" + runtime.Version() + ")"}
	var err error
	switch *phase {
	case "memory":
		err = m.memory(ctx, &out, *subs, *sockets)
	case "latency":
		if *raw {
			out.Client = "bare WebSocket, no client (Go)"
			out.LatencyUs, out.CPUUsPerUpdate, err = m.rawLatency(ctx, *updates, *warmup)
		} else {
			out.LatencyUs, out.CPUUsPerUpdate, err = m.latency(ctx, *updates, *warmup)
		}
	default:
		err = fmt.Errorf("unknown -phase %q", *phase)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "liveclient:", err)
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "liveclient:", err)
		os.Exit(1)
	}
}

type measurer struct{ url, token string }

func (m *measurer) client() (*live.Client, error) {
	return live.New(m.url, live.WithTokenSource(func(context.Context, bool) (string, error) { return m.token, nil }))
}

func (m *measurer) memory(ctx context.Context, out *output, counts string, sockets int) error {
	for _, f := range strings.Split(counts, ",") {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return fmt.Errorf("-subs: %q is not a count", f)
		}
		per, err := m.perSubscription(ctx, n)
		if err != nil {
			return fmt.Errorf("%d subscriptions: %w", n, err)
		}
		out.Memory = append(out.Memory, per)
	}
	per, err := m.perSocket(ctx, sockets)
	if err != nil {
		return fmt.Errorf("%d sockets: %w", sockets, err)
	}
	out.Sockets = &per
	return nil
}

// perSubscription adds n distinct queries to one authenticated socket that
// already holds one.
func (m *measurer) perSubscription(ctx context.Context, n int) (memory, error) {
	c, err := m.client()
	if err != nil {
		return memory{}, err
	}
	defer c.Close()
	subs := make([]*live.Subscription, n)
	first, err := c.Subscribe(ctx, "bench:item", map[string]any{"i": n})
	if err != nil {
		return memory{}, err
	}
	if err := firstValue(ctx, first); err != nil {
		return memory{}, err
	}
	before := readMemory()
	start := time.Now()
	for i := range subs {
		if subs[i], err = c.Subscribe(ctx, "bench:item", map[string]any{"i": i}); err != nil {
			return memory{}, err
		}
	}
	runtime.KeepAlive(first)
	return settle(ctx, subs, before, start)
}

// perSocket opens n clients, each with its own socket and one query.
func (m *measurer) perSocket(ctx context.Context, n int) (memory, error) {
	clients := make([]*live.Client, n)
	subs := make([]*live.Subscription, n)
	defer func() {
		for _, c := range clients {
			if c != nil {
				c.Close()
			}
		}
	}()
	before := readMemory()
	start := time.Now()
	var err error
	for i := range clients {
		if clients[i], err = m.client(); err != nil {
			return memory{}, err
		}
		if subs[i], err = clients[i].Subscribe(ctx, "bench:item", map[string]any{"i": i}); err != nil {
			return memory{}, err
		}
	}
	return settle(ctx, subs, before, start)
}

// settle waits for every subscription's first value, then reads the memory
// they hold compared with before, per subscription, and how long it took
// since start.
func settle(ctx context.Context, subs []*live.Subscription, before reading, start time.Time) (memory, error) {
	for _, s := range subs {
		if err := firstValue(ctx, s); err != nil {
			return memory{}, err
		}
	}
	took := time.Since(start)
	after := readMemory()
	runtime.KeepAlive(subs)
	return after.minus(before, len(subs), took), nil
}

func firstValue(ctx context.Context, s *live.Subscription) error {
	r, err := s.Next(ctx)
	if err == nil {
		err = r.Err
	}
	return err
}

type reading struct{ heap, stacks, rss float64 }

// readMemory collects garbage twice (the second pass frees what the
// first's finalizers released) and reads the heap, stacks and RSS.
func readMemory() reading {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return reading{float64(ms.HeapAlloc), float64(ms.StackInuse), residentBytes()}
}

func (r reading) minus(before reading, n int, took time.Duration) memory {
	d := float64(n)
	return memory{N: n, Heap: (r.heap - before.heap) / d, Native: (r.stacks - before.stacks) / d, RSS: (r.rss - before.rss) / d,
		Ms: float64(took.Microseconds()) / 1e3}
}

// residentBytes is the process's resident set from /proc/self/statm, or 0.
func residentBytes() float64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseFloat(f[1], 64)
	return pages * float64(os.Getpagesize())
}

// tick is bench:tick's result: a counter, the deployment's clock when it
// ran the query, and ten chat messages, so decoding costs what a list
// page's update does.
type tick struct {
	N        float64   `json:"n"`
	At       float64   `json:"at"`
	Messages []message `json:"messages"`
}

type message struct {
	ID           string  `json:"_id"`
	CreationTime float64 `json:"_creationTime"`
	Channel      string  `json:"channel"`
	Author       string  `json:"author"`
	Body         string  `json:"body"`
}

// latency watches bench:tick while the deployment bumps it, and returns the
// delay of each update after warmup ones, with the process's CPU time per
// measured update.
func (m *measurer) latency(ctx context.Context, updates, warmup int) ([]float64, float64, error) {
	if _, ok := mono.Micros(); !ok {
		return nil, 0, errors.New("no CLOCK_MONOTONIC on this platform")
	}
	c, err := m.client()
	if err != nil {
		return nil, 0, err
	}
	defer c.Close()
	samples := make([]float64, 0, warmup+updates)
	var cpu0 time.Duration
	seen := 0
	for v, err := range live.Watch[tick](ctx, c, "bench:tick", nil) {
		now, _ := mono.Micros()
		if err != nil {
			return nil, 0, err
		}
		if seen++; seen == 1 {
			cpu0 = cpuTime() // for warmup 0; else reset below
			continue         // the value at subscription time, not an update
		}
		if len(v.Messages) != 10 {
			return nil, 0, fmt.Errorf("update %v has %d messages, want 10", v.N, len(v.Messages))
		}
		samples = append(samples, now-v.At)
		if len(samples) == warmup {
			cpu0 = cpuTime()
		}
		if len(samples) == warmup+updates {
			break
		}
	}
	if len(samples) < warmup+updates {
		return nil, 0, fmt.Errorf("the watch ended after %d updates", len(samples))
	}
	return samples[warmup:], float64((cpuTime() - cpu0).Microseconds()) / float64(updates), nil
}

// cpuTime is the user and system CPU time of the whole process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rawLatency is latency without a client: Connect, Authenticate and one
// ModifyQuerySet written by hand, then each frame's "at" read with a
// substring search (the tick's messages have no such key) and no decoding.
func (m *measurer) rawLatency(ctx context.Context, updates, warmup int) ([]float64, float64, error) {
	if _, ok := mono.Micros(); !ok {
		return nil, 0, errors.New("no CLOCK_MONOTONIC on this platform")
	}
	u := strings.Replace(strings.Replace(m.url, "https://", "wss://", 1), "http://", "ws://", 1) + "/api/sync"
	ws, _, err := websocket.Dial(ctx, u, &websocket.DialOptions{HTTPHeader: http.Header{"Convex-Client": {"bench-raw-0"}}})
	if err != nil {
		return nil, 0, err
	}
	defer ws.CloseNow()
	ws.SetReadLimit(1 << 20)
	for _, msg := range []string{
		`{"type":"Connect","sessionId":"6f1c2d4e-8a9b-4c0d-9e1f-2a3b4c5d6e7f","connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":0}`,
		`{"type":"Authenticate","baseVersion":0,"tokenType":"User","value":` + strconv.Quote(m.token) + `}`,
		`{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"bench:tick","args":[{}]}]}`,
	} {
		if err := ws.Write(ctx, websocket.MessageText, []byte(msg)); err != nil {
			return nil, 0, err
		}
	}
	samples := make([]float64, 0, warmup+updates)
	var cpu0 time.Duration
	seen := 0
	for len(samples) < warmup+updates {
		_, data, err := ws.Read(ctx)
		now, _ := mono.Micros()
		if err != nil {
			return nil, 0, err
		}
		i := bytes.Index(data, []byte(`"at":`))
		if i < 0 {
			continue // a Ping, or a Transition without the tick
		}
		rest := data[i+len(`"at":`):]
		end := bytes.IndexAny(rest, ",}")
		if end < 0 {
			return nil, 0, fmt.Errorf("unterminated stamp in %.80q", data)
		}
		at, err := strconv.ParseFloat(string(rest[:end]), 64)
		if err != nil {
			return nil, 0, fmt.Errorf("stamp %q: %w", rest[:end], err)
		}
		if seen++; seen == 1 {
			cpu0 = cpuTime()
			continue
		}
		samples = append(samples, now-at)
		if len(samples) == warmup {
			cpu0 = cpuTime()
		}
	}
	return samples[warmup:], float64((cpuTime() - cpu0).Microseconds()) / float64(updates), nil
}
