package nodeharness

import (
	"net/http"
	"time"
)

// RequestTimeout bounds one HTTP request from a test to a Node script, or to
// a Go server that calls one. Node answers in milliseconds on an idle
// machine, but on a loaded 2-core one its event loop has been seen to get
// no CPU for 8 s; Better Auth behind a Go proxy then took more than the 10
// to 15 s that production clients allow. A test wants an answer, not a
// latency bound (benchmarks measure speed), so the bound is generous: it
// only turns a hung script into a failure instead of waiting for go test's
// own timeout.
const RequestTimeout = time.Minute

// NewHTTPClient returns a client for tests that talk to Node scripts:
// RequestTimeout per request, a transport of its own (so one test's idle
// connections are not reused by another against a stopped script), and
// redirects returned rather than followed, since tests of Better Auth
// assert on them.
//
// It also serves as betterauth.Config.HTTPClient for a Go server under test
// in front of a Node script: the runtime then uses its transport, without
// the production proxy's 15 s response header timeout, and its timeout for
// the token endpoint and the JWKS.
func NewHTTPClient() *http.Client {
	return &http.Client{
		Transport: http.DefaultTransport.(*http.Transport).Clone(),
		Timeout:   RequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
