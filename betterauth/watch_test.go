package betterauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
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
	req, _ := http.NewRequest("POST", d.AuthURL("sign-out"), nil)
	req.Header.Set("Origin", d.SiteURL())
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
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
