package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgen/authgen/internal/nodeharness"
)

// clock is the real clock plus an offset that only grows. The app and the
// fake Convex deployment read it, and the real Better Auth runs on the same
// offset (nodeharness.BetterAuth.AdvanceClock), so the browser test goes
// past a JWT's lifetime by moving the clocks instead of waiting: its outcome
// no longer depends on how fast a loaded machine runs the steps before.
type clock struct {
	offset atomic.Int64 // nanoseconds
}

// Now returns the real time plus the offset.
func (c *clock) Now() time.Time {
	return time.Now().Add(time.Duration(c.offset.Load()))
}

// startClockControl serves POST /advance-clock {"seconds":n} until the test
// ends: it moves the harness's clock and then c forward by n seconds, so
// that no token the harness mints afterwards is from c's future.
func startClockControl(t *testing.T, c *clock, ba *nodeharness.BetterAuth) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /advance-clock", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Seconds int `json:"seconds"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Seconds <= 0 {
			http.Error(w, `want {"seconds": n > 0}`, http.StatusBadRequest)
			return
		}
		d := time.Duration(req.Seconds) * time.Second
		harnessOffset, err := ba.AdvanceClock(d)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		offset := time.Duration(c.offset.Add(int64(d)))
		if offset != harnessOffset {
			http.Error(w, fmt.Sprintf("clocks diverged: app %v ahead, Better Auth %v", offset, harnessOffset), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, `{"offsetSeconds":%d}`, int64(offset/time.Second))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}
