package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/bench/internal/mono"
	"github.com/authgen/authgen/convex"
)

// live compares convex/live with the official ConvexClient (issue 19 item
// 6): both run in processes of their own (bench/internal/liveclient and
// tests/node/bench-live.mjs, same flags, same JSON out) against one fake
// deployment served by this process (authtest's sync endpoint), one after
// the other, alternating, in the same run. A bare socket (liveclient -raw)
// measures the latency floor both include. The Go legs that only exist in
// Go (Transition → Next, Transition → SSE event) come from convex/live's
// own benchmarks.
func (r *runner) live(ctx context.Context, sec *Section) {
	cfg := liveConfig{runs: 3, subs: []int{1000, 10000}, sockets: 100, updates: 1000, warmup: 100,
		tick: 5 * time.Millisecond, benchtime: "2000x"}
	if r.quick {
		cfg = liveConfig{runs: 1, subs: []int{100, 300}, sockets: 5, updates: 30, warmup: 5,
			tick: 5 * time.Millisecond, benchtime: "50x"}
	}
	sec.Intro = fmt.Sprintf("One authtest deployment in the runner's process serves the sync protocol; the official "+
		"ConvexClient (convex/browser over `ws`, tests/node/bench-live.mjs, run with `node --expose-gc`) and convex/live "+
		"(bench/internal/liveclient) each run in a process of their own against it, authenticated as the same user, "+
		"alternating, %d runs each (medians). **Memory:** one client subscribes to bench:item once, then to n distinct "+
		"bench:item args; what the n add, after garbage collection and once each has its first value, divided by n. "+
		"Heap is V8's heapUsed and Go's HeapAlloc; native is what sits beside that heap (Node: `external`, Go: goroutine "+
		"stacks); the application keeps each subscription's handle (unsubscribe function, *live.Subscription). Time is "+
		"from the first of the n subscriptions to the last first value (each client sends one ModifyQuerySet per "+
		"query). Per socket: %d clients with one query each. **Latency:** the deployment bumps a counter through a "+
		"mutation every %s; bench:tick's result (the counter, ten chat messages, and CLOCK_MONOTONIC read when the query "+
		"runs, just before the Transition is encoded and written) reaches the client, which reads the same clock where "+
		"the value is handed to the application decoded: onUpdate's callback, Watch's loop body. The bare socket "+
		"(liveclient -raw) opens the session by hand and reads the stamp out of each frame without decoding: the floor "+
		"every client includes (the deployment's work after the stamp, the kernel, waking the process). %d updates "+
		"measured per run after %d of warm-up; CPU is the client process's user+system time over the measured updates, "+
		"idle wake-ups included. The Go-only legs are `go test ./convex/live -run '^$' -bench "+
		"'^Benchmark(UpdateLatency|SSELatency)$' -benchtime %s` against an in-process scripted server.",
		cfg.runs, cfg.sockets, cfg.tick, cfg.updates, cfg.warmup, cfg.benchtime)

	if _, ok := mono.Micros(); !ok {
		sec.NotMeasured = "needs Linux: the latency stamps are CLOCK_MONOTONIC, the clock Node's process.hrtime reads"
		return
	}
	fake, err := startLiveFake()
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	defer fake.close()
	goBin, err := r.goBuild(ctx, "./internal/liveclient")
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	runNode := func(ctx context.Context, out *liveOutput, args []string) error {
		return r.runNode(ctx, out, []string{"--expose-gc"}, "bench-live.mjs", args...)
	}
	runGo := func(extra ...string) func(context.Context, *liveOutput, []string) error {
		return func(ctx context.Context, out *liveOutput, args []string) error {
			return runJSON(ctx, out, r.benchDir, goBin, append(args[:len(args):len(args)], extra...)...)
		}
	}
	node := &liveClient{name: "official ConvexClient (Node)", run: runNode, memory: true}
	golive := &liveClient{name: "convex/live (Go)", run: runGo(), memory: true}
	floor := &liveClient{name: "bare WebSocket, no client (Go)", run: runGo("--raw")}
	clients := []*liveClient{node, golive, floor}

	base := []string{"--url", fake.d.ConvexURL(), "--token", fake.token}
	var subs []string
	for _, n := range cfg.subs {
		subs = append(subs, strconv.Itoa(n))
	}
	memArgs := append(base[:len(base):len(base)], "--phase", "memory", "--subs", strings.Join(subs, ","), "--sockets", strconv.Itoa(cfg.sockets))
	latArgs := append(base[:len(base):len(base)], "--phase", "latency", "--updates", strconv.Itoa(cfg.updates), "--warmup", strconv.Itoa(cfg.warmup))
	for run := range cfg.runs {
		for _, c := range clients {
			if !c.memory {
				continue
			}
			log.Printf("live: %s, memory (run %d of %d)", c.name, run+1, cfg.runs)
			c.collect(ctx, memArgs, func(out liveOutput) { c.memOut = append(c.memOut, out) })
		}
		for _, c := range clients {
			log.Printf("live: %s, latency (run %d of %d)", c.name, run+1, cfg.runs)
			stop := fake.ticking(cfg.tick)
			c.collect(ctx, latArgs, func(out liveOutput) { c.latOut = append(c.latOut, out) })
			if err := stop(); err != nil && c.err == nil {
				c.err = fmt.Errorf("bumping bench:tick: %w", err)
			}
		}
	}
	for _, c := range clients {
		if c.err != nil {
			sec.Notes = append(sec.Notes, fmt.Sprintf("%s not measured: %v", c.name, c.err))
		}
	}
	liveTables(sec, cfg, node, golive, floor)
	r.liveGoLegs(ctx, sec, cfg)
}

// liveTables reports the process measurements and judges the goals.
func liveTables(sec *Section, cfg liveConfig, node, golive, floor *liveClient) {
	memTable := &Table{Caption: "Memory per subscription (one socket, n distinct queries):",
		Header: []string{"client", "n", "heap / subscription", "heap + native", "RSS / subscription", "time to n first values"}}
	for _, n := range cfg.subs {
		for _, c := range []*liveClient{node, golive} {
			m, ok := c.perSubscription(n)
			if !ok {
				memTable.Add(c.name, strconv.Itoa(n), "not measured", "", "", "")
				continue
			}
			memTable.Add(c.name, strconv.Itoa(n), fmtBytes(m.Heap), fmtBytes(m.Heap+m.Native), fmtBytes(m.RSS), fmtNs(m.Ms*1e6))
		}
	}
	sockTable := &Table{Caption: fmt.Sprintf("Memory per socket (%d clients, one query each):", cfg.sockets),
		Header: []string{"client", "heap / socket", "heap + native", "RSS / socket"}}
	for _, c := range []*liveClient{node, golive} {
		m, ok := c.perSocket()
		if !ok {
			sockTable.Add(c.name, "not measured", "", "")
			continue
		}
		sockTable.Add(c.name, fmtBytes(m.Heap), fmtBytes(m.Heap+m.Native), fmtBytes(m.RSS))
	}
	latTable := &Table{Caption: fmt.Sprintf("Update latency, Transition → the application's callback (%d updates × %d runs, pooled):", cfg.updates, cfg.runs),
		Header: []string{"client", "median", "p90", "p99", "median above the floor", "CPU / update"}}
	fl, flOK := floor.latencyFigures()
	for _, c := range []*liveClient{node, golive, floor} {
		l, ok := c.latencyFigures()
		if !ok {
			latTable.Add(c.name, "not measured", "", "", "", "")
			continue
		}
		above := "—"
		if flOK && c != floor {
			above = fmtNs((l.p50 - fl.p50) * 1e3)
		}
		latTable.Add(c.name, fmtNs(l.p50*1e3), fmtNs(l.p90*1e3), fmtNs(l.p99*1e3), above, fmtNs(l.cpu*1e3))
	}
	sec.Tables = append(sec.Tables, memTable, sockTable, latTable)

	for _, n := range cfg.subs {
		name := fmt.Sprintf("convex/live heap per subscription ≤ 1/5 of the official ConvexClient's (%d subscriptions)", n)
		g, ok := golive.perSubscription(n)
		o, ok2 := node.perSubscription(n)
		if !ok || !ok2 {
			sec.Goals = append(sec.Goals, unmeasured(name, "a client failed (see the notes)"))
			continue
		}
		sec.Goals = append(sec.Goals, atMost(name, g.Heap/o.Heap, 0.2, fmt.Sprintf("%s (%s vs %s; heap + native %s)",
			fmtRatio(g.Heap/o.Heap), fmtBytes(g.Heap), fmtBytes(o.Heap), fmtRatio((g.Heap+g.Native)/(o.Heap+o.Native)))))
	}
	if g, ok := golive.perSocket(); ok {
		measured := fmtBytes(g.Heap+g.Native) + " heap + stacks"
		if o, ok := node.perSocket(); ok {
			measured += fmt.Sprintf(" vs %s heap + external (%s)", fmtBytes(o.Heap+o.Native), fmtRatio((g.Heap+g.Native)/(o.Heap+o.Native)))
		}
		sec.Goals = append(sec.Goals, Goal{Name: "memory per socket, convex/live vs the official ConvexClient", Measured: measured, Status: Reported})
	}
	const latencyGoal = "update latency Transition → callback: convex/live ahead of the official ConvexClient (median ratio < 1)"
	gl, ok := golive.latencyFigures()
	ol, ok2 := node.latencyFigures()
	if !ok || !ok2 {
		sec.Goals = append(sec.Goals, unmeasured(latencyGoal, "a client failed (see the notes)"))
		return
	}
	measured := fmt.Sprintf("%s (%s vs %s", fmtRatio(gl.p50/ol.p50), fmtNs(gl.p50*1e3), fmtNs(ol.p50*1e3))
	if flOK {
		measured += fmt.Sprintf("; above the bare-socket floor of %s: %s vs %s = %s", fmtNs(fl.p50*1e3),
			fmtNs((gl.p50-fl.p50)*1e3), fmtNs((ol.p50-fl.p50)*1e3), fmtRatio((gl.p50-fl.p50)/(ol.p50-fl.p50)))
	}
	measured += fmt.Sprintf("; p99 %s vs %s; CPU/update %s vs %s)", fmtNs(gl.p99*1e3), fmtNs(ol.p99*1e3), fmtNs(gl.cpu*1e3), fmtNs(ol.cpu*1e3))
	sec.Goals = append(sec.Goals, atMost(latencyGoal, gl.p50/ol.p50, 1, measured))
}

// liveGoLegs adds convex/live's in-process latency benchmarks: the socket
// leg (Transition → Next) and the page leg (Transition → SSE event).
func (r *runner) liveGoLegs(ctx context.Context, sec *Section, cfg liveConfig) {
	results, err := r.goTestBench(ctx, "convex/live", "^Benchmark(UpdateLatency|SSELatency)$", cfg.runs, cfg.benchtime)
	table := &Table{Caption: "Go legs, in-process scripted server:", Header: []string{"benchmark", "leg", "ns/op", "B/op", "allocs/op"}}
	figures := map[string]benchResult{}
	for _, b := range []struct{ name, leg string }{
		{"UpdateLatency", "Transition written → Subscription.Next returns"},
		{"SSELatency", "Transition written → SSE update event written and flushed (StreamSSE over Watch)"},
	} {
		if err != nil {
			table.Add(b.name, b.leg, "not measured: "+err.Error(), "", "")
			continue
		}
		f, ok := codecFigures(results["Benchmark"+b.name])
		if !ok {
			table.Add(b.name, b.leg, "not measured: no result", "", "")
			continue
		}
		figures[b.name] = f
		table.Add(b.name, b.leg, fmtNs(f.nsPerOp), fmtCount(f.bytesPerOp), fmtCount(f.allocsPerOp))
	}
	sec.Tables = append(sec.Tables, table)
	if sse, ok := figures["SSELatency"]; ok {
		measured := fmtNs(sse.nsPerOp) + " per update"
		if next, ok := figures["UpdateLatency"]; ok {
			measured += " (Transition → Next " + fmtNs(next.nsPerOp) + ")"
		}
		sec.Goals = append(sec.Goals, Goal{Name: "update latency Transition → SSE event written (convex/live + StreamSSE)", Measured: measured, Status: Reported})
	} else {
		sec.Goals = append(sec.Goals, unmeasured("update latency Transition → SSE event written (convex/live + StreamSSE)", "no result"))
	}
}

type liveConfig struct {
	runs                     int
	subs                     []int
	sockets, updates, warmup int
	tick                     time.Duration
	benchtime                string
}

// liveOutput is what bench-live.mjs and liveclient print.
type liveOutput struct {
	Client         string       `json:"client"`
	Memory         []liveMemory `json:"memory"`
	Sockets        *liveMemory  `json:"sockets"`
	LatencyUs      []float64    `json:"latencyUs"`
	CPUUsPerUpdate float64      `json:"cpuUsPerUpdate"`
}

// liveMemory is bytes per unit (subscription or socket).
type liveMemory struct {
	N      int     `json:"n"`
	Heap   float64 `json:"heap"`
	Native float64 `json:"native"`
	RSS    float64 `json:"rss"`
	Ms     float64 `json:"ms"` // wall time to the units' first values
}

// liveClient is one contender and what its runs printed; the first
// failure stops it. memory says whether it runs the memory phase.
type liveClient struct {
	name           string
	run            func(context.Context, *liveOutput, []string) error
	memory         bool
	memOut, latOut []liveOutput
	err            error
}

func (c *liveClient) collect(ctx context.Context, args []string, keep func(liveOutput)) {
	if c.err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	var out liveOutput
	if err := c.run(ctx, &out, args); err != nil {
		c.err = err
		return
	}
	keep(out)
}

// perSubscription is the median over runs of the figures at n subscriptions.
func (c *liveClient) perSubscription(n int) (liveMemory, bool) {
	var ms []liveMemory
	for _, out := range c.memOut {
		for _, m := range out.Memory {
			if m.N == n {
				ms = append(ms, m)
			}
		}
	}
	return medianMemory(ms, c.err == nil)
}

func (c *liveClient) perSocket() (liveMemory, bool) {
	var ms []liveMemory
	for _, out := range c.memOut {
		if out.Sockets != nil {
			ms = append(ms, *out.Sockets)
		}
	}
	return medianMemory(ms, c.err == nil)
}

func medianMemory(ms []liveMemory, complete bool) (liveMemory, bool) {
	if len(ms) == 0 || !complete {
		return liveMemory{}, false
	}
	pick := func(f func(liveMemory) float64) float64 {
		xs := make([]float64, len(ms))
		for i, m := range ms {
			xs[i] = f(m)
		}
		return median(xs)
	}
	return liveMemory{N: ms[0].N, Heap: pick(func(m liveMemory) float64 { return m.Heap }),
		Native: pick(func(m liveMemory) float64 { return m.Native }), RSS: pick(func(m liveMemory) float64 { return m.RSS }),
		Ms: pick(func(m liveMemory) float64 { return m.Ms })}, true
}

// latencyFigures pools every run's samples (µs); cpu is the median of the
// runs' CPU per update (µs).
type latencyFigures struct{ p50, p90, p99, cpu float64 }

func (c *liveClient) latencyFigures() (latencyFigures, bool) {
	if c.err != nil || len(c.latOut) == 0 {
		return latencyFigures{}, false
	}
	var all, cpu []float64
	for _, out := range c.latOut {
		all = append(all, out.LatencyUs...)
		cpu = append(cpu, out.CPUUsPerUpdate)
	}
	if len(all) == 0 {
		return latencyFigures{}, false
	}
	return latencyFigures{quantile(all, 0.5), quantile(all, 0.9), quantile(all, 0.99), median(cpu)}, true
}

// liveFake is the deployment both clients use: bench:item (a short string
// per args), bench:tick (a counter, the clock, ten messages) and the
// mutation bench:bump; every query requires the signed-in user.
type liveFake struct {
	tb    *sectionTB
	d     *authtest.Deployment
	token string
	hc    *convex.Client
	ticks atomic.Int64
}

// liveTick is bench:tick's result. Numbers are float64: Convex's JSON
// writes an int64 as an object.
type liveTick struct {
	N        float64       `json:"n"`
	At       float64       `json:"at"` // CLOCK_MONOTONIC, µs
	Messages []handMessage `json:"messages"`
}

var errNotSignedIn = errors.New("not signed in")

func startLiveFake() (f *liveFake, err error) {
	f = &liveFake{tb: &sectionTB{}}
	defer func() {
		if v := recover(); v != nil {
			f.close()
			f, err = nil, fmt.Errorf("starting the fake deployment: %v", v)
		}
	}()
	f.d = authtest.New(f.tb)
	authtest.Query(f.d, "bench:item", func(_ context.Context, id *authtest.Identity, _ struct {
		I float64 `json:"i"`
	}) (string, error) {
		if id == nil {
			return "", errNotSignedIn
		}
		return "a value of a few bytes", nil
	})
	authtest.Query(f.d, "bench:tick", func(_ context.Context, id *authtest.Identity, _ struct{}) (liveTick, error) {
		if id == nil {
			return liveTick{}, errNotSignedIn
		}
		at, _ := mono.Micros()
		return liveTick{N: float64(f.ticks.Load()), At: at, Messages: fakeMessages}, nil
	})
	authtest.Mutation(f.d, "bench:bump", func(context.Context, *authtest.Identity, struct{}) (any, error) {
		f.ticks.Add(1)
		return nil, nil
	})
	cookies := f.d.SignUp(f.tb, "live@bench.example", "password1234", "Live Bench")
	f.token = f.d.Token(f.tb, cookies)
	if f.hc, err = convex.NewClient(f.d.ConvexURL()); err != nil {
		f.close()
		return nil, err
	}
	return f, nil
}

// ticking bumps bench:tick every interval until stop, which returns the
// first failed bump.
func (f *liveFake) ticking(every time.Duration) (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var failed error
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := f.hc.Call(ctx, convex.KindMutation, "bench:bump", nil, nil); err != nil && ctx.Err() == nil && failed == nil {
					failed = err
				}
			}
		}
	}()
	return func() error {
		cancel()
		<-done
		return failed
	}
}

func (f *liveFake) close() { f.tb.close() }

// sectionTB lets a section use authtest outside a test: cleanups run at
// close and a failure panics, which startLiveFake turns into an error.
// authtest calls only the methods below; the embedded nil TB fills the
// interface.
type sectionTB struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
}

func (t *sectionTB) Helper() {}
func (t *sectionTB) Cleanup(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cleanups = append(t.cleanups, f)
}
func (t *sectionTB) Fatal(args ...any)                 { panic(fmt.Sprint(args...)) }
func (t *sectionTB) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

func (t *sectionTB) close() {
	t.mu.Lock()
	cleanups := t.cleanups
	t.cleanups = nil
	t.mu.Unlock()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
}
