package betterauth

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authgen/authgen/convex"
)

// fakeConvex answers /api/query, /api/mutation and /api/action: 401 for
// rejected tokens (as the backend does before running a function), else
// success with the subject it saw.
type fakeConvex struct {
	srv      *httptest.Server
	mu       sync.Mutex
	rejected map[string]bool
	calls    map[string][]string // endpoint → bearer tokens, in order
}

func newFakeConvex(t *testing.T) *fakeConvex {
	fc := &fakeConvex{rejected: map[string]bool{}, calls: map[string][]string{}}
	fc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		fc.mu.Lock()
		fc.calls[r.URL.Path] = append(fc.calls[r.URL.Path], tok)
		rejected := fc.rejected[tok]
		fc.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if rejected {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"code":"NoAuthProvider","message":"No auth provider found matching the given token"}`)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"status": "success", "value": "ok"})
	}))
	t.Cleanup(fc.srv.Close)
	return fc
}

func (fc *fakeConvex) tokens(path string) []string {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	return append([]string(nil), fc.calls[path]...)
}

// withRequest runs fn inside Middleware for a request carrying cookie.
func withRequest(a *Auth, cookie string, fn func(ctx context.Context)) {
	a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fn(r.Context()) })).
		ServeHTTP(httptest.NewRecorder(), request("/", cookie))
}

// newConvexAuth is an Auth on fake site f that calls fc as its Convex
// deployment, minting once without retries.
func newConvexAuth(t *testing.T, f *fakeSite, fc *fakeConvex) *Auth {
	t.Helper()
	cfg := f.config()
	cfg.ConvexURL = fc.srv.URL
	a, err := New(cfg, WithTokenRetry(1, 0))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// refusedTokenSetup is a signed-in request's world in which Convex refuses
// the JWT cookie (old) and the session cookie mints a different one.
func refusedTokenSetup(t *testing.T, f *fakeSite, c *clock) (fc *fakeConvex, a *Auth, old string) {
	fc = newFakeConvex(t)
	a = newConvexAuth(t, f, fc)
	knowSessionCookie(a, sessionCookie, "sess_1")
	old = f.token()
	fc.rejected[old] = true
	c.Add(time.Second) // the re-mint then yields a different token
	return fc, a, old
}

func TestFetchAuthQueryRetriesOnceWithFreshToken(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	fc, a, old := refusedTokenSetup(t, f, c)
	q := convex.NewQuery[struct{}, string]("messages:list")
	m := convex.NewMutation[struct{}, string]("messages:send")
	act := convex.NewAction[struct{}, string]("messages:act")

	withRequest(a, "better-auth.convex_jwt="+old+"; "+sessionCookie, func(ctx context.Context) {
		got, err := FetchAuthQuery(ctx, a, q, struct{}{})
		if err != nil || got != "ok" {
			t.Fatalf("query: %q %v", got, err)
		}
		if toks := fc.tokens("/api/query"); len(toks) != 2 || toks[0] != old || toks[1] == old {
			t.Errorf("query tokens %d, want the old then a fresh one", len(toks))
		}
		if f.mints.Load() != 1 {
			t.Errorf("mints = %d, want 1", f.mints.Load())
		}
		if _, pre, err := PreloadAuthQuery(ctx, a, q, struct{}{}); err != nil || pre.Name != "messages:list" || f.mints.Load() != 1 {
			t.Errorf("preload: %+v %v (mints %d, want the fresh token reused)", pre, err, f.mints.Load())
		}

		fresh, _ := Token(ctx)
		if fresh == old {
			t.Fatal("context still holds the rejected token after the re-mint")
		}
		fc.mu.Lock()
		fc.rejected[fresh] = true
		fc.mu.Unlock()
		mintsBefore := f.mints.Load()
		_, err = FetchAuthMutation(ctx, a, m, struct{}{})
		if !errors.Is(err, convex.ErrUnauthenticated) {
			t.Errorf("mutation err %v, want ErrUnauthenticated", err)
		}
		_, err = FetchAuthAction(ctx, a, act, struct{}{})
		if !errors.Is(err, convex.ErrUnauthenticated) {
			t.Errorf("action err %v, want ErrUnauthenticated", err)
		}
		if n := len(fc.tokens("/api/mutation")) + len(fc.tokens("/api/action")); n != 2 {
			t.Errorf("mutation+action calls = %d, want 2 (never retried)", n)
		}
		if f.mints.Load() != mintsBefore {
			t.Error("a mutation or action re-minted")
		}
	})

	// Anonymous requests send no token and are not retried.
	withRequest(a, "", func(ctx context.Context) {
		if _, err := FetchAuthQuery(ctx, a, q, struct{}{}); err != nil {
			t.Fatal(err)
		}
	})
	if toks := fc.tokens("/api/query"); toks[len(toks)-1] != "" {
		t.Errorf("anonymous query sent a token")
	}
}

// TestFetchAuthQueryReMintLeavesTheResponseAlone: the re-mint after Convex
// refused the token serves the rest of the request, from any goroutine,
// without touching the response the handler is writing (a concurrent
// header write would be a fatal error); when the session is gone, the rest
// of the request is anonymous. The next request's Middleware brings the
// browser's cookies up to date.
func TestFetchAuthQueryReMintLeavesTheResponseAlone(t *testing.T) {
	const extended = "better-auth.session_token=sess-abc.sig; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"
	const cleared = "better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"
	q := convex.NewQuery[struct{}, string]("messages:list")
	setup := func(t *testing.T) (*fakeSite, *Auth, string) {
		c := newClock()
		f := newFakeSite(t, c)
		f.mintSetCookie, f.deniedSetCookie = extended, cleared
		_, a, old := refusedTokenSetup(t, f, c)
		return f, a, old
	}
	// serve runs fn twice at once while the handler writes its headers.
	serve := func(a *Auth, cookie string, fn func(ctx context.Context)) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() { fn(r.Context()) })
			}
			for i := range 100 {
				w.Header().Set("X-Tick", strconv.Itoa(i))
			}
			wg.Wait()
		})).ServeHTTP(w, request("/", cookie))
		return w
	}
	cookie := func(old string) string { return "better-auth.convex_jwt=" + old + "; " + sessionCookie }

	t.Run("fresh token", func(t *testing.T) {
		f, a, old := setup(t)
		w := serve(a, cookie(old), func(ctx context.Context) {
			if got, err := FetchAuthQuery(ctx, a, q, struct{}{}); err != nil || got != "ok" {
				t.Errorf("query: %q %v", got, err)
			}
			if tok, _ := Token(ctx); tok == old {
				t.Error("the request still holds the refused token")
			}
		})
		if n := f.mints.Load(); n < 1 || n > 2 {
			t.Errorf("mints = %d, want 1 or 2 (one per call at most)", n)
		}
		if sc := w.Result().Header.Values("Set-Cookie"); len(sc) != 0 {
			t.Errorf("Set-Cookie %q written from the handler's calls, want none", sc)
		}
	})

	t.Run("revoked", func(t *testing.T) {
		f, a, old := setup(t)
		f.mu.Lock()
		f.validCookie = "" // signed out elsewhere: the session cookie no longer mints
		f.mu.Unlock()
		serve(a, cookie(old), func(ctx context.Context) {
			if !IsAuthenticated(ctx) {
				t.Error("the JWT cookie was valid when the request was resolved")
			}
			if _, err := FetchAuthQuery(ctx, a, q, struct{}{}); !errors.Is(err, convex.ErrUnauthenticated) {
				t.Errorf("query err %v, want ErrUnauthenticated", err)
			}
			if IsAuthenticated(ctx) {
				t.Error("still signed in after the token endpoint said the session is gone")
			}
		})
	})
}
