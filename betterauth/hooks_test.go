package betterauth

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"

	"github.com/authgen/authgen/convex"
)

// recorder collects every hook event.
type recorder struct {
	mu       sync.Mutex
	resolves []ResolveEvent
	mints    []MintEvent
	fetches  []JWKSFetchEvent
	failures []VerifyFailureEvent
	calls    []ConvexCallEvent
}

func (r *recorder) hooks() Hooks {
	return Hooks{
		OnResolve: func(_ context.Context, e ResolveEvent) {
			r.mu.Lock()
			r.resolves = append(r.resolves, e)
			r.mu.Unlock()
		},
		OnMint: func(_ context.Context, e MintEvent) { r.mu.Lock(); r.mints = append(r.mints, e); r.mu.Unlock() },
		OnJWKSFetch: func(_ context.Context, e JWKSFetchEvent) {
			r.mu.Lock()
			r.fetches = append(r.fetches, e)
			r.mu.Unlock()
		},
		OnVerifyFailure: func(_ context.Context, e VerifyFailureEvent) {
			r.mu.Lock()
			r.failures = append(r.failures, e)
			r.mu.Unlock()
		},
		OnConvexCall: func(_ context.Context, e ConvexCallEvent) { r.mu.Lock(); r.calls = append(r.calls, e); r.mu.Unlock() },
	}
}

// lastResolve returns the latest OnResolve event.
func (r *recorder) lastResolve(t *testing.T) ResolveEvent {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.resolves) == 0 {
		t.Fatal("OnResolve not called")
	}
	return r.resolves[len(r.resolves)-1]
}

func TestHooksDescribeEachResolution(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	var rec recorder
	a := f.newAuth(WithHooks(rec.hooks()))
	tok := f.token()

	for _, tc := range []struct {
		name string
		r    *http.Request
		want ResolveEvent
	}{
		{"no credential", request("/", ""), ResolveEvent{Outcome: OutcomeAnonymous, Reason: ReasonNoSession, Source: SourceNone}},
		{"jwt cookie, first time", request("/", "better-auth.convex_jwt="+tok), ResolveEvent{Outcome: OutcomeAuthenticated, Source: SourceJWTCookie}},
		{"jwt cookie, again", request("/", "better-auth.convex_jwt="+tok), ResolveEvent{Outcome: OutcomeAuthenticated, Source: SourceJWTCookie, Cached: true}},
		{"bearer", withAuthorization("", "Bearer "+tok), ResolveEvent{Outcome: OutcomeAuthenticated, Source: SourceBearer, Cached: true}},
		{"session cookie, minted", request("/", f.validCookie), ResolveEvent{Outcome: OutcomeAuthenticated, Source: SourceSessionCookie}},
		{"session cookie, recent mint", request("/", f.validCookie), ResolveEvent{Outcome: OutcomeAuthenticated, Source: SourceSessionCookie, Cached: true}},
		{"refused session cookie", request("/", "better-auth.session_token=nope.sig"), ResolveEvent{Outcome: OutcomeAnonymous, Reason: ReasonSessionInvalid, Source: SourceSessionCookie}},
		{"forged jwt", request("/", "better-auth.convex_jwt="+tok[:len(tok)-4]+"AAAA"), ResolveEvent{Outcome: OutcomeAnonymous, Reason: ReasonBadSignature, Source: SourceJWTCookie}},
	} {
		sessionOf(a, tc.r)
		if got := rec.lastResolve(t); got != tc.want {
			t.Errorf("%s: OnResolve got %+v, want %+v", tc.name, got, tc.want)
		}
	}

	rec.mu.Lock()
	if len(rec.mints) != 2 || rec.mints[0].Err != nil || rec.mints[1].Err == nil || !rec.mints[1].NoSession || rec.mints[0].Duration <= 0 {
		t.Errorf("OnMint events %+v, want one success and one refused session", rec.mints)
	}
	if len(rec.fetches) != 1 || rec.fetches[0].Trigger != JWKSInitial || rec.fetches[0].Keys != 1 || rec.fetches[0].Err != nil {
		t.Errorf("OnJWKSFetch events %+v, want one initial fetch of 1 key", rec.fetches)
	}
	if len(rec.failures) != 1 || rec.failures[0].Reason != ReasonBadSignature || rec.failures[0].Source != SourceJWTCookie || !errors.Is(rec.failures[0].Err, ErrInvalidToken) {
		t.Errorf("OnVerifyFailure events %+v, want one bad signature on the jwt cookie", rec.failures)
	}
	rec.mu.Unlock()

	// The token endpoint failing is an outage, reported as such.
	f.mu.Lock()
	f.tokenStatus = []int{502, 502, 502}
	f.validCookie = "better-auth.session_token=other.sig"
	f.mu.Unlock()
	sessionOf(a, request("/", f.validCookie))
	if got := rec.lastResolve(t); got.Outcome != OutcomeUnavailable || got.Reason != ReasonTokenEndpointDown || !errors.Is(got.Err, ErrTokenEndpoint) {
		t.Errorf("token endpoint down: OnResolve got %+v", got)
	}
}

func TestHooksTimeConvexCalls(t *testing.T) {
	f := newFakeSite(t, newClock())
	fc := newFakeConvex(t)
	cfg := f.config()
	cfg.ConvexURL = fc.srv.URL
	var rec recorder
	var second int
	a, err := New(cfg, WithHooks(rec.hooks()), WithHooks(Hooks{OnConvexCall: func(context.Context, ConvexCallEvent) { second++ }}))
	if err != nil {
		t.Fatal(err)
	}
	tok := f.token()
	fc.rejected[tok] = true
	withRequest(a, "better-auth.convex_jwt="+tok, func(ctx context.Context) {
		FetchAuthQuery(ctx, a, convex.NewQuery[struct{}, string]("messages:list"), struct{}{})
		FetchAuthMutation(ctx, a, convex.NewMutation[struct{}, string]("messages:send"), struct{}{})
	})
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.calls) != 2 || second != 2 {
		t.Fatalf("OnConvexCall: %d events (second hook set %d), want 2 each", len(rec.calls), second)
	}
	q, m := rec.calls[0], rec.calls[1]
	if q.Kind != "query" || q.Path != "messages:list" || !errors.Is(q.Err, convex.ErrUnauthenticated) || q.Duration <= 0 {
		t.Errorf("query event %+v", q)
	}
	if m.Kind != "mutation" || m.Path != "messages:send" || m.Err == nil {
		t.Errorf("mutation event %+v", m)
	}
}
