package e2e

import (
	"sync/atomic"
	"time"
)

// clock is the real clock plus an offset that only grows. The app and the
// fake Convex deployment read it, and the real Better Auth runs on the same
// offset (nodeharness.BetterAuth.AdvanceClock), so the browser test goes
// past a JWT's lifetime, Better Auth's updateAge and a session's expiry by
// moving the clocks instead of waiting: its outcome no longer depends on how
// fast a loaded machine runs the steps before. Chromium's cookie jar stays
// on the real clock.
type clock struct {
	offset atomic.Int64 // nanoseconds
}

// Now returns the real time plus the offset.
func (c *clock) Now() time.Time {
	return time.Now().Add(time.Duration(c.offset.Load()))
}
