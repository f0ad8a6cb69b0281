package authtest

import (
	"context"
	"net/http"
	"slices"
	"strings"
)

// Call is one request that reached the Deployment.
type Call struct {
	// Server is "site" (Better Auth) or "convex" (the API URL).
	Server string
	// Method and Path are the request's method and URL path, e.g. "GET" and
	// "/api/auth/convex/token" or "POST" and "/api/query".
	Method string
	Path   string
	// Function is the Convex function path from the body of a Convex call
	// (as sent, e.g. "messages:list"); empty for Better Auth requests.
	Function string
	// Authorization reports whether an Authorization header was present.
	Authorization bool
	// Cookie reports whether a Cookie header was present.
	Cookie bool
	// Status is the HTTP status the Deployment answered with.
	Status int
	// Header is a copy of the request headers.
	Header http.Header
}

// Calls returns every request that reached the Deployment so far, in the
// order they were answered. A call is recorded before its response is
// complete, so a client that has read a response finds its call here.
func (d *Deployment) Calls() []Call {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.calls)
}

// CallsTo returns the calls whose path ends with suffix, e.g.
// CallsTo("/convex/token") or CallsTo("/api/query").
func (d *Deployment) CallsTo(suffix string) []Call {
	var out []Call
	for _, c := range d.Calls() {
		if strings.HasSuffix(c.Path, suffix) {
			out = append(out, c)
		}
	}
	return out
}

// ResetCalls forgets the calls recorded so far.
func (d *Deployment) ResetCalls() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = nil
}

// callInfo lets the Convex handler report the function path it parsed.
type callInfo struct{ function string }

type callInfoKey struct{}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController and WebSocket upgrades reach the
// connection.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// record wraps a server's handler to append a Call for every request.
func (d *Deployment) record(server string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := &callInfo{}
		rec := &statusRecorder{ResponseWriter: w}
		d.writeDate(w)
		next.ServeHTTP(rec, r.WithContext(contextWithCallInfo(r.Context(), info)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		d.mu.Lock()
		defer d.mu.Unlock()
		d.calls = append(d.calls, Call{
			Server:        server,
			Method:        r.Method,
			Path:          r.URL.Path,
			Function:      info.function,
			Authorization: r.Header.Get("Authorization") != "",
			Cookie:        r.Header.Get("Cookie") != "",
			Status:        rec.status,
			Header:        r.Header.Clone(),
		})
	})
}

func contextWithCallInfo(ctx context.Context, info *callInfo) context.Context {
	return context.WithValue(ctx, callInfoKey{}, info)
}

// setCallFunction records the function path of the current Convex call.
func setCallFunction(ctx context.Context, path string) {
	if info, ok := ctx.Value(callInfoKey{}).(*callInfo); ok {
		info.function = path
	}
}
