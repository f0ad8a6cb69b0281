package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/authgen/authgen/bench/internal/typedapi"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/convex"
)

// callPath is the query every client calls.
const callPath = "messages:list"

// callConcurrency are the numbers of calls kept in flight.
var callConcurrency = []int{1, 16}

func (r *runner) calls(ctx context.Context, sec *Section) {
	dur, reps := 2*time.Second, 3
	if r.quick {
		dur, reps = 200*time.Millisecond, 1
	}
	sec.Intro = fmt.Sprintf("One local server answers POST /api/query like a Convex deployment (checks Content-Type and "+
		"the Bearer token, answers a fixed 10-message success envelope). Three clients call %s with the same "+
		"authenticated context: the method authgen generated (bench/internal/typedapi, via betterauth.FetchAuthQuery), "+
		"the same call hand-written with net/http + encoding/json (token from betterauth.Token, same *http.Client), and "+
		"the official ConvexHttpClient from the convex npm package (tests/node/bench-httpclient.mjs). Each Go figure is "+
		"the median of %d runs of %s, the two Go clients alternating; server and clients share the machine's cores. "+
		"µs/req is 1 ÷ rate (at concurrency 16 that is not the latency). B/op and allocs/op are client-side, from "+
		"testing.Benchmark at concurrency 1.", callPath, reps, dur)

	fx, err := newCallFixture()
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	defer fx.close()
	rates, err := measureRates(fx.ctx, fx.clients, dur, reps)
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	var benched []contender
	for _, c := range fx.clients {
		benched = append(benched, contender{c.name, func() (func() error, error) {
			return func() error { return c.call(fx.ctx) }, nil
		}})
	}
	allocs := r.benchmarkAll("calls", benched)

	header := []string{"client"}
	for _, c := range callConcurrency {
		header = append(header, fmt.Sprintf("req/s @%d", c), fmt.Sprintf("µs/req @%d", c))
	}
	table := &Table{Header: append(header, "B/op", "allocs/op")}
	for _, c := range fx.clients {
		row := []string{c.name}
		for _, conc := range callConcurrency {
			row = append(row, fmt.Sprintf("%.0f", rates[c.name][conc]), fmt.Sprintf("%.1f", 1e6/rates[c.name][conc]))
		}
		a := allocs[c.name]
		table.Add(append(row, strconv.Itoa(int(a.bytesPerOp)), strconv.Itoa(int(a.allocsPerOp)))...)
	}
	nodeRow := []string{"official ConvexHttpClient (Node)"}
	nodeRates, nodeErr := r.nodeHTTPClient(ctx, fx.srv.URL, fx.token, dur)
	for _, conc := range callConcurrency {
		if nodeErr != nil {
			nodeRow = append(nodeRow, "—", "—")
			continue
		}
		nodeRow = append(nodeRow, fmt.Sprintf("%.0f", nodeRates[conc]), fmt.Sprintf("%.1f", 1e6/nodeRates[conc]))
	}
	table.Add(append(nodeRow, "—", "—")...)
	sec.Tables = append(sec.Tables, table)
	if nodeErr != nil {
		sec.Notes = append(sec.Notes, "ConvexHttpClient not measured: "+nodeErr.Error())
	}

	gen, hand := rates[fx.clients[0].name], rates[fx.clients[1].name]
	for _, conc := range callConcurrency {
		cost := hand[conc] / gen[conc] // generated cost ÷ hand-written cost
		sec.Goals = append(sec.Goals, atMost(fmt.Sprintf("generated call ≤ 1.1× hand-written cost at concurrency %d", conc), cost, 1.1,
			fmt.Sprintf("%s (%.1f vs %.1f µs/req)", fmtRatio(cost), 1e6/gen[conc], 1e6/hand[conc])))
		if nodeErr == nil {
			sec.Notes = append(sec.Notes, fmt.Sprintf("At concurrency %d the generated Go call does %s the requests per second of ConvexHttpClient.",
				conc, fmtRatio(gen[conc]/nodeRates[conc])))
		}
	}
}

// callClient is one way to call messages:list; call checks the result.
type callClient struct {
	name string
	call func(context.Context) error
}

// callFixture is the fake deployment, the authenticated request context and
// the Go clients, the generated one first.
type callFixture struct {
	srv     *httptest.Server
	hc      *http.Client
	token   string
	ctx     context.Context
	clients []callClient
}

func newCallFixture() (*callFixture, error) {
	srv, err := startFakeConvex()
	if err != nil {
		return nil, err
	}
	fx := &callFixture{srv: srv,
		hc: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 10 * time.Second}}
	if err := fx.init(); err != nil {
		fx.close()
		return nil, err
	}
	return fx, nil
}

func (fx *callFixture) init() error {
	s, _, err := newRSASigner("calls-kid")
	if err != nil {
		return err
	}
	site := "https://bench-123.convex.site"
	if fx.token, err = s.token(betterAuthClaims(site, 1, time.Now(), time.Hour)); err != nil {
		return err
	}
	client, err := typedapi.New(betterauth.Config{ConvexURL: fx.srv.URL, SiteURL: site, JWKS: s.jwks(), HTTPClient: fx.hc},
		betterauth.WithConvexClientOptions(convex.WithHTTPClient(fx.hc)))
	if err != nil {
		return fmt.Errorf("typedapi.New: %w", err)
	}
	if fx.ctx, err = authenticatedContext(client, fx.token); err != nil {
		return err
	}
	args := typedapi.MessagesListArgs{Channel: "channels|abc123"}
	hand := &handClient{url: fx.srv.URL, hc: fx.hc}
	fx.clients = []callClient{
		{"generated (authgen)", func(ctx context.Context) error {
			msgs, err := client.MessagesList(ctx, args)
			return checkMessages(len(msgs), err)
		}},
		{"hand-written net/http + encoding/json", func(ctx context.Context) error {
			msgs, err := hand.messagesList(ctx, handArgs{Channel: string(args.Channel)})
			return checkMessages(len(msgs), err)
		}},
	}
	for _, c := range fx.clients { // one call each: fail fast on a broken client
		if err := c.call(fx.ctx); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	return nil
}

func (fx *callFixture) close() {
	fx.hc.CloseIdleConnections()
	fx.srv.Close()
}

// measureRates returns each client's median requests per second at every
// concurrency, over reps runs of d with the clients alternating.
func measureRates(ctx context.Context, clients []callClient, d time.Duration, reps int) (map[string]map[int]float64, error) {
	samples := map[string]map[int][]float64{}
	for _, c := range clients {
		samples[c.name] = map[int][]float64{}
	}
	for _, conc := range callConcurrency {
		for range reps {
			for _, c := range clients {
				log.Printf("calls: %s, concurrency %d", c.name, conc)
				n, err := throughput(ctx, conc, d, c.call)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", c.name, err)
				}
				samples[c.name][conc] = append(samples[c.name][conc], n)
			}
		}
	}
	out := map[string]map[int]float64{}
	for name, byConc := range samples {
		out[name] = map[int]float64{}
		for conc, xs := range byConc {
			out[name][conc] = median(xs)
		}
	}
	return out, nil
}

func checkMessages(n int, err error) error {
	if err == nil && n != len(fakeMessages) {
		err = fmt.Errorf("got %d messages, want %d", n, len(fakeMessages))
	}
	return err
}

// authenticatedContext runs one request carrying token through the
// generated client's Middleware and returns the handler's context, which
// every measured call then uses, as a handler would.
func authenticatedContext(c *typedapi.Client, token string) (context.Context, error) {
	var ctx context.Context
	h := c.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { ctx = r.Context() }))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Cookie", "better-auth.convex_jwt="+token)
	h.ServeHTTP(httptest.NewRecorder(), req)
	if ctx == nil || !betterauth.IsAuthenticated(ctx) {
		return nil, errors.New("the generated Middleware did not authenticate the benchmark token")
	}
	return ctx, nil
}

// throughput keeps conc calls in flight for d and returns completed calls
// per second; the first error stops it.
func throughput(ctx context.Context, conc int, d time.Duration, call func(context.Context) error) (float64, error) {
	var done atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for range conc {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				if err := safely(func() error { return call(ctx) }); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	return float64(done.Load()) / time.Since(start).Seconds(), firstErr
}

// nodeHTTPClient runs tests/node/bench-httpclient.mjs and returns req/s per concurrency.
func (r *runner) nodeHTTPClient(ctx context.Context, url, token string, d time.Duration) (map[int]float64, error) {
	var out struct {
		Results []struct {
			Concurrency int     `json:"concurrency"`
			RPS         float64 `json:"rps"`
		} `json:"results"`
	}
	var concs []string
	for _, c := range callConcurrency {
		concs = append(concs, strconv.Itoa(c))
	}
	log.Printf("calls: ConvexHttpClient")
	argsJSON := `{"channel":"channels|abc123"}`
	if err := r.runNodeScript(ctx, &out, "bench-httpclient.mjs", "--url", url, "--token", token, "--path", callPath,
		"--args", argsJSON, "--concurrency", strings.Join(concs, ","), "--duration-ms", strconv.Itoa(int(d.Milliseconds()))); err != nil {
		return nil, err
	}
	res := map[int]float64{}
	for _, x := range out.Results {
		res[x.Concurrency] = x.RPS
	}
	return res, nil
}

// handArgs and handMessage are what a developer writes by hand for messages:list.
type handArgs struct {
	Channel string   `json:"channel"`
	Limit   *float64 `json:"limit,omitempty"`
}

type handMessage struct {
	ID           string  `json:"_id"`
	CreationTime float64 `json:"_creationTime"`
	Channel      string  `json:"channel"`
	Author       string  `json:"author"`
	Body         string  `json:"body"`
}

// handClient calls Convex's HTTP API directly: the baseline the generated
// method must stay within 1.1× of.
type handClient struct {
	url string
	hc  *http.Client
}

func (c *handClient) messagesList(ctx context.Context, args handArgs) ([]handMessage, error) {
	token, _ := betterauth.Token(ctx)
	body, err := json.Marshal(struct {
		Path   string `json:"path"`
		Format string `json:"format"`
		Args   []any  `json:"args"`
	}{callPath, "convex_encoded_json", []any{args}})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/api/query", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Convex-Client", "go-handwritten-1.0.0")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, msg)
	}
	var env struct {
		Status       string        `json:"status"`
		Value        []handMessage `json:"value"`
		ErrorMessage string        `json:"errorMessage"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return nil, err
	}
	if env.Status != "success" {
		return nil, fmt.Errorf("%s: %s", env.Status, env.ErrorMessage)
	}
	return env.Value, nil
}

// fakeMessages is the query's result: ten chat messages.
var fakeMessages = func() []handMessage {
	msgs := make([]handMessage, 10)
	for i := range msgs {
		msgs[i] = handMessage{
			ID: fmt.Sprintf("messages|%020d", i), CreationTime: 1.7e12 + float64(i),
			Channel: "channels|abc123", Author: fmt.Sprintf("user %d", i),
			Body: strings.Repeat("hello world ", 4),
		}
	}
	return msgs
}()

// startFakeConvex serves POST /api/query on 127.0.0.1 with a precomputed
// success envelope after the cheap checks a real deployment makes first
// (Content-Type, a Bearer token), so every client pays the same, small
// server cost and the difference between them is client-side.
func startFakeConvex() (*httptest.Server, error) {
	body, err := json.Marshal(map[string]any{"status": "success", "value": fakeMessages})
	if err != nil {
		return nil, err
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		switch {
		case r.Method != http.MethodPost || r.URL.Path != "/api/query":
			http.NotFound(w, r)
		case !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"):
			http.Error(w, `{"code":"BadJsonBody"}`, http.StatusBadRequest)
		case !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer "):
			http.Error(w, `{"code":"Unauthenticated"}`, http.StatusUnauthorized)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.Write(body)
		}
	})), nil
}
