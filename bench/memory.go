package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
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
		"(runtime.GC, then runtime.ReadMemStats), with the tokens themselves allocated before the first reading; "+
		"it is everything the cache keeps per token: the entry, the Session with its claims map, and the cookie "+
		"value it was given. The %d-token runs use EdDSA tokens (Ed25519 signs 80× faster than RSA-2048, so minting "+
		"them takes seconds, not minutes); the RS256 row shows the production token size at %d.", large, small)

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
	edTokens, err := mintTokens(ed, site, large)
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}
	rsTokens, err := mintTokens(rs, site, small)
	if err != nil {
		sec.NotMeasured = err.Error()
		return
	}

	table := &Table{Header: []string{"tokens", "alg", "cache bound", "retained heap", "bytes per token inserted", "entries implied (retained ÷ bytes per entry)"}}
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
	perEntry := map[string]float64{}
	var boundedRetained float64
	for i, rn := range runs {
		log.Printf("memory: %d %s tokens, bound %d", len(rn.tokens), rn.alg, rn.bound)
		retained, err := retainedHeap(cfg, rn.tokens, rn.bound)
		if err != nil {
			sec.NotMeasured = err.Error()
			return
		}
		per := retained / float64(len(rn.tokens))
		implied := "—"
		if len(rn.tokens) <= rn.bound {
			perEntry[fmt.Sprint(rn.alg, len(rn.tokens))] = per
		} else if pe := perEntry[fmt.Sprint(rn.alg, small)]; pe > 0 {
			implied = fmt.Sprintf("%.0f", retained/pe)
		}
		if i == len(runs)-1 {
			boundedRetained = retained
		}
		table.Add(fmt.Sprint(len(rn.tokens)), rn.alg, fmt.Sprint(rn.bound), fmtBytes(retained), fmt.Sprintf("%.0f", per), implied)
	}
	sec.Tables = append(sec.Tables, table)

	edSmall, edLarge, rsSmall := perEntry[fmt.Sprint("EdDSA", small)], perEntry[fmt.Sprint("EdDSA", large)], perEntry[fmt.Sprint("RS256", small)]
	sec.Goals = append(sec.Goals,
		Goal{Name: fmt.Sprintf("bytes per entry at %d and %d tokens", small, large), Status: Met,
			Measured: fmt.Sprintf("%.0f B (RS256, %d); %.0f B / %.0f B (EdDSA, %d / %d)", rsSmall, small, edSmall, edLarge, small, large)})
	limit := float64(bound) * edSmall
	sec.Goals = append(sec.Goals, atMost(fmt.Sprintf("cache stays within its bound (%d entries) after %d distinct tokens", bound, large),
		boundedRetained, limit*1.1, // 10% slack for map buckets and GC noise
		fmt.Sprintf("retained %s ≈ %.0f entries (unbounded it would be %s)", fmtBytes(boundedRetained), boundedRetained/edSmall, fmtBytes(edLarge*float64(large)))))
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

// retainedHeap sends every token through a fresh Auth's Middleware and
// returns how much more heap is live afterwards.
func retainedHeap(cfg betterauth.Config, tokens []string, bound int) (float64, error) {
	a, err := betterauth.New(cfg, betterauth.WithCacheSize(bound))
	if err != nil {
		return 0, err
	}
	var ok bool
	h := a.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		ok = betterauth.IsAuthenticated(r.Context())
	}))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	w := discardWriter{h: http.Header{}}
	before := liveHeap()
	for _, tok := range tokens {
		req.Header["Cookie"] = []string{"better-auth.convex_jwt=" + tok}
		h.ServeHTTP(w, req)
		if !ok {
			return 0, fmt.Errorf("token %.20s… was not accepted", tok)
		}
	}
	req.Header["Cookie"] = nil
	after := liveHeap()
	runtime.KeepAlive(h)
	runtime.KeepAlive(tokens)
	return float64(after) - float64(before), nil
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
