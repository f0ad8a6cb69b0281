package otelauth_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/betterauth/otelauth"
	"github.com/authgen/authgen/convex"
)

// telemetry is an Auth on an authtest deployment whose hooks report to
// in-memory exporters.
type telemetry struct {
	d      *authtest.Deployment
	auth   *betterauth.Auth
	spans  *tracetest.SpanRecorder
	tp     *sdktrace.TracerProvider
	reader *sdkmetric.ManualReader
}

func newTelemetry(t *testing.T) *telemetry {
	// A stopped clock: every token minted for a session is the same, so
	// which request hits which cache does not depend on timing.
	stopped := time.Now()
	tm := &telemetry{d: authtest.New(t, authtest.WithClock(func() time.Time { return stopped })), spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tm.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tm.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(tm.reader))
	hooks, err := otelauth.Hooks(otelauth.WithTracerProvider(tm.tp), otelauth.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	authtest.Query(tm.d, "messages:list", func(ctx context.Context, id *authtest.Identity, _ struct{}) (string, error) {
		if id == nil {
			return "", authtest.ConvexError("Unauthenticated")
		}
		return "hello " + id.Name(), nil
	})
	tm.auth, err = betterauth.New(tm.d.Config(), betterauth.WithHooks(hooks),
		betterauth.WithTokenRetry(1, 0), betterauth.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

var listMessages = convex.NewQuery[struct{}, string]("messages:list")

// serve sends a request with cookies through Middleware inside a server
// span named "GET /dashboard", and calls messages:list when signed in. It
// returns the server span's context.
func (tm *telemetry) serve(t *testing.T, cookies ...*http.Cookie) trace.SpanContext {
	t.Helper()
	ctx, span := tm.tp.Tracer("test").Start(context.Background(), "GET /dashboard", trace.WithSpanKind(trace.SpanKindServer))
	defer span.End()
	r := httptest.NewRequestWithContext(ctx, http.MethodGet, "/dashboard", nil)
	for _, c := range cookies {
		r.AddCookie(c)
	}
	tm.auth.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if betterauth.IsAuthenticated(r.Context()) {
			if _, err := betterauth.FetchAuthQuery(r.Context(), tm.auth, listMessages, struct{}{}); err != nil {
				t.Errorf("messages:list: %v", err)
			}
		}
	})).ServeHTTP(httptest.NewRecorder(), r)
	return span.SpanContext()
}

// collect returns the metrics by name.
func (tm *telemetry) collect(t *testing.T) map[string]metricdata.Aggregation {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := tm.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]metricdata.Aggregation{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != "github.com/authgen/authgen/betterauth/otelauth" {
			t.Errorf("scope %q", sm.Scope.Name)
		}
		for _, m := range sm.Metrics {
			out[m.Name] = m.Data
		}
	}
	return out
}

// counts flattens a counter into "k=v,k=v" → value.
func counts(t *testing.T, agg metricdata.Aggregation) map[string]int64 {
	t.Helper()
	sum, ok := agg.(metricdata.Sum[int64])
	if !ok {
		t.Fatalf("aggregation %T, want an int64 sum", agg)
	}
	out := map[string]int64{}
	for _, dp := range sum.DataPoints {
		out[attrString(dp.Attributes)] += dp.Value
	}
	return out
}

// histogramCounts flattens a histogram into "k=v,k=v" → number of recordings.
func histogramCounts(t *testing.T, agg metricdata.Aggregation) map[string]uint64 {
	t.Helper()
	h, ok := agg.(metricdata.Histogram[float64])
	if !ok {
		t.Fatalf("aggregation %T, want a float64 histogram", agg)
	}
	out := map[string]uint64{}
	for _, dp := range h.DataPoints {
		out[attrString(dp.Attributes)] += dp.Count
		if dp.Sum < 0 {
			t.Errorf("negative duration sum %v", dp.Sum)
		}
	}
	return out
}

func attrString(s attribute.Set) string {
	var out string
	for i, kv := range s.ToSlice() {
		if i > 0 {
			out += ","
		}
		out += string(kv.Key) + "=" + kv.Value.String()
	}
	return out
}

func cookieNamed(cookies []*http.Cookie, name string) *http.Cookie {
	for _, c := range cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestSpansAreChildrenOfTheRequest(t *testing.T) {
	tm := newTelemetry(t)
	cookies := tm.d.SignUp(t, "alice@example.com", "password1234", "Alice")
	session := cookieNamed(cookies, tm.d.SessionCookieName())
	parent := tm.serve(t, session) // mints: fetches the JWKS, calls Convex

	byName := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range tm.spans.Ended() {
		byName[s.Name()] = s
	}
	for _, name := range []string{"betterauth.mint", "betterauth.jwks.fetch", "convex.query"} {
		s, ok := byName[name]
		if !ok {
			t.Errorf("no %s span; spans: %v", name, byName)
			continue
		}
		if s.Parent().SpanID() != parent.SpanID() || s.SpanContext().TraceID() != parent.TraceID() {
			t.Errorf("%s: parent %v, want the request span %v", name, s.Parent().SpanID(), parent.SpanID())
		}
		if s.SpanKind() != trace.SpanKindClient || s.Status().Code == codes.Error || !s.EndTime().After(s.StartTime()) {
			t.Errorf("%s: kind %v status %v, start %v end %v", name, s.SpanKind(), s.Status(), s.StartTime(), s.EndTime())
		}
	}
	wantAttrs := map[string]map[attribute.Key]string{
		"betterauth.mint":       {"betterauth.result": "ok"},
		"betterauth.jwks.fetch": {"betterauth.jwks.trigger": "initial", "betterauth.result": "ok", "betterauth.jwks.keys": "1", "url.full": tm.d.AuthURL("convex/jwks")},
		"convex.query":          {"convex.function": "messages:list", "convex.function.kind": "query", "betterauth.result": "ok"},
	}
	for name, want := range wantAttrs {
		s, ok := byName[name]
		if !ok {
			continue
		}
		got := map[attribute.Key]string{}
		for _, kv := range s.Attributes() {
			got[kv.Key] = kv.Value.String()
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got[k], v)
			}
		}
	}
}

func TestMetricsCountRequestsByOutcomeAndReason(t *testing.T) {
	tm := newTelemetry(t)
	cookies := tm.d.SignUp(t, "alice@example.com", "password1234", "Alice")
	session := cookieNamed(cookies, tm.d.SessionCookieName())
	tm.serve(t, session) // minted
	tm.serve(t, session) // recent mint
	jwt := &http.Cookie{Name: tm.d.JWTCookieName(), Value: tm.d.Token(t, []*http.Cookie{session})}
	tm.serve(t, jwt) // the token Auth minted above (the clock is stopped): a cache hit
	tm.serve(t, jwt)
	tm.serve(t) // nobody
	tm.serve(t, &http.Cookie{Name: tm.d.JWTCookieName(), Value: "not.a.jwt"})
	bob := cookieNamed(tm.d.SignUp(t, "bob@example.com", "password1234", "Bob"), tm.d.SessionCookieName())
	tm.d.FailTokenEndpoint(http.StatusBadGateway, 1)
	tm.serve(t, bob) // token endpoint down

	m := tm.collect(t)
	wantRequests := map[string]int64{
		"betterauth.outcome=authenticated,betterauth.reason=none,betterauth.source=session_cookie":              2,
		"betterauth.outcome=authenticated,betterauth.reason=none,betterauth.source=jwt_cookie":                  2,
		"betterauth.outcome=anonymous,betterauth.reason=no_session,betterauth.source=none":                      1,
		"betterauth.outcome=anonymous,betterauth.reason=malformed_token,betterauth.source=jwt_cookie":           1,
		"betterauth.outcome=unavailable,betterauth.reason=token_endpoint_down,betterauth.source=session_cookie": 1,
	}
	assertCounts(t, "betterauth.requests", counts(t, m["betterauth.requests"]), wantRequests)
	assertCounts(t, "betterauth.cache.hits", counts(t, m["betterauth.cache.hits"]), map[string]int64{
		"betterauth.cache=mint":  1,
		"betterauth.cache=token": 2,
	})
	assertCounts(t, "betterauth.verify.failures", counts(t, m["betterauth.verify.failures"]), map[string]int64{
		"betterauth.reason=malformed_token,betterauth.source=jwt_cookie": 1,
	})
	assertCounts(t, "betterauth.jwks.fetches", counts(t, m["betterauth.jwks.fetches"]), map[string]int64{
		"betterauth.jwks.trigger=initial,betterauth.result=ok": 1,
	})
	if got := histogramCounts(t, m["betterauth.mint.duration"]); got["betterauth.result=ok"] != 1 || got["betterauth.result=error"] != 1 || len(got) != 2 {
		t.Errorf("betterauth.mint.duration counts %v, want one ok and one error", got)
	}
	if got := histogramCounts(t, m["betterauth.convex.duration"]); got["betterauth.result=ok,convex.function.kind=query"] != 4 || len(got) != 1 {
		t.Errorf("betterauth.convex.duration counts %v, want 4 successful queries", got)
	}

	// The failed mint's span says so.
	var failed int
	for _, s := range tm.spans.Ended() {
		if s.Name() == "betterauth.mint" && s.Status().Code == codes.Error {
			failed++
			if len(s.Events()) == 0 || s.Events()[0].Name != "exception" {
				t.Errorf("failed mint span has no exception event: %v", s.Events())
			}
		}
	}
	if failed != 1 {
		t.Errorf("%d mint spans with status Error, want 1", failed)
	}
}

func TestRefusedSessionCookieIsNotASpanError(t *testing.T) {
	tm := newTelemetry(t)
	tm.serve(t, &http.Cookie{Name: tm.d.SessionCookieName(), Value: "forged.c2lnbmF0dXJl"})
	m := tm.collect(t)
	if got := histogramCounts(t, m["betterauth.mint.duration"]); got["betterauth.result=no_session"] != 1 {
		t.Errorf("betterauth.mint.duration counts %v, want one no_session", got)
	}
	for _, s := range tm.spans.Ended() {
		if s.Name() == "betterauth.mint" && s.Status().Code == codes.Error {
			t.Errorf("a refused session cookie marked the mint span failed: %v", s.Status())
		}
	}
	assertCounts(t, "betterauth.requests", counts(t, m["betterauth.requests"]), map[string]int64{
		"betterauth.outcome=anonymous,betterauth.reason=session_invalid,betterauth.source=session_cookie": 1,
	})
}

func assertCounts(t *testing.T, name string, got, want map[string]int64) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s{%s} = %d, want %d", name, k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s{%s} = %d, not expected", name, k, v)
		}
	}
}
