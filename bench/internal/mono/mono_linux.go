package mono

import (
	"syscall"
	"unsafe"
)

// clockMonotonic is CLOCK_MONOTONIC, the clock libuv's uv_hrtime (Node's
// process.hrtime) reads; Go's time package keeps its own reading private.
const clockMonotonic = 1

// Micros returns CLOCK_MONOTONIC in microseconds, and true.
func Micros() (float64, bool) {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockMonotonic, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0, false
	}
	return float64(ts.Sec)*1e6 + float64(ts.Nsec)/1e3, true
}
