package otelauth_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/betterauth/otelauth"
)

// discard is a ResponseWriter that allocates nothing.
type discard struct{ h http.Header }

func (d discard) Header() http.Header       { return d.h }
func (discard) Write(p []byte) (int, error) { return len(p), nil }
func (discard) WriteHeader(int)             {}

var sink bool

// warmHandlers returns Middleware without hooks and with otelauth's hooks
// (an SDK meter provider with a manual reader, and an SDK tracer provider
// recording spans), both on one authtest deployment, and a browser request
// carrying a signed-in user's convex_jwt and session cookies, already
// verified by both: what the loop measures is the warm path.
func warmHandlers(b *testing.B) (off, otel http.Handler, r *http.Request) {
	stopped := time.Now()
	d := authtest.New(b, authtest.WithClock(func() time.Time { return stopped }))
	cookies := d.SignUp(b, "alice@example.com", "password1234", "Alice")
	r = httptest.NewRequest(http.MethodGet, "/dashboard", nil)
	r.Header.Set("Cookie", "theme=dark")
	for _, c := range cookies {
		r.AddCookie(c)
	}
	hooks, err := otelauth.Hooks(
		otelauth.WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))),
		otelauth.WithTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tracetest.NewSpanRecorder()))))
	if err != nil {
		b.Fatal(err)
	}
	quiet := betterauth.WithLogger(slog.New(slog.DiscardHandler))
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sink = betterauth.IsAuthenticated(r.Context()) })
	for i, opts := range [][]betterauth.Option{{quiet}, {quiet, betterauth.WithHooks(hooks)}} {
		a, err := betterauth.New(d.Config(), opts...)
		if err != nil {
			b.Fatal(err)
		}
		h := a.Middleware(next)
		h.ServeHTTP(discard{h: http.Header{}}, r) // verify once: the loops measure cache hits
		if !sink {
			b.Fatal("not authenticated")
		}
		if i == 0 {
			off = h
		} else {
			otel = h
		}
	}
	return off, otel, r
}

// BenchmarkMiddlewareWarmHooks measures the warm Middleware without hooks
// and with otelauth's metrics, side by side.
func BenchmarkMiddlewareWarmHooks(b *testing.B) {
	off, otel, r := warmHandlers(b)
	for _, bc := range []struct {
		name string
		h    http.Handler
	}{{"off", off}, {"otel", otel}} {
		b.Run(bc.name, func(b *testing.B) {
			w := discard{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				bc.h.ServeHTTP(w, r)
			}
		})
	}
}

// BenchmarkOTelOverOff alternates batches of 256 warm requests without
// hooks and with otelauth, so that both see the same machine load, and
// reports each side's ns per request and their ratio (goal ≤ 1.3).
func BenchmarkOTelOverOff(b *testing.B) {
	off, otel, r := warmHandlers(b)
	w := discard{h: http.Header{}}
	const batch = 256
	var offTime, otelTime time.Duration
	for b.Loop() {
		start := time.Now()
		for range batch {
			off.ServeHTTP(w, r)
		}
		mid := time.Now()
		for range batch {
			otel.ServeHTTP(w, r)
		}
		offTime += mid.Sub(start)
		otelTime += time.Since(mid)
	}
	n := float64(b.N * batch)
	b.ReportMetric(float64(offTime.Nanoseconds())/n, "off-ns/req")
	b.ReportMetric(float64(otelTime.Nanoseconds())/n, "otel-ns/req")
	b.ReportMetric(float64(otelTime)/float64(offTime), "otel/off")
}
