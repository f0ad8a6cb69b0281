package main

import (
	"fmt"
	"runtime"
	"time"
)

// pairedResult compares two units of work measured in alternating batches.
type pairedResult struct {
	wall float64 // a's time per op ÷ b's, wall clock
	cpu  float64 // the same in the thread's CPU time; 0 where unavailable
	ops  int     // operations of each
}

// pairedBatch is how many operations run back to back before switching:
// long enough that reading the clocks costs nothing, short enough (a few
// milliseconds) that a burst of load from elsewhere hits both sides.
const pairedBatch = 64

// pairedRatio runs batches of a and b alternately on one locked OS thread,
// changing which goes first every round, until each has run for about d,
// and returns a's cost ÷ b's. Separate benchmarks a second apart see
// different loads on a shared machine; alternating batches see the same,
// so this is the estimator the ratio goals are judged on. The thread's CPU
// time is given too: time slices lost to other processes do not inflate it
// (it also leaves out GC work done on other threads, which flatters the side
// that allocates more, so it is shown, not judged).
func pairedRatio(a, b func() error, d time.Duration) (pairedResult, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var wall [2]time.Duration
	var cpu [2]int64
	cpuOK := true
	work := [2]func() error{a, b}
	batch := func(i int) error {
		c0, ok0 := threadCPUTime()
		t0 := time.Now()
		for range pairedBatch {
			if err := safely(work[i]); err != nil {
				return err
			}
		}
		wall[i] += time.Since(t0)
		c1, ok1 := threadCPUTime()
		cpu[i] += c1 - c0
		cpuOK = cpuOK && ok0 && ok1
		return nil
	}
	// One unrecorded round warms caches and the allocator for both.
	for i := range work {
		if err := batch(i); err != nil {
			return pairedResult{}, err
		}
	}
	wall, cpu = [2]time.Duration{}, [2]int64{}
	rounds := 0
	for ; wall[0] < d || wall[1] < d; rounds++ {
		first := rounds % 2
		for _, i := range []int{first, 1 - first} {
			if err := batch(i); err != nil {
				return pairedResult{}, fmt.Errorf("round %d: %w", rounds, err)
			}
		}
	}
	res := pairedResult{wall: float64(wall[0]) / float64(wall[1]), ops: rounds * pairedBatch}
	if cpuOK && cpu[1] > 0 {
		res.cpu = float64(cpu[0]) / float64(cpu[1])
	}
	return res, nil
}
