//go:build !linux

package mono

// Micros reports false: only Linux's CLOCK_MONOTONIC is known to be the
// clock Node reads.
func Micros() (float64, bool) { return 0, false }
