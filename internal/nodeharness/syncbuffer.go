package nodeharness

import (
	"bytes"
	"sync"
)

// SyncBuffer is a bytes.Buffer whose Write and String may be called from
// several goroutines at once: it collects a child's output while exec's
// copying goroutines write it, and a test server's log while its handlers
// write it. The zero value is ready to use.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
