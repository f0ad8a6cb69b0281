package betterauth

import (
	"hash/maphash"
	"sync"
	"time"
)

// expiringCache is a bounded map from secret strings (tokens, session
// cookies) to values that expire at a given time. Entries are keyed by a
// seeded 64-bit hash so that lookups hash the key once and never copy it;
// the full key is kept in the entry and compared, so a hash collision can
// only cost a miss, never return another user's value.
type expiringCache[V any] struct {
	seed    maphash.Seed
	max     int
	mu      sync.RWMutex
	entries map[uint64]*cacheEntry[V]
	// cleared counts clear calls, so that a value computed before one is
	// not stored after it (putUnlessCleared).
	cleared uint64
}

type cacheEntry[V any] struct {
	key     string
	value   V
	expires time.Time
}

func newExpiringCache[V any](max int) *expiringCache[V] {
	return &expiringCache[V]{seed: maphash.MakeSeed(), max: max, entries: make(map[uint64]*cacheEntry[V])}
}

// hashedTail is how much of a key is hashed. Keys end in a signature (JWTs,
// signed session cookies) or are digests, so their tails alone spread
// them, and a collision costs only a miss: the full key is compared.
// Hashing whole 900-byte JWTs was a tenth of the warm Middleware path.
const hashedTail = 64

func (c *expiringCache[V]) hash(key string) uint64 {
	return maphash.String(c.seed, key[max(len(key)-hashedTail, 0):])
}

// get returns the value stored for key if it has not expired at now.
func (c *expiringCache[V]) get(key string, now time.Time) (V, bool) {
	h := c.hash(key)
	c.mu.RLock()
	e := c.entries[h]
	c.mu.RUnlock()
	if e == nil || e.key != key || !now.Before(e.expires) {
		var zero V
		return zero, false
	}
	return e.value, true
}

// put stores value for key until expires; values already expired are not stored.
func (c *expiringCache[V]) put(key string, value V, expires, now time.Time) {
	c.putUnlessCleared(key, value, expires, now, nil)
}

// generation is what putUnlessCleared compares: take it before computing
// a value that a clear must invalidate.
func (c *expiringCache[V]) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cleared
}

// putUnlessCleared is put, skipped when gen is not nil and the cache was
// cleared since *gen was taken: a token verified with a key that a refresh
// has since removed must not land in the cache after the refresh emptied it.
func (c *expiringCache[V]) putUnlessCleared(key string, value V, expires, now time.Time, gen *uint64) {
	if c.max <= 0 || !now.Before(expires) {
		return
	}
	h := c.hash(key)
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != nil && *gen != c.cleared {
		return
	}
	if len(c.entries) >= c.max {
		c.evict(now)
	}
	c.entries[h] = &cacheEntry[V]{key: key, value: value, expires: expires}
}

// delete forgets key.
func (c *expiringCache[V]) delete(key string) {
	h := c.hash(key)
	c.mu.Lock()
	if e := c.entries[h]; e != nil && e.key == key {
		delete(c.entries, h)
	}
	c.mu.Unlock()
}

// evict drops expired entries and, if that frees less than a quarter of
// the cache, arbitrary others (map order is random): a full cache under a
// flood of distinct valid tokens degrades to re-verification, not growth.
// The caller holds mu.
func (c *expiringCache[V]) evict(now time.Time) {
	for h, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, h)
		}
	}
	for h := range c.entries {
		if len(c.entries) <= c.max*3/4 {
			break
		}
		delete(c.entries, h)
	}
}

// clear forgets every entry.
func (c *expiringCache[V]) clear() {
	c.mu.Lock()
	clear(c.entries)
	c.cleared++
	c.mu.Unlock()
}
