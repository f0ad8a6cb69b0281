package betterauth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// waitForBackgroundRefresh waits until rk has no background refresh running.
func waitForBackgroundRefresh(t *testing.T, rk *remoteKeys) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		rk.mu.Lock()
		busy := rk.refreshing
		rk.mu.Unlock()
		if !busy {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("background JWKS refresh still running after 30s")
		}
		time.Sleep(time.Millisecond)
	}
}

// jwksServer serves a JWKS whose document, Cache-Control and readiness the
// test changes; every fetch is counted.
type jwksServer struct {
	srv     *httptest.Server
	fetches atomic.Int32

	mu           sync.Mutex
	doc          []byte
	cacheControl string
	hold         chan struct{} // when set, fetches wait for it to close
}

func newJWKSServer(t *testing.T, doc []byte) *jwksServer {
	j := &jwksServer{doc: doc}
	j.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		j.fetches.Add(1)
		j.mu.Lock()
		doc, cc, hold := j.doc, j.cacheControl, j.hold
		j.mu.Unlock()
		if hold != nil {
			<-hold
		}
		w.Header().Set("Content-Type", "application/json")
		if cc != "" {
			w.Header().Set("Cache-Control", cc)
		}
		w.Write(doc)
	}))
	t.Cleanup(j.srv.Close)
	return j
}

func (j *jwksServer) set(f func(j *jwksServer)) {
	j.mu.Lock()
	defer j.mu.Unlock()
	f(j)
}

func TestScheduledJWKSRefreshNeverBlocksARequest(t *testing.T) {
	c := newClock()
	key, next := rsaKeys(t)
	j := newJWKSServer(t, jwksJSON(t, []string{"kid-1"}, key))
	var mu sync.Mutex
	var triggers []JWKSTrigger
	rk := newRemoteKeys(j.srv.URL, noRedirectClient(nil), []string{"RS256"}, time.Minute, c.Now)
	rk.onFetch = func(_ context.Context, e JWKSFetchEvent) {
		mu.Lock()
		triggers = append(triggers, e.Trigger)
		mu.Unlock()
	}
	ctx := t.Context()
	if _, err := rk.key(ctx, "kid-1", "RS256"); err != nil {
		t.Fatal(err)
	}

	c.Add(maxKeyAge / 2) // fresh: no refresh
	if _, err := rk.key(ctx, "kid-1", "RS256"); err != nil {
		t.Fatal(err)
	}
	if n := j.fetches.Load(); n != 1 {
		t.Fatalf("fetches = %d at half the key age, want 1", n)
	}

	// Three quarters of the way: the refresh starts, and the request goes
	// on with the cached keys while the JWKS endpoint hangs.
	hold := make(chan struct{})
	j.set(func(j *jwksServer) { j.hold, j.doc = hold, jwksJSON(t, []string{"kid-1", "kid-2"}, key, next) })
	c.Add(maxKeyAge/4 + time.Second)
	done := make(chan error, 1)
	go func() {
		_, err := rk.key(ctx, "kid-1", "RS256")
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a request waited for the scheduled JWKS refresh")
	}
	close(hold)
	waitForBackgroundRefresh(t, rk)
	if n := j.fetches.Load(); n != 2 {
		t.Fatalf("fetches = %d after the scheduled refresh, want 2", n)
	}
	// The refreshed set already has the new key: no on-demand fetch.
	if _, err := rk.key(ctx, "kid-2", "RS256"); err != nil {
		t.Fatalf("key from the background refresh: %v", err)
	}
	// An unknown kid still fetches on demand, once the interval allows.
	c.Add(2 * time.Minute)
	if _, err := rk.key(ctx, "kid-3", "RS256"); err == nil {
		t.Fatal("unknown kid accepted")
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []JWKSTrigger{JWKSInitial, JWKSScheduled, JWKSUnknownKid}; !slices.Equal(triggers, want) {
		t.Errorf("fetch triggers = %v, want %v", triggers, want)
	}
}

func TestJWKSFreshnessFollowsCacheControl(t *testing.T) {
	c := newClock()
	key, _ := rsaKeys(t)
	j := newJWKSServer(t, jwksJSON(t, []string{"kid-1"}, key))
	j.set(func(j *jwksServer) { j.cacheControl = "public, max-age=300" })
	rk := newRemoteKeys(j.srv.URL, noRedirectClient(nil), []string{"RS256"}, time.Minute, c.Now)
	ctx := t.Context()
	if _, err := rk.key(ctx, "kid-1", "RS256"); err != nil {
		t.Fatal(err)
	}
	c.Add(200 * time.Second) // before 3/4 of 300s
	rk.key(ctx, "kid-1", "RS256")
	waitForBackgroundRefresh(t, rk)
	if n := j.fetches.Load(); n != 1 {
		t.Fatalf("fetches = %d at 200s of max-age=300, want 1", n)
	}
	c.Add(30 * time.Second) // past 225s
	rk.key(ctx, "kid-1", "RS256")
	waitForBackgroundRefresh(t, rk)
	if n := j.fetches.Load(); n != 2 {
		t.Fatalf("fetches = %d at 230s of max-age=300, want 2", n)
	}
}

func TestFreshFor(t *testing.T) {
	for _, tc := range []struct {
		cacheControl []string
		want         time.Duration
	}{
		{nil, maxKeyAge},
		{[]string{"max-age=150"}, 150 * time.Second},
		{[]string{"public, max-age=240, must-revalidate"}, 4 * time.Minute},
		{[]string{`max-age="120"`}, 2 * time.Minute},
		{[]string{"public", "MAX-AGE=180"}, 3 * time.Minute},
		{[]string{"max-age=86400"}, maxKeyAge}, // capped
		{[]string{"max-age=5"}, minKeyAge},     // floored: no refetch storm
		{[]string{"max-age=0"}, minKeyAge},     //
		{[]string{"no-store"}, minKeyAge},      //
		{[]string{"max-age=600, no-cache"}, minKeyAge},
		{[]string{"max-age=soon"}, maxKeyAge}, // malformed: ignored
		{[]string{"max-age=-3"}, maxKeyAge},   //
		{[]string{"max-age=99999999999999999999"}, maxKeyAge},
	} {
		h := http.Header{"Cache-Control": tc.cacheControl}
		if got := freshFor(h); got != tc.want {
			t.Errorf("freshFor(%q) = %v, want %v", tc.cacheControl, got, tc.want)
		}
	}
}

// TestUnknownKidRefetchesAfterAStaleScheduledRefresh: a scheduled refresh
// that fetched the JWKS before a key was rotated in must not decide that
// the new kid is unknown. The request joins it, then fetches once more.
func TestUnknownKidRefetchesAfterAStaleScheduledRefresh(t *testing.T) {
	c := newClock()
	key, next := rsaKeys(t)
	j := newJWKSServer(t, jwksJSON(t, []string{"kid-1"}, key))
	rk := newRemoteKeys(j.srv.URL, noRedirectClient(nil), []string{"RS256"}, time.Minute, c.Now)
	ctx := t.Context()
	if _, err := rk.key(ctx, "kid-1", "RS256"); err != nil {
		t.Fatal(err)
	}

	// The scheduled refresh reads the old document, then hangs.
	hold := make(chan struct{})
	j.set(func(j *jwksServer) { j.hold = hold })
	c.Add(maxKeyAge*3/4 + time.Second)
	if _, err := rk.key(ctx, "kid-1", "RS256"); err != nil {
		t.Fatal(err)
	}
	for j.fetches.Load() < 2 {
		time.Sleep(time.Millisecond) // until the scheduled fetch has read the old document
	}
	// The key is rotated in; its first token arrives while the stale fetch runs.
	j.set(func(j *jwksServer) { j.hold, j.doc = nil, jwksJSON(t, []string{"kid-1", "kid-2"}, key, next) })
	done := make(chan error, 1)
	go func() {
		_, err := rk.key(ctx, "kid-2", "RS256")
		done <- err
	}()
	time.Sleep(50 * time.Millisecond) // let it join the stale fetch
	close(hold)
	if err := <-done; err != nil {
		t.Fatalf("a kid rotated in during a scheduled refresh: %v", err)
	}
	waitForBackgroundRefresh(t, rk)
	if n := j.fetches.Load(); n != 3 {
		t.Errorf("fetches = %d, want 3 (initial, scheduled, the new kid's)", n)
	}
	// A scheduled refresh does not use up the unknown-kid budget: a kid
	// unknown right after one still fetches (once per interval).
	c.Add(maxKeyAge)
	if _, err := rk.key(ctx, "kid-1", "RS256"); err != nil {
		t.Fatal(err)
	}
	waitForBackgroundRefresh(t, rk)
	c.Add(time.Minute)
	before := j.fetches.Load()
	if _, err := rk.key(ctx, "kid-9", "RS256"); err == nil {
		t.Fatal("unknown kid accepted")
	}
	if n := j.fetches.Load() - before; n != 1 {
		t.Errorf("an unknown kid after a scheduled refresh fetched %d times, want 1", n)
	}
}

// TestRefreshDroppingAKeyForgetsItsTokens: once a refresh (scheduled here,
// not RefreshKeys) finds a key removed, a token signed with it and
// verified before stops counting, though its exp is still ahead: a removed
// key is trusted at most maxKeyAge.
func TestRefreshDroppingAKeyForgetsItsTokens(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	signedIn := func(tok string) bool {
		var ok bool
		a.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { ok = IsAuthenticated(r.Context()) })).
			ServeHTTP(httptest.NewRecorder(), request("/", "better-auth.convex_jwt="+tok))
		return ok
	}
	tok := f.token()
	if !signedIn(tok) {
		t.Fatal("valid token refused")
	}
	_, other := rsaKeys(t)
	f.mu.Lock()
	f.jwks, f.key, f.kid = jwksJSON(t, []string{"kid-2"}, other), other, "kid-2" // kid-1 removed
	f.mu.Unlock()
	c.Add(maxKeyAge * 3 / 4)
	if !signedIn(tok) { // verified before: from the cache
		t.Fatal("the cached token was refused before any refresh")
	}
	// A verification (a token of the new key) is what starts a refresh.
	if !signedIn(f.token()) {
		t.Fatal("a token of the rotated-in key was refused")
	}
	waitForBackgroundRefresh(t, a.verifier.keys.(*remoteKeys))
	if signedIn(tok) {
		t.Errorf("a token of a removed key still counts after the refresh (exp in %v)", 15*time.Minute-maxKeyAge*3/4)
	}
}

// gateList is a DenyList whose first IsDenied waits for gate, holding a
// verification between its key lookup and its cache insert.
type gateList struct {
	once          sync.Once
	entered, gate chan struct{}
}

func (*gateList) Deny(context.Context, string, time.Time) error { return nil }

func (l *gateList) IsDenied(context.Context, string) (bool, error) {
	l.once.Do(func() {
		close(l.entered)
		<-l.gate
	})
	return false, nil
}

// TestTokenVerifiedDuringAKeyRemovalIsNotCached: a verification that looked
// up a key before a refresh removed it must not put its token into the
// cache the refresh has just emptied: it would count until its exp.
func TestTokenVerifiedDuringAKeyRemovalIsNotCached(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	l := &gateList{entered: make(chan struct{}), gate: make(chan struct{})}
	a := f.newAuth(WithDenyList(l))
	ctx := t.Context()
	tok := f.token()
	done := make(chan error, 1)
	go func() {
		_, _, err := a.verifyFrom(ctx, tok, SourceJWTCookie)
		done <- err
	}()
	<-l.entered // verified with kid-1, not yet cached
	_, other := rsaKeys(t)
	f.mu.Lock()
	f.jwks = jwksJSON(t, []string{"kid-2"}, other) // kid-1 removed
	f.mu.Unlock()
	if err := a.RefreshKeys(ctx); err != nil {
		t.Fatal(err)
	}
	close(l.gate)
	if err := <-done; err != nil {
		t.Fatalf("the verification in flight: %v", err)
	}
	if _, _, err := a.verifyFrom(ctx, tok, SourceJWTCookie); err == nil {
		t.Error("a token of the removed key still verifies (cached after the refresh)")
	}
}
