package betterauth

import (
	"context"
	"errors"
	"sync"
	"time"
)

// defaultDenyListSize bounds the in-memory deny list: at about 100 bytes an
// entry, 100000 denials are 10 MB. Filling it takes that many real sessions
// signed out within one token lifetime.
const defaultDenyListSize = 100_000

// errDenyListFull is Deny's answer when every slot holds a live denial.
var errDenyListFull = errors.New("betterauth: sign-out deny list is full of live denials")

// memoryDenyList is the deny list of a single process (a DenyList that
// needs no network), keyed by session as the shared one is. It is bounded, and
// a full list refuses new denials rather than dropping live ones: dropping
// would let an attacker who signs out many sessions of their own revive a
// victim's signed-out session.
type memoryDenyList struct {
	now   func() time.Time
	max   int
	mu    sync.RWMutex
	until map[string]time.Time
}

func newMemoryDenyList(max int, now func() time.Time) *memoryDenyList {
	return &memoryDenyList{now: now, max: max, until: make(map[string]time.Time)}
}

// Deny implements DenyList.
func (d *memoryDenyList) Deny(_ context.Context, sessionID string, until time.Time) error {
	now := d.now()
	if !now.Before(until) {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if old, ok := d.until[sessionID]; ok {
		if until.After(old) {
			d.until[sessionID] = until
		}
		return nil
	}
	if len(d.until) >= d.max {
		for id, u := range d.until {
			if !now.Before(u) {
				delete(d.until, id)
			}
		}
		if len(d.until) >= d.max {
			return errDenyListFull
		}
	}
	d.until[sessionID] = until
	return nil
}

// IsDenied implements DenyList.
func (d *memoryDenyList) IsDenied(_ context.Context, sessionID string) (bool, error) {
	d.mu.RLock()
	until, ok := d.until[sessionID]
	d.mu.RUnlock()
	return ok && d.now().Before(until), nil
}
