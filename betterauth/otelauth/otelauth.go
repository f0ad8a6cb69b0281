// Package otelauth reports what package betterauth does as OpenTelemetry
// spans and metrics. It lives in its own package so that programs that do
// not use OpenTelemetry do not import it.
//
//	hooks, err := otelauth.Hooks() // the global tracer and meter providers
//	if err != nil { ... }
//	auth, err := betterauth.New(cfg, betterauth.WithHooks(hooks))
//
// Spans (kind client), children of the span in the request's context (put
// there by otelhttp or your own middleware); a mint or key fetch shared by
// concurrent requests is a child of the request that started it:
//
//	betterauth.mint        exchange of a session cookie for a JWT
//	betterauth.jwks.fetch  fetch of the deployment's JWKS
//	convex.query, convex.mutation, convex.action
//	                       a call FetchAuthQuery & co. made (attribute convex.function)
//
// Metrics (meter "github.com/authgen/authgen/betterauth/otelauth"):
//
//	betterauth.requests          counter: requests Middleware resolved, by
//	                             betterauth.outcome, betterauth.reason, betterauth.source
//	betterauth.cache.hits        counter: requests answered from a cache, by
//	                             betterauth.cache (token or mint)
//	betterauth.verify.failures   counter: refused tokens, by betterauth.reason, betterauth.source
//	betterauth.mint.duration     histogram (s): token endpoint exchanges, by betterauth.result
//	                             (ok, no_session, error)
//	betterauth.jwks.fetches      counter: JWKS fetches, by betterauth.jwks.trigger
//	                             (initial, unknown_kid, scheduled) and betterauth.result (ok, error)
//	betterauth.convex.duration   histogram (s): Convex calls, by convex.function.kind and betterauth.result
//
// Every attribute value comes from a closed set (betterauth.Reasons() for
// reasons), so the metrics' cardinality is bounded. betterauth.requests and
// betterauth.cache.hits are observable counters: a request costs one or two
// atomic adds, read when the meter collects.
package otelauth

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/authgen/authgen/betterauth"
)

// scope names the tracer and meter.
const scope = "github.com/authgen/authgen/betterauth/otelauth"

// Attribute keys.
const (
	keyOutcome  = attribute.Key("betterauth.outcome")
	keyReason   = attribute.Key("betterauth.reason")
	keySource   = attribute.Key("betterauth.source")
	keyCache    = attribute.Key("betterauth.cache")
	keyResult   = attribute.Key("betterauth.result")
	keyTrigger  = attribute.Key("betterauth.jwks.trigger")
	keyKeys     = attribute.Key("betterauth.jwks.keys")
	keyURL      = attribute.Key("url.full")
	keyKind     = attribute.Key("convex.function.kind")
	keyFunction = attribute.Key("convex.function")
)

// Option configures Hooks.
type Option func(*config)

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets where spans go (default otel.GetTracerProvider()).
func WithTracerProvider(tp trace.TracerProvider) Option { return func(c *config) { c.tp = tp } }

// WithMeterProvider sets where metrics go (default otel.GetMeterProvider()).
func WithMeterProvider(mp metric.MeterProvider) Option { return func(c *config) { c.mp = mp } }

// Hooks returns betterauth hooks that record the spans and metrics listed
// in the package documentation. The error is the meter's, creating an
// instrument.
func Hooks(opts ...Option) (betterauth.Hooks, error) {
	c := config{tp: otel.GetTracerProvider(), mp: otel.GetMeterProvider()}
	for _, o := range opts {
		o(&c)
	}
	o, err := newObserver(c)
	if err != nil {
		return betterauth.Hooks{}, err
	}
	return betterauth.Hooks{
		OnResolve:       o.resolved,
		OnMint:          o.minted,
		OnJWKSFetch:     o.jwksFetched,
		OnVerifyFailure: o.verifyFailed,
		OnConvexCall:    o.convexCalled,
	}, nil
}

// observer holds the instruments. Requests and cache hits are the
// per-request path: they are counted in atomic slots, one per combination
// of attribute values, and reported by observable counters when the meter
// collects, so a request costs an atomic add, not a synchronous
// instrument's attribute lookup.
type observer struct {
	tracer trace.Tracer

	verifyFailures, jwksFetches  metric.Int64Counter
	mintDuration, convexDuration metric.Float64Histogram

	reasonIndex map[betterauth.ReasonCode]int // into reasons
	requests    []atomic.Int64                // by requestSlot
	requestSets []metric.ObserveOption        // the attributes of each slot
	hits        [2]atomic.Int64               // token cache, mint cache
	hitSets     [2]metric.ObserveOption
	// others counts combinations newer than this package (a reason added
	// to betterauth later): rare, so a locked map will do.
	mu     sync.Mutex
	others map[requestKey]int64
}

type requestKey struct {
	outcome betterauth.Outcome
	reason  betterauth.ReasonCode
	source  betterauth.Source
}

var (
	outcomes = []betterauth.Outcome{betterauth.OutcomeAuthenticated, betterauth.OutcomeAnonymous, betterauth.OutcomeUnavailable}
	sources  = []betterauth.Source{betterauth.SourceNone, betterauth.SourceJWTCookie, betterauth.SourceBearer, betterauth.SourceSessionCookie}
	reasons  = append([]betterauth.ReasonCode{betterauth.ReasonNone}, betterauth.Reasons()...)
)

func newObserver(c config) (*observer, error) {
	m := c.mp.Meter(scope)
	o := &observer{tracer: c.tp.Tracer(scope), others: map[requestKey]int64{}, reasonIndex: map[betterauth.ReasonCode]int{}}
	for i, r := range reasons {
		o.reasonIndex[r] = i
	}
	o.requests = make([]atomic.Int64, len(outcomes)*len(reasons)*len(sources))
	o.requestSets = make([]metric.ObserveOption, len(o.requests))
	for oi, out := range outcomes {
		for ri, r := range reasons {
			for si, src := range sources {
				o.requestSets[(oi*len(reasons)+ri)*len(sources)+si] = metric.WithAttributeSet(requestAttrs(requestKey{out, r, src}))
			}
		}
	}
	o.hitSets[0] = metric.WithAttributeSet(attribute.NewSet(keyCache.String("token")))
	o.hitSets[1] = metric.WithAttributeSet(attribute.NewSet(keyCache.String("mint")))

	requests, err := m.Int64ObservableCounter("betterauth.requests",
		metric.WithDescription("Requests betterauth.Middleware resolved, by outcome, reason and credential source."), metric.WithUnit("{request}"))
	if err != nil {
		return nil, fmt.Errorf("otelauth: creating instruments: %w", err)
	}
	hits, err := m.Int64ObservableCounter("betterauth.cache.hits",
		metric.WithDescription("Requests answered from the verified-token cache or the recent-mint cache."), metric.WithUnit("{request}"))
	if err != nil {
		return nil, fmt.Errorf("otelauth: creating instruments: %w", err)
	}
	if _, err := m.RegisterCallback(func(_ context.Context, obs metric.Observer) error {
		for i := range o.requests {
			if n := o.requests[i].Load(); n != 0 {
				obs.ObserveInt64(requests, n, o.requestSets[i])
			}
		}
		o.mu.Lock()
		for k, n := range o.others {
			obs.ObserveInt64(requests, n, metric.WithAttributeSet(requestAttrs(k)))
		}
		o.mu.Unlock()
		for i := range o.hits {
			if n := o.hits[i].Load(); n != 0 {
				obs.ObserveInt64(hits, n, o.hitSets[i])
			}
		}
		return nil
	}, requests, hits); err != nil {
		return nil, fmt.Errorf("otelauth: registering the request counters: %w", err)
	}

	counter := func(dst *metric.Int64Counter, name, desc, unit string) {
		if err == nil {
			*dst, err = m.Int64Counter(name, metric.WithDescription(desc), metric.WithUnit(unit))
		}
	}
	histogram := func(dst *metric.Float64Histogram, name, desc string) {
		if err == nil {
			*dst, err = m.Float64Histogram(name, metric.WithDescription(desc), metric.WithUnit("s"))
		}
	}
	counter(&o.verifyFailures, "betterauth.verify.failures", "Tokens refused, by reason and source.", "{token}")
	counter(&o.jwksFetches, "betterauth.jwks.fetches", "Fetches of the deployment's JWKS, by trigger and result.", "{fetch}")
	histogram(&o.mintDuration, "betterauth.mint.duration", "Duration of session-cookie-for-JWT exchanges at the token endpoint, retries included.")
	histogram(&o.convexDuration, "betterauth.convex.duration", "Duration of Convex calls made on behalf of requests.")
	if err != nil {
		return nil, fmt.Errorf("otelauth: creating instruments: %w", err)
	}
	return o, nil
}

func requestAttrs(k requestKey) attribute.Set {
	return attribute.NewSet(keyOutcome.String(string(k.outcome)), keyReason.String(k.reason.String()), keySource.String(string(k.source)))
}

func (o *observer) resolved(_ context.Context, e betterauth.ResolveEvent) {
	oi, si := outcomeIndex(e.Outcome), sourceIndex(e.Source)
	ri := 0
	if e.Reason != betterauth.ReasonNone {
		var ok bool
		if ri, ok = o.reasonIndex[e.Reason]; !ok {
			ri = -1
		}
	}
	if oi < 0 || si < 0 || ri < 0 {
		o.mu.Lock()
		o.others[requestKey{e.Outcome, e.Reason, e.Source}]++
		o.mu.Unlock()
	} else {
		o.requests[(oi*len(reasons)+ri)*len(sources)+si].Add(1)
	}
	if e.Cached {
		cache := 0
		if e.Source == betterauth.SourceSessionCookie {
			cache = 1
		}
		o.hits[cache].Add(1)
	}
}

func outcomeIndex(out betterauth.Outcome) int {
	switch out {
	case betterauth.OutcomeAuthenticated:
		return 0
	case betterauth.OutcomeAnonymous:
		return 1
	case betterauth.OutcomeUnavailable:
		return 2
	}
	return -1
}

func sourceIndex(src betterauth.Source) int {
	switch src {
	case betterauth.SourceNone:
		return 0
	case betterauth.SourceJWTCookie:
		return 1
	case betterauth.SourceBearer:
		return 2
	case betterauth.SourceSessionCookie:
		return 3
	}
	return -1
}

func (o *observer) verifyFailed(ctx context.Context, e betterauth.VerifyFailureEvent) {
	o.verifyFailures.Add(ctx, 1, metric.WithAttributes(keyReason.String(e.Reason.String()), keySource.String(string(e.Source))))
}

func (o *observer) minted(ctx context.Context, e betterauth.MintEvent) {
	result := result(e.Err)
	if e.NoSession {
		result = "no_session"
	}
	attrs := []attribute.KeyValue{keyResult.String(result)}
	o.mintDuration.Record(ctx, e.Duration.Seconds(), metric.WithAttributes(attrs...))
	// A refused session cookie is an answer, not a failure of the endpoint.
	o.span(ctx, "betterauth.mint", e.Start, e.Start.Add(e.Duration), attrs, e.Err, !e.NoSession)
}

func (o *observer) jwksFetched(ctx context.Context, e betterauth.JWKSFetchEvent) {
	trigger, result := keyTrigger.String(string(e.Trigger)), keyResult.String(result(e.Err))
	o.jwksFetches.Add(ctx, 1, metric.WithAttributes(trigger, result))
	o.span(ctx, "betterauth.jwks.fetch", e.Start, e.Start.Add(e.Duration),
		[]attribute.KeyValue{trigger, result, keyURL.String(e.URL), keyKeys.Int(e.Keys)}, e.Err, true)
}

func (o *observer) convexCalled(ctx context.Context, e betterauth.ConvexCallEvent) {
	kind, result := keyKind.String(e.Kind), keyResult.String(result(e.Err))
	o.convexDuration.Record(ctx, e.Duration.Seconds(), metric.WithAttributes(kind, result))
	o.span(ctx, "convex."+e.Kind, e.Start, e.Start.Add(e.Duration),
		[]attribute.KeyValue{kind, keyFunction.String(e.Path), result}, e.Err, true)
}

// span records a finished operation as a client span under ctx's span.
func (o *observer) span(ctx context.Context, name string, start, end time.Time, attrs []attribute.KeyValue, err error, errIsFailure bool) {
	_, s := o.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithTimestamp(start), trace.WithAttributes(attrs...))
	if err != nil {
		s.RecordError(err)
		if errIsFailure {
			s.SetStatus(codes.Error, err.Error())
		}
	}
	s.End(trace.WithTimestamp(end))
}

func result(err error) string {
	if err != nil {
		return "error"
	}
	return "ok"
}
