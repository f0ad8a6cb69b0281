package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/authgen/authgen/betterauth"
)

// defaultCacheBound is betterauth's documented default (WithCacheSize), the
// bound the memory section checks.
const defaultCacheBound = 10000

func (r *runner) memory(ctx context.Context, sec *Section) {
	small, large, bound := 10000, 100000, defaultCacheBound
	if r.quick {
		small, large, bound = 300, 3000, 300
	}
	sec.Intro = fmt.Sprintf("Distinct valid tokens are sent once each through betterauth.Middleware as the "+
		"convex_jwt cookie, so each is verified and cached. Retained heap = HeapAlloc after minus before "+
		"(runtime.GC, then runtime.ReadMemStats), the tokens themselves allocated before the first reading: "+
		"the entry, the Session with its claims map, and the cookie value the cache was given. Entries held are "+
		"counted from outside: with the Auth's clock turned back two hours, a cached token is still a hit while "+
		"any other fails verification (iat in the future) and is not cached, so counting changes nothing; a valid "+
		"token never sent is checked to be refused first. The %d-token runs use EdDSA tokens (Ed25519 signs 80× "+
		"faster than RSA-2048, so minting them takes seconds, not minutes); the RS256 row shows the production "+
		"token size at %d.", large, small)

	ed, err := newEdDSASigner("mem-ed")
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	rs, _, err := newRSASigner("mem-rs")
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	site := "https://bench-123.convex.site"
	cfg := betterauth.Config{ConvexURL: "https://bench-123.convex.cloud", SiteURL: site, Algorithms: []string{"RS256", "EdDSA"},
		JWKS: fmt.Sprintf(`{"keys":[%s,%s]}`, jwkJSON(rs), jwkJSON(ed))}

	log.Printf("memory: minting %d EdDSA and %d RS256 tokens", large, small)
	edTokens, err := mintTokens(ed, site, large+1)
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	rsTokens, err := mintTokens(rs, site, small)
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	edTokens, outsider := edTokens[:large], edTokens[large]

	// Each run sends tokens through a fresh Auth whose cache holds bound
	// entries; the last run sends ten times the bound.
	type run struct {
		tokens []string
		alg    string
		bound  int
	}
	runs := []run{
		{rsTokens, "RS256", bound},
		{edTokens[:small], "EdDSA", bound},
		{edTokens, "EdDSA", large},
		{edTokens, "EdDSA", bound},
	}
	retained := make([]float64, len(runs))
	counted := make([]int, len(runs))
	for i, rn := range runs {
		log.Printf("memory: %d %s tokens, bound %d", len(rn.tokens), rn.alg, rn.bound)
		p, err := newCacheProbe(cfg, rn.bound)
		if err == nil {
			retained[i], err = p.fill(rn.tokens)
		}
		if err == nil {
			counted[i], err = p.count(rn.tokens, outsider)
		}
		if err != nil {
			sec.NotMeasured = err.Error()
			return
		}
	}
	full := retained[1] // a cache filled exactly to the bound with EdDSA tokens
	table := &Table{Header: []string{"distinct tokens", "alg", "cache bound", "entries held after", "retained heap", "bytes per cached token"}}
	for i, rn := range runs {
		table.Add(fmt.Sprint(len(rn.tokens)), rn.alg, fmt.Sprint(rn.bound), fmt.Sprint(counted[i]), fmtBytes(retained[i]),
			fmt.Sprintf("%.0f", retained[i]/float64(counted[i])))
	}
	sec.Tables = append(sec.Tables, table)

	per := func(i int) float64 { return retained[i] / float64(len(runs[i].tokens)) }
	sec.Goals = append(sec.Goals, Goal{Name: fmt.Sprintf("bytes per entry at %d and %d tokens", small, large), Status: Reported,
		Measured: fmt.Sprintf("%.0f B (RS256, %d); %.0f B / %.0f B (EdDSA, %d / %d)", per(0), small, per(1), per(2), small, large)})
	last := len(runs) - 1
	sec.Goals = append(sec.Goals, atMost(fmt.Sprintf("cache stays within its bound (%d entries) after %d distinct tokens", bound, large),
		float64(counted[last]), float64(bound),
		fmt.Sprintf("%d entries held; retained %s = %s a full cache (without the bound: %s)",
			counted[last], fmtBytes(retained[last]), fmtRatio(retained[last]/full), fmtBytes(retained[2]))))
	sec.Notes = append(sec.Notes, "When full, the cache drops expired entries and then arbitrary ones down to ¾ of the bound, so a flood of distinct tokens costs re-verification, never unbounded memory.")
}

func jwkJSON(s *signer) string {
	js := s.jwks()
	return js[len(`{"keys":[`) : len(js)-len(`]}`)]
}

// mintTokens signs n tokens for distinct users, on every core.
func mintTokens(s *signer, site string, n int) ([]string, error) {
	tokens := make([]string, n)
	now := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				tok, err := s.token(betterAuthClaims(site, i, now, time.Hour))
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				tokens[i] = tok
			}
		})
	}
	wg.Wait()
	return tokens, firstErr
}

// cacheProbe drives one Auth's Middleware with a clock it controls.
type cacheProbe struct {
	h   http.Handler
	req *http.Request
	w   discardWriter
	now atomic.Int64 // unix nanoseconds returned by Config.Now
	ok  bool         // whether the last request was authenticated
}

func newCacheProbe(cfg betterauth.Config, bound int) (*cacheProbe, error) {
	p := &cacheProbe{req: httptest.NewRequest(http.MethodGet, "/", nil), w: discardWriter{h: http.Header{}}}
	p.now.Store(time.Now().UnixNano())
	cfg.Now = func() time.Time { return time.Unix(0, p.now.Load()) }
	a, err := betterauth.New(cfg, betterauth.WithCacheSize(bound))
	if err != nil {
		return nil, err
	}
	p.h = a.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		p.ok = betterauth.IsAuthenticated(r.Context())
	}))
	return p, nil
}

// send makes one request with tok as the convex_jwt cookie; the cookie
// string is new, so what the cache keeps of it counts as retained.
func (p *cacheProbe) send(tok string) bool {
	p.req.Header["Cookie"] = []string{"better-auth.convex_jwt=" + tok}
	p.h.ServeHTTP(p.w, p.req)
	p.req.Header["Cookie"] = nil
	return p.ok
}

// fill sends every token once and returns how much more heap is live afterwards.
func (p *cacheProbe) fill(tokens []string) (float64, error) {
	before := liveHeap()
	for _, tok := range tokens {
		if !p.send(tok) {
			return 0, fmt.Errorf("token %.20s… was not accepted", tok)
		}
	}
	after := liveHeap()
	runtime.KeepAlive(tokens)
	return float64(after) - float64(before), nil
}

// count returns how many of tokens the cache still holds. It turns the
// clock back two hours: a cached token is still before its expiry, so it
// is a hit, while a token that has to be verified fails (its iat is in the
// future) and is not cached, so counting changes nothing. outsider, a valid
// token never sent, proves that: it must be refused.
func (p *cacheProbe) count(tokens []string, outsider string) (int, error) {
	p.now.Add(int64(-2 * time.Hour))
	defer p.now.Add(int64(2 * time.Hour))
	if p.send(outsider) {
		return 0, errors.New("a token never sent was accepted with the clock turned back; the count would be wrong")
	}
	n := 0
	for _, tok := range tokens {
		if p.send(tok) {
			n++
		}
	}
	return n, nil
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
