package main

import "syscall"

// threadCPUTime returns the CPU time the calling OS thread has used, or
// false where it cannot be read. Unlike wall time it does not grow while
// other processes hold the CPU.
func threadCPUTime() (int64, bool) {
	const rusageThread = 1 // RUSAGE_THREAD; the syscall package does not name it
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
