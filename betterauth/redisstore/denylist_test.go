package redisstore_test

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/authgen/authgen/betterauth/redisstore"
)

var quiet = redisstore.WithLogger(slog.New(slog.DiscardHandler))

// replicas starts n deny lists on one Redis, each with its own client, and
// waits until all follow it.
func replicas(t *testing.T, s *redisServer, n int, opts ...redisstore.Option) []*redisstore.DenyList {
	t.Helper()
	out := make([]*redisstore.DenyList, n)
	for i := range out {
		out[i] = redisstore.New(s.client(), append([]redisstore.Option{quiet, redisstore.WithHealthCheck(500 * time.Millisecond)}, opts...)...)
		t.Cleanup(func() { out[i].Close() })
	}
	waitSynced(t, out...)
	return out
}

func waitSynced(t *testing.T, lists ...*redisstore.DenyList) {
	t.Helper()
	if _, err := eventually(30*time.Second, func() bool {
		for _, l := range lists {
			if !l.Synced() {
				return false
			}
		}
		return true
	}); err != nil {
		t.Fatalf("deny lists not following Redis: %v", err)
	}
}

func denied(t *testing.T, l *redisstore.DenyList, id string) bool {
	t.Helper()
	ok, err := l.IsDenied(context.Background(), id)
	if err != nil {
		t.Fatalf("IsDenied(%s): %v", id, err)
	}
	return ok
}

func TestDenialReachesEveryReplicaWithinASecond(t *testing.T) {
	s := startRedis(t)
	rs := replicas(t, s, 3)
	ctx := context.Background()
	if err := rs[0].Deny(ctx, "sess-1", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		took, err := eventually(time.Second, func() bool { return denied(t, r, "sess-1") })
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
		t.Logf("replica %d refused the session %v after the sign-out", i, took)
	}
	if denied(t, rs[2], "sess-2") {
		t.Error("a session never signed out is denied")
	}

	// A replica started later loads what it missed.
	late := replicas(t, s, 1)[0]
	if !denied(t, late, "sess-1") {
		t.Error("a replica started after the sign-out does not refuse the session")
	}

	// An earlier end never shortens a denial, here or in Redis.
	if err := rs[1].Deny(ctx, "sess-1", time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	ttl, err := s.client().PTTL(ctx, "betterauth:signout:s:sess-1").Result()
	if err != nil || ttl < 50*time.Second {
		t.Errorf("Redis TTL of the denial = %v (%v), want the original minute", ttl, err)
	}
}

func TestDenialsExpire(t *testing.T) {
	s := startRedis(t)
	rs := replicas(t, s, 2)
	if err := rs[0].Deny(context.Background(), "short", time.Now().Add(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if _, err := eventually(time.Second, func() bool { return denied(t, rs[1], "short") }); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	if denied(t, rs[0], "short") || denied(t, rs[1], "short") {
		t.Error("an expired denial still holds")
	}
	if n, _ := s.client().Exists(context.Background(), "betterauth:signout:s:short").Result(); n != 0 {
		t.Error("Redis keeps an expired denial")
	}
}

func TestRedisRestartedMidRun(t *testing.T) {
	s := startRedis(t)
	rs := replicas(t, s, 3)
	ctx := context.Background()
	until := time.Now().Add(time.Minute)
	if err := rs[0].Deny(ctx, "before", until); err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if _, err := eventually(time.Second, func() bool { return denied(t, r, "before") }); err != nil {
			t.Fatal(err)
		}
	}

	s.stop()
	if _, err := eventually(10*time.Second, func() bool { return !rs[0].Synced() && !rs[1].Synced() && !rs[2].Synced() }); err != nil {
		t.Fatalf("replicas did not notice Redis going away: %v", err)
	}
	// Down: known denials hold, a new one is enforced where it was made and
	// reported as not shared, and nothing panics.
	err := rs[1].Deny(ctx, "during", until)
	if err == nil {
		t.Error("Deny with Redis down reported success")
	}
	for i, r := range rs {
		if !denied(t, r, "before") {
			t.Errorf("replica %d forgot a denial while Redis is down", i)
		}
	}
	if !denied(t, rs[1], "during") {
		t.Error("a denial made while Redis is down is not enforced where it was made")
	}
	if denied(t, rs[0], "during") {
		t.Error("fail-open replica claims to know a denial it cannot have seen")
	}

	s.start() // empty: no persistence
	waitSynced(t, rs...)
	for i, r := range rs {
		for _, id := range []string{"before", "during"} {
			if _, err := eventually(5*time.Second, func() bool { return denied(t, r, id) }); err != nil {
				t.Errorf("replica %d after the restart, %s: %v", i, id, err)
			}
		}
	}
	// Redis was refilled from the replicas: a new one learns both.
	late := replicas(t, s, 1)[0]
	for _, id := range []string{"before", "during"} {
		if !denied(t, late, id) {
			t.Errorf("a replica started after the restart does not refuse %s", id)
		}
	}
	// And the channel works again.
	if err := rs[2].Deny(ctx, "after", until); err != nil {
		t.Fatal(err)
	}
	if _, err := eventually(time.Second, func() bool { return denied(t, rs[0], "after") }); err != nil {
		t.Errorf("denial after the restart: %v", err)
	}
}

func TestRefusePolicyWhileRedisIsDown(t *testing.T) {
	s := startRedis(t)
	r := replicas(t, s, 1, redisstore.WithUnavailable(redisstore.Refuse))[0]
	ctx := context.Background()
	if err := r.Deny(ctx, "known", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ok, err := r.IsDenied(ctx, "other"); ok || err != nil {
		t.Fatalf("synced: IsDenied = %v, %v", ok, err)
	}
	s.stop()
	if _, err := eventually(10*time.Second, func() bool { return !r.Synced() }); err != nil {
		t.Fatal(err)
	}
	if ok, err := r.IsDenied(ctx, "other"); ok || !errors.Is(err, redisstore.ErrUnavailable) {
		t.Errorf("Refuse, Redis down: IsDenied = %v, %v; want ErrUnavailable", ok, err)
	}
	if ok, err := r.IsDenied(ctx, "known"); !ok || err != nil {
		t.Errorf("Refuse, Redis down, known denial: IsDenied = %v, %v; want true", ok, err)
	}
	s.start()
	waitSynced(t, r)
	if ok, err := r.IsDenied(ctx, "other"); ok || err != nil {
		t.Errorf("Redis back: IsDenied = %v, %v", ok, err)
	}
}

func TestMalformedMessagesAreIgnored(t *testing.T) {
	s := startRedis(t)
	r := replicas(t, s, 1)[0]
	c := s.client()
	ctx := context.Background()
	for _, msg := range []string{"", "garbage", "123", "x sess", " sess"} {
		if err := c.Publish(ctx, "betterauth:signout:events", msg).Err(); err != nil {
			t.Fatal(err)
		}
	}
	until := time.Now().Add(time.Minute).UnixMilli()
	c.Publish(ctx, "betterauth:signout:events", strconv.FormatInt(until, 10)+" sess with spaces")
	if _, err := eventually(time.Second, func() bool { return denied(t, r, "sess with spaces") }); err != nil {
		t.Fatal(err)
	}
	if !r.Synced() {
		t.Error("malformed messages broke the subscription")
	}
}

func TestKeyPrefixSeparatesApps(t *testing.T) {
	s := startRedis(t)
	a := replicas(t, s, 1, redisstore.WithKeyPrefix("app-a*:"))[0]
	b := replicas(t, s, 1, redisstore.WithKeyPrefix("app-b:"))[0]
	if err := a.Deny(context.Background(), "sess", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if denied(t, b, "sess") {
		t.Error("a denial crossed key prefixes")
	}
	again := replicas(t, s, 1, redisstore.WithKeyPrefix("app-a*:"))[0]
	if !denied(t, again, "sess") {
		t.Error("a prefix with glob characters does not load its own denials")
	}
}

// TestOnDeniedAnnouncesEveryDenial: a replica's OnDenied callback hears of
// a denial made on another replica, and one started later of the denials
// it loads, so that live watches of those sessions end at once.
func TestOnDeniedAnnouncesEveryDenial(t *testing.T) {
	s := startRedis(t)
	rs := replicas(t, s, 2)
	heard := make(chan string, 4)
	rs[1].OnDenied(func(id string) { heard <- id })
	if err := rs[0].Deny(context.Background(), "sess-1", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	select {
	case id := <-heard:
		if id != "sess-1" {
			t.Fatalf("OnDenied(%q), want sess-1", id)
		}
		if !denied(t, rs[1], "sess-1") {
			t.Error("announced before IsDenied says so")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the other replica's OnDenied was not called")
	}

	// Registered before or after the load, either way it hears of it.
	late := replicas(t, s, 1)[0]
	loaded := make(chan string, 4)
	late.OnDenied(func(id string) { loaded <- id })
	select {
	case id := <-loaded:
		if id != "sess-1" {
			t.Fatalf("OnDenied(%q) at load, want sess-1", id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a denial held when OnDenied was called was not announced")
	}
}
