//go:build !linux

package main

// threadCPUTime is unavailable outside Linux: per-thread CPU time needs
// RUSAGE_THREAD.
func threadCPUTime() (int64, bool) { return 0, false }
