// Package redisstore shares betterauth's sign-out deny list between the
// replicas of a server through Redis, so that a session signed out through
// one replica is refused by all of them. It lives in its own package so
// that programs that do not use Redis do not import a Redis client.
//
// The per-request check never goes to Redis: every replica keeps the whole
// list in memory, loads it when it (re)connects, and learns of new denials
// through Redis pub/sub, within milliseconds (BENCHMARKS.md has the
// measured delay). Redis holds each denial under its own key until it
// expires (PXAT), so a replica that starts later, or reconnects, loads what
// it missed; after a reconnect each replica also writes back the live
// denials Redis lacks, so a Redis that restarted empty is refilled.
//
// While Redis is unreachable, denials already known keep being enforced,
// and a denial made on this replica is enforced here and written to Redis
// when it is back. What is unknown is a denial made on another replica
// meanwhile; Unavailable chooses what IsDenied answers then: FailOpen
// (default) treats such sessions as not denied, Refuse returns
// ErrUnavailable, which betterauth turns into a 503 for token-carrying
// requests: never a panic, never a silent logout.
package redisstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrUnavailable is IsDenied's error under Refuse while the list cannot
// follow Redis.
var ErrUnavailable = errors.New("redisstore: Redis is unreachable, so sign-outs made on other replicas cannot be seen")

// Unavailable says what IsDenied answers, while Redis is unreachable, for a
// session this replica does not know to be denied.
type Unavailable int

const (
	// FailOpen answers "not denied": requests keep working, and sessions
	// signed out on another replica during the outage stay usable here
	// until Redis is back (or their tokens expire).
	FailOpen Unavailable = iota
	// Refuse answers ErrUnavailable: requests that carry a token are
	// answered 503 until Redis is back.
	Refuse
)

// Option configures a DenyList.
type Option func(*DenyList)

// WithKeyPrefix sets the prefix of the Redis keys and of the pub/sub
// channel (default "betterauth:signout:"), to share one Redis between apps.
func WithKeyPrefix(p string) Option { return func(d *DenyList) { d.prefix = p } }

// WithUnavailable chooses IsDenied's answer while Redis is unreachable
// (default FailOpen).
func WithUnavailable(u Unavailable) Option { return func(d *DenyList) { d.unavailable = u } }

// WithLogger sets where losing and regaining Redis is logged (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(d *DenyList) { d.log = l } }

// WithHealthCheck sets how long the subscription may stay silent before it
// is pinged, and declared lost if the ping is not answered within as long
// (default 5s). A dead connection is usually noticed at once; this bounds
// how long a silently broken network goes unnoticed.
func WithHealthCheck(d time.Duration) Option { return func(l *DenyList) { l.health = d } }

const (
	defaultPrefix = "betterauth:signout:"
	minBackoff    = 50 * time.Millisecond
	maxBackoff    = 5 * time.Second
	scanBatch     = 500
)

// denyScript records a denial unless Redis holds a later one, and tells
// every replica. KEYS[1] the denial's key; ARGV: until (Unix ms), channel,
// message.
var denyScript = redis.NewScript(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tonumber(ARGV[1]) > cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1])
end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`)

// DenyList is a sign-out deny list shared through Redis. Its methods are
// safe for concurrent use. Give it to betterauth.WithDenyList.
type DenyList struct {
	client      redis.UniversalClient
	prefix      string
	unavailable Unavailable
	log         *slog.Logger
	health      time.Duration

	mu       sync.RWMutex
	until    map[string]time.Time // session id → end of its denial
	onDenied []func(sessionID string)

	synced  atomic.Bool   // the local copy follows Redis
	syncCh  chan struct{} // closed at the first sync
	cancel  context.CancelFunc
	stopped chan struct{}
}

// New returns a DenyList on client and starts following Redis in the
// background; Close stops it (the client stays open). Until the first load
// from Redis completes, the list knows no denial made elsewhere: call
// WaitSynced before serving if that matters.
func New(client redis.UniversalClient, opts ...Option) *DenyList {
	d := &DenyList{
		client: client, prefix: defaultPrefix, log: slog.Default(), health: 5 * time.Second,
		until: map[string]time.Time{}, syncCh: make(chan struct{}), stopped: make(chan struct{}),
	}
	for _, o := range opts {
		o(d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	go d.follow(ctx)
	return d
}

// Close stops following Redis. The list keeps answering from memory.
func (d *DenyList) Close() error {
	d.cancel()
	<-d.stopped
	return nil
}

// WaitSynced waits until the list has loaded Redis' denials once.
func (d *DenyList) WaitSynced(ctx context.Context) error {
	select {
	case <-d.syncCh:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("redisstore: waiting for the first load from Redis: %w", ctx.Err())
	}
}

// Synced reports whether the list follows Redis right now.
func (d *DenyList) Synced() bool { return d.synced.Load() }

// Deny refuses sessionID until until (a later until extends a denial, an
// earlier one leaves it). The denial holds here at once; the error says
// that Redis could not record it, in which case the other replicas learn
// of it when Redis is back.
func (d *DenyList) Deny(ctx context.Context, sessionID string, until time.Time) error {
	if !time.Now().Before(until) {
		return nil
	}
	d.remember(sessionID, until)
	if err := d.write(ctx, d.client, sessionID, until); err != nil {
		return fmt.Errorf("redisstore: recording a sign-out in Redis (enforced on this replica; the others learn of it when Redis is back): %w", err)
	}
	return nil
}

// IsDenied reports whether sessionID is denied, from memory: no request
// waits on Redis. See Unavailable for its answer while Redis is unreachable.
func (d *DenyList) IsDenied(_ context.Context, sessionID string) (bool, error) {
	d.mu.RLock()
	until, ok := d.until[sessionID]
	d.mu.RUnlock()
	if ok && time.Now().Before(until) {
		return true, nil // a known denial holds whatever Redis does
	}
	if d.unavailable == Refuse && !d.synced.Load() {
		return false, ErrUnavailable
	}
	return false, nil
}

// OnDenied implements betterauth.DenialFeed: fn is called at once with
// every denial held now, then with the session ID of each denial this list
// learns of from Redis (published by any replica, this one included, or
// loaded when it reconnects), once IsDenied says so. It runs on the
// goroutine following Redis: it must not block. A session may be announced
// more than once.
func (d *DenyList) OnDenied(fn func(sessionID string)) {
	now := time.Now()
	var held []string
	d.mu.Lock()
	d.onDenied = append(d.onDenied, fn)
	for id, until := range d.until {
		if now.Before(until) {
			held = append(held, id)
		}
	}
	d.mu.Unlock()
	for _, id := range held {
		fn(id)
	}
}

// announce tells the OnDenied callbacks of a denial learned from Redis.
func (d *DenyList) announce(id string, until time.Time) {
	if !time.Now().Before(until) {
		return
	}
	d.mu.RLock()
	fns := d.onDenied
	d.mu.RUnlock()
	for _, fn := range fns {
		fn(id)
	}
}

// remember records a denial in memory, keeping the later end.
func (d *DenyList) remember(id string, until time.Time) {
	d.mu.Lock()
	if old, ok := d.until[id]; !ok || until.After(old) {
		d.until[id] = until
	}
	d.mu.Unlock()
}

func (d *DenyList) key(id string) string { return d.prefix + "s:" + id }
func (d *DenyList) channel() string      { return d.prefix + "events" }

// write records a denial in Redis and publishes it.
func (d *DenyList) write(ctx context.Context, c redis.Scripter, id string, until time.Time) error {
	ms := strconv.FormatInt(until.UnixMilli(), 10)
	return denyScript.Run(ctx, c, []string{d.key(id)}, ms, d.channel(), ms+" "+id).Err()
}

// queueWrite adds write's command to a pipeline. It sends the script
// itself: EVALSHA's fallback on NOSCRIPT cannot work inside a pipeline,
// and a Redis that restarted has no script cached.
func (d *DenyList) queueWrite(ctx context.Context, p redis.Pipeliner, id string, until time.Time) {
	ms := strconv.FormatInt(until.UnixMilli(), 10)
	denyScript.Eval(ctx, p, []string{d.key(id)}, ms, d.channel(), ms+" "+id)
}

// apply records a denial published by a replica: "<until ms> <session id>".
func (d *DenyList) apply(payload string) {
	ms, id, ok := strings.Cut(payload, " ")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil || id == "" {
		d.log.Warn("redisstore: ignoring a malformed message on the sign-out channel", "channel", d.channel())
		return
	}
	d.remember(id, time.UnixMilli(n))
	d.announce(id, time.UnixMilli(n))
}

// follow subscribes to the channel, loads the denials, and applies
// published ones, starting over after any failure.
func (d *DenyList) follow(ctx context.Context) {
	defer close(d.stopped)
	backoff := minBackoff
	for ctx.Err() == nil {
		err := d.session(ctx)
		if ctx.Err() != nil {
			break
		}
		if d.synced.Swap(false) {
			d.log.Warn("redisstore: lost Redis; sign-outs on other replicas are not seen until it is back", "error", err, "unavailable", d.unavailable.String())
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
		}
		backoff = min(backoff*2, maxBackoff)
		if errors.Is(err, errHealthy) {
			backoff = minBackoff
		}
	}
	d.synced.Store(false)
}

// errHealthy ends a session that was synced, so the next one starts with
// the shortest backoff.
var errHealthy = errors.New("redisstore: connection lost after a healthy session")

// session runs one subscription until it fails.
func (d *DenyList) session(ctx context.Context) error {
	ps := d.client.Subscribe(ctx, d.channel())
	defer ps.Close()
	var pinged bool
	var wasSynced bool
	for {
		msg, err := ps.ReceiveTimeout(ctx, d.health)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			var timeout interface{ Timeout() bool }
			if errors.As(err, &timeout) && timeout.Timeout() && !pinged {
				pinged = true
				if err := ps.Ping(ctx); err == nil {
					continue
				}
			}
			if wasSynced {
				return fmt.Errorf("%w: %w", errHealthy, err)
			}
			return err
		}
		pinged = false
		switch m := msg.(type) {
		case *redis.Subscription:
			if m.Kind != "subscribe" {
				continue
			}
			// Subscribed first, loaded second: a denial published
			// meanwhile is in the socket's buffer, not lost.
			if err := d.resync(ctx); err != nil {
				return err
			}
			wasSynced = true
			if !d.synced.Swap(true) {
				d.log.Info("redisstore: following Redis", "channel", d.channel())
			}
			select {
			case <-d.syncCh:
			default:
				close(d.syncCh)
			}
		case *redis.Message:
			d.apply(m.Payload)
		case *redis.Pong:
		}
	}
}

// resync loads every denial in Redis, then writes back the live ones this
// replica knows and Redis lacks (made while Redis was down, or lost by a
// Redis that restarted empty).
func (d *DenyList) resync(ctx context.Context) error {
	inRedis := map[string]time.Time{}
	err := d.scan(ctx, func(c redis.Cmdable, keys []string) error {
		vals, err := c.MGet(ctx, keys...).Result()
		if err != nil {
			return err
		}
		for i, v := range vals {
			s, ok := v.(string)
			n, err := strconv.ParseInt(s, 10, 64)
			if !ok || err != nil {
				continue // expired between SCAN and MGET, or not ours
			}
			id := strings.TrimPrefix(keys[i], d.key(""))
			inRedis[id] = time.UnixMilli(n)
			d.remember(id, time.UnixMilli(n))
			d.announce(id, time.UnixMilli(n))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redisstore: loading denials: %w", err)
	}
	now := time.Now()
	d.mu.Lock()
	for id, until := range d.until {
		if !now.Before(until) {
			delete(d.until, id) // expired: forget, the only pruning needed
		}
	}
	var missing []string
	for id, until := range d.until {
		if r, ok := inRedis[id]; !ok || until.After(r) {
			missing = append(missing, id)
		}
	}
	d.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	pipe := d.client.Pipeline()
	d.mu.RLock()
	for _, id := range missing {
		if until, ok := d.until[id]; ok {
			d.queueWrite(ctx, pipe, id, until)
		}
	}
	d.mu.RUnlock()
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("redisstore: writing back %d denials: %w", len(missing), err)
	}
	return nil
}

// scan calls fn with batches of this list's keys, on every master of a
// Redis Cluster or on the one server otherwise. MGET stays within a
// server's keys; on a cluster, keys of one batch may still span slots, so
// there fn runs once per key.
func (d *DenyList) scan(ctx context.Context, fn func(c redis.Cmdable, keys []string) error) error {
	scanOne := func(ctx context.Context, c redis.Cmdable, perKey bool) error {
		iter := c.Scan(ctx, 0, globEscape(d.key(""))+"*", scanBatch).Iterator()
		var batch []string
		flush := func() error {
			defer func() { batch = batch[:0] }()
			if len(batch) == 0 {
				return nil
			}
			if !perKey {
				return fn(c, batch)
			}
			for _, k := range batch {
				if err := fn(c, []string{k}); err != nil {
					return err
				}
			}
			return nil
		}
		for iter.Next(ctx) {
			if batch = append(batch, iter.Val()); len(batch) == scanBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := iter.Err(); err != nil {
			return err
		}
		return flush()
	}
	if cc, ok := d.client.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error { return scanOne(ctx, c, true) })
	}
	return scanOne(ctx, d.client, false)
}

// globEscape quotes the characters SCAN's MATCH pattern treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\^`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// String names the policy for logs.
func (u Unavailable) String() string {
	if u == Refuse {
		return "refuse"
	}
	return "fail-open"
}
