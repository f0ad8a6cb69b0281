package redisstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/authgen/authgen/betterauth/redisstore"
)

// BenchmarkIsDenied is the per-request cost of the shared deny list: a
// lookup in memory, whatever Redis does.
func BenchmarkIsDenied(b *testing.B) {
	s := startRedis(b)
	l := redisstore.New(s.client(), quiet)
	defer l.Close()
	ctx := context.Background()
	if err := l.WaitSynced(ctx); err != nil {
		b.Fatal(err)
	}
	for i := range 1000 {
		if err := l.Deny(ctx, "signed-out-"+strconv.Itoa(i), time.Now().Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if denied, err := l.IsDenied(ctx, "a-live-session-id-of-32-chars-xx"); denied || err != nil {
			b.Fatal(denied, err)
		}
	}
}

// BenchmarkPropagation measures a sign-out's way to another replica: from
// Deny's call on one DenyList until IsDenied answers true on a second one
// on another connection (Deny's round trip to Redis, the pub/sub delivery,
// and the polling interval of at most a few µs), one denial at a time.
func BenchmarkPropagation(b *testing.B) {
	s := startRedis(b)
	from, to := redisstore.New(s.client(), quiet), redisstore.New(s.client(), quiet)
	defer from.Close()
	defer to.Close()
	ctx := context.Background()
	for _, l := range []*redisstore.DenyList{from, to} {
		if err := l.WaitSynced(ctx); err != nil {
			b.Fatal(err)
		}
	}
	until := time.Now().Add(time.Hour)
	var worst time.Duration
	i := 0
	for b.Loop() {
		i++
		id := "sess-" + strconv.Itoa(i)
		start := time.Now()
		if err := from.Deny(ctx, id, until); err != nil {
			b.Fatal(err)
		}
		for {
			if denied, _ := to.IsDenied(ctx, id); denied {
				break
			}
			if time.Since(start) > 10*time.Second {
				b.Fatalf("%s not seen by the other replica after 10s", id)
			}
		}
		worst = max(worst, time.Since(start))
	}
	b.ReportMetric(float64(worst.Microseconds()), "worst-µs")
}
