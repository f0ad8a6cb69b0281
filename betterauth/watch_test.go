package betterauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/convex"
)

// testClock is a settable clock shared by the fake deployment and the runtime.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// requestContext runs Middleware on a request carrying cookies and returns
// the handler's context, as an SSE handler would hold it.
func requestContext(t *testing.T, a *betterauth.Auth, cookies []*http.Cookie) context.Context {
	t.Helper()
	req := httptest.NewRequest("GET", "/live", nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	var ctx context.Context
	a.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { ctx = r.Context() })).ServeHTTP(httptest.NewRecorder(), req)
	return ctx
}

type watchItem struct {
	name *string
	err  error
}

func watchWho(ctx context.Context, a *betterauth.Auth) <-chan watchItem {
	out := make(chan watchItem, 16)
	go func() {
		defer close(out)
		for v, err := range betterauth.Watch[*string](ctx, a, "auth:whoami", nil) {
			out <- watchItem{v, err}
		}
	}()
	return out
}

func nextItem(t *testing.T, ch <-chan watchItem) watchItem {
	t.Helper()
	select {
	case it, ok := <-ch:
		if !ok {
			t.Fatal("the watch ended")
		}
		return it
	case <-time.After(10 * time.Second):
		t.Fatal("no item within 10 s")
	}
	return watchItem{}
}

func registerWhoami(d *authtest.Deployment) {
	authtest.Query(d, "auth:whoami", func(_ context.Context, id *authtest.Identity, _ struct{}) (*string, error) {
		if id == nil {
			return nil, nil
		}
		name := id.Name()
		return &name, nil
	})
}

func TestWatchRunsAsTheRequestsUserAndPoolsSockets(t *testing.T) {
	d := authtest.New(t)
	registerWhoami(d)
	a, err := betterauth.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	ada := requestContext(t, a, d.SignUp(t, "ada@example.com", "password1234", "Ada"))
	anon := requestContext(t, a, nil)
	adaCtx, cancelAda := context.WithCancel(ada)
	defer cancelAda()
	anonCtx, cancelAnon := context.WithCancel(anon)
	defer cancelAnon()

	first, second := watchWho(adaCtx, a), watchWho(adaCtx, a)
	nobody := watchWho(anonCtx, a)
	for _, ch := range []<-chan watchItem{first, second} {
		for {
			it := nextItem(t, ch)
			if it.err != nil {
				t.Fatal(it.err)
			}
			if it.name != nil && *it.name == "Ada" {
				break
			}
		}
	}
	if it := nextItem(t, nobody); it.err != nil || it.name != nil {
		t.Fatalf("anonymous watch: %v %v, want nil", it.name, it.err)
	}
	if n := d.SyncSessions(); n != 2 {
		t.Fatalf("%d sync sockets, want 2 (one for Ada's session, one anonymous)", n)
	}
}

func TestWatchEndsUnauthenticatedWhenTheSessionIsRevoked(t *testing.T) {
	clock := &testClock{now: time.Now()}
	d := authtest.New(t, authtest.WithClock(clock.Now))
	registerWhoami(d)
	a, err := betterauth.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	cookies := d.SignUp(t, "bob@example.com", "password1234", "Bob")
	ctx, cancel := context.WithCancel(requestContext(t, a, cookies))
	defer cancel()
	items := watchWho(ctx, a)
	for {
		it := nextItem(t, items)
		if it.err != nil {
			t.Fatal(it.err)
		}
		if it.name != nil {
			break
		}
	}
	// Signed out elsewhere: the session is gone; once the token expires the
	// deployment rejects it, a fresh mint answers 401, and the watch ends.
	signOutAtBetterAuth(t, d, cookies)
	clock.Advance(16 * time.Minute)
	// A mint racing the clock change may fail on the way (an item, not the
	// end); the last item must be the unauthenticated error.
	for {
		it := nextItem(t, items)
		if errors.Is(it.err, convex.ErrUnauthenticated) {
			break
		}
	}
	select {
	case _, open := <-items:
		if open {
			t.Fatal("items after the terminal error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not end")
	}
}

// heldMints is a transport that holds token requests while held is open.
type heldMints struct {
	mu   sync.Mutex
	held chan struct{} // nil: not held
}

// hold holds the token requests from now on, until release is called.
func (h *heldMints) hold() (release func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.held = make(chan struct{})
	return func() { close(h.held) }
}

func (h *heldMints) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	held := h.held
	h.mu.Unlock()
	if held != nil && strings.HasSuffix(r.URL.Path, "/convex/token") {
		select {
		case <-held:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

// The mint fails once, at the refresh that follows the first token's
// confirmation: the watch yields that error, not the end, and once the
// retried mint works, the user's result again, though the deployment sends
// no unchanged result after the new token.
func TestWatchShowsItsResultAgainAfterTheMintFailsOnce(t *testing.T) {
	d := authtest.New(t)
	registerWhoami(d)
	cookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	cfg := d.Config()
	mints := &heldMints{}
	cfg.HTTPClient = &http.Client{Transport: mints}
	// One mint attempt: the endpoint's one failure reaches the watch.
	a, err := betterauth.New(cfg, betterauth.WithTokenRetry(1, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(requestContext(t, a, cookies))
	defer cancel()
	release := mints.hold()
	items := watchSignedIn(t, ctx, a, "Ada") // the refresh's mint waits meanwhile
	d.FailTokenEndpoint(http.StatusServiceUnavailable, 1)
	release()
	if it := nextItem(t, items); it.err == nil || errors.Is(it.err, convex.ErrUnauthenticated) {
		t.Fatalf("after the failed mint: %v %v, want its error as an item", it.name, it.err)
	}
	if it := nextItem(t, items); it.err != nil || it.name == nil || *it.name != "Ada" {
		t.Fatalf("after the mint recovered: %v %v, want Ada", it.name, it.err)
	}
}

// signOutThrough posts a sign-out with the browser's cookies to the app's
// AuthHandler, as the page's sign-out button does.
func signOutThrough(t *testing.T, a *betterauth.Auth, cookies []*http.Cookie) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "http://app.example/api/auth/sign-out", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://app.example")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	w := httptest.NewRecorder()
	a.AuthHandler().ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Fatalf("sign-out: %d %s", w.Code, w.Body)
	}
}

// watchSignedIn opens a watch for ctx's user and waits for its name.
func watchSignedIn(t *testing.T, ctx context.Context, a *betterauth.Auth, name string) <-chan watchItem {
	t.Helper()
	items := watchWho(ctx, a)
	for {
		it := nextItem(t, items)
		if it.err != nil {
			t.Fatal(it.err)
		}
		if it.name != nil && *it.name == name {
			return items
		}
	}
}

// endsUnauthenticated checks that the next item, within bound, is an
// unauthenticated error and the last one.
func endsUnauthenticated(t *testing.T, items <-chan watchItem, bound time.Duration) {
	t.Helper()
	start := time.Now()
	select {
	case it, open := <-items:
		if !open || !errors.Is(it.err, convex.ErrUnauthenticated) {
			t.Fatalf("after the sign-out: %v %v (open %v), want an unauthenticated error", it.name, it.err, open)
		}
	case <-time.After(bound):
		t.Fatalf("the watch still runs %v after the sign-out", bound)
	}
	select {
	case it, open := <-items:
		if open {
			t.Fatalf("an item after the terminal error: %v %v", it.name, it.err)
		}
	case <-time.After(time.Second):
		t.Fatal("the watch did not end after its terminal error")
	}
	t.Logf("ended %v after the sign-out", time.Since(start))
}

// stillRuns checks that a watch yields nothing and does not end for d.
func stillRuns(t *testing.T, items <-chan watchItem, d time.Duration) {
	t.Helper()
	select {
	case it, open := <-items:
		t.Fatalf("another session's watch: %v %v (open %v), want it to go on", it.name, it.err, open)
	case <-time.After(d):
	}
}

func TestWatchEndsAtOnceWhenSignedOutThroughAuthHandler(t *testing.T) {
	d := authtest.New(t)
	registerWhoami(d)
	a, err := betterauth.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	adaCookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	ada, cancelAda := context.WithCancel(requestContext(t, a, adaCookies))
	defer cancelAda()
	bob, cancelBob := context.WithCancel(requestContext(t, a, d.SignUp(t, "bob@example.com", "password1234", "Bob")))
	defer cancelBob()
	first, second := watchSignedIn(t, ada, a, "Ada"), watchSignedIn(t, ada, a, "Ada")
	bobs := watchSignedIn(t, bob, a, "Bob")

	// The token is good for 15 minutes and the clock stands still: only the
	// sign-out can end the watches.
	signOutThrough(t, a, adaCookies)
	endsUnauthenticated(t, first, time.Second)
	endsUnauthenticated(t, second, time.Second)
	stillRuns(t, bobs, 200*time.Millisecond)

	// A watch opened later by a request that still holds the session (an
	// SSE handler that began before the sign-out) ends the same way.
	endsUnauthenticated(t, watchWho(ada, a), 5*time.Second)
}

// sharedList is a DenyList shared by replicas in memory, standing in for
// redisstore's; IsDenied fails for the sessions in broken (Redis down).
type sharedList struct {
	mu     sync.Mutex
	until  map[string]time.Time
	broken map[string]bool
}

func (l *sharedList) Deny(_ context.Context, id string, until time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if until.After(l.until[id]) {
		l.until[id] = until
	}
	return nil
}

func (l *sharedList) IsDenied(_ context.Context, id string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.broken[id] {
		return false, errors.New("shared list unreachable")
	}
	return time.Now().Before(l.until[id]), nil
}

func (l *sharedList) breakFor(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.broken[id] = true
}

// twoReplicas is two Auths on d sharing list, as two servers behind a load
// balancer.
func twoReplicas(t *testing.T, d *authtest.Deployment, list betterauth.DenyList) [2]*betterauth.Auth {
	t.Helper()
	var replicas [2]*betterauth.Auth
	for i := range replicas {
		a, err := betterauth.New(d.Config(), betterauth.WithDenyList(list))
		if err != nil {
			t.Fatal(err)
		}
		replicas[i] = a
	}
	return replicas
}

func TestWatchEndsWhenSignedOutOnAnotherReplica(t *testing.T) {
	d := authtest.New(t)
	registerWhoami(d)
	list := &sharedList{until: map[string]time.Time{}, broken: map[string]bool{}}
	replicas := twoReplicas(t, d, list)
	adaCookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	ada, cancelAda := context.WithCancel(requestContext(t, replicas[1], adaCookies))
	defer cancelAda()
	bob, cancelBob := context.WithCancel(requestContext(t, replicas[1], d.SignUp(t, "bob@example.com", "password1234", "Bob")))
	defer cancelBob()
	adas, bobs := watchSignedIn(t, ada, replicas[1], "Ada"), watchSignedIn(t, bob, replicas[1], "Bob")
	// The list cannot answer for Bob: an outage, which must not end his watch.
	bobSession, _ := betterauth.SessionFromContext(bob)
	list.breakFor(bobSession.SessionID)

	signOutThrough(t, replicas[0], adaCookies)
	endsUnauthenticated(t, adas, 3*time.Second) // one check interval (1 s) and slack
	// Bob's token refreshes fail meanwhile (items); his watch must not end.
	deadline := time.After(1500 * time.Millisecond)
	for {
		select {
		case it, open := <-bobs:
			if !open || errors.Is(it.err, convex.ErrUnauthenticated) {
				t.Fatalf("Bob's watch ended (%v, open %v) while the shared list could not answer", it.err, open)
			}
			continue
		case <-deadline:
		}
		break
	}
}

// feedList is a DenyList that announces denials (a DenialFeed) and whose
// IsDenied never says denied: only the announcement can end a watch.
type feedList struct {
	mu  sync.Mutex
	fns []func(string)
}

func (l *feedList) Deny(_ context.Context, id string, _ time.Time) error {
	l.mu.Lock()
	fns := l.fns
	l.mu.Unlock()
	for _, fn := range fns {
		fn(id)
	}
	return nil
}

func (*feedList) IsDenied(context.Context, string) (bool, error) { return false, nil }

func (l *feedList) OnDenied(fn func(string)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fns = append(l.fns, fn)
}

// TestWatchEndsAtOnceWithADenialFeed: with a DenyList that announces
// denials, a sign-out on one replica ends the session's watches on another
// when announced, without polling the list.
func TestWatchEndsAtOnceWithADenialFeed(t *testing.T) {
	d := authtest.New(t)
	registerWhoami(d)
	list := &feedList{}
	replicas := twoReplicas(t, d, list)
	adaCookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	ada, cancel := context.WithCancel(requestContext(t, replicas[1], adaCookies))
	defer cancel()
	adas := watchSignedIn(t, ada, replicas[1], "Ada")
	signOutThrough(t, replicas[0], adaCookies)
	endsUnauthenticated(t, adas, 3*time.Second)
}

// signOutAtBetterAuth signs the session out at Better Auth directly, as
// another device or an admin would: the app hears nothing of it.
func signOutAtBetterAuth(t *testing.T, d *authtest.Deployment, cookies []*http.Cookie) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, d.AuthURL("/sign-out"), strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", d.SiteURL())
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-out at Better Auth: %s", resp.Status)
	}
}

// TestWatchEndsWhenRevokedInBetterAuthAlone: a session signed out at Better
// Auth without the app hearing of it ends its watches at the next session
// check, long before its token would be refreshed.
func TestWatchEndsWhenRevokedInBetterAuthAlone(t *testing.T) {
	d := authtest.New(t)
	registerWhoami(d)
	cfg := d.Config()
	var ahead atomic.Int64 // how far Auth's clock is ahead of the real one
	cfg.Now = func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) }
	a, err := betterauth.New(cfg, betterauth.WithWatchSessionCheck(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	cookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	ctx, cancel := context.WithCancel(requestContext(t, a, cookies))
	defer cancel()
	items := watchSignedIn(t, ctx, a, "Ada")
	// The socket's first token refresh follows its confirmation at once;
	// after it, only the check asks Better Auth (the next refresh is
	// minutes away).
	stillRuns(t, items, 500*time.Millisecond)
	signOutAtBetterAuth(t, d, cookies)
	// Past the minute the page request's mint is remembered for: the next
	// check asks Better Auth.
	ahead.Store(int64(61 * time.Second))
	endsUnauthenticated(t, items, 5*time.Second)
}

// TestDenyListLookUpsDoNotWaitForSessionChecks: with Better Auth slow to
// answer the session checks, a sign-out on another replica still ends the
// watch within the look-up interval.
func TestDenyListLookUpsDoNotWaitForSessionChecks(t *testing.T) {
	d := authtest.New(t)
	registerWhoami(d)
	list := &sharedList{until: map[string]time.Time{}, broken: map[string]bool{}}
	var ahead atomic.Int64
	var replicas [2]*betterauth.Auth
	for i := range replicas {
		cfg := d.Config()
		cfg.Now = func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) }
		a, err := betterauth.New(cfg, betterauth.WithDenyList(list), betterauth.WithWatchSessionCheck(300*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		replicas[i] = a
	}
	adaCookies := d.SignUp(t, "ada@example.com", "password1234", "Ada")
	bobCookies := d.SignUp(t, "bob@example.com", "password1234", "Bob")
	ada, cancelAda := context.WithCancel(requestContext(t, replicas[1], adaCookies))
	defer cancelAda()
	bob, cancelBob := context.WithCancel(requestContext(t, replicas[1], bobCookies))
	defer cancelBob()
	adas := watchSignedIn(t, ada, replicas[1], "Ada")
	watchSignedIn(t, bob, replicas[1], "Bob")
	stillRuns(t, adas, 500*time.Millisecond) // past the refresh that follows confirmation
	// The checks now mint (the recent mints are a minute old), and each
	// mint hangs for 6 s.
	d.DelayTokenEndpoint(6 * time.Second)
	ahead.Store(int64(61 * time.Second))
	time.Sleep(400 * time.Millisecond) // a round of checks is under way
	// Another replica signed Ada out: the shared list has it.
	s, _ := betterauth.SessionFromContext(ada)
	if err := list.Deny(context.Background(), s.SessionID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	endsUnauthenticated(t, adas, 3*time.Second)
}
