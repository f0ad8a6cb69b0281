package main

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestPairedRatioRunsBothSides checks the bookkeeping, not the speed: both
// sides run the same number of times, in whole batches, and the ratios
// are positive.
func TestPairedRatioRunsBothSides(t *testing.T) {
	var na, nb int
	res, err := pairedRatio(func() error { na++; return nil }, func() error { nb++; return nil }, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if na != nb || na != res.ops+pairedBatch || res.ops == 0 || res.ops%pairedBatch != 0 {
		t.Errorf("a ran %d times, b %d, ops %d (plus one warm-up batch each)", na, nb, res.ops)
	}
	if res.wall <= 0 || res.cpu < 0 {
		t.Errorf("ratios: %+v", res)
	}
}

func TestPairedRatioStopsOnFailure(t *testing.T) {
	boom := errors.New("boom")
	ok := func() error { return nil }
	if _, err := pairedRatio(ok, func() error { return boom }, time.Millisecond); !errors.Is(err, boom) {
		t.Errorf("failing b: err = %v, want boom", err)
	}
	calls := 0
	failLater := func() error {
		if calls++; calls > pairedBatch {
			return boom
		}
		return nil
	}
	if _, err := pairedRatio(failLater, ok, time.Hour); !errors.Is(err, boom) || !strings.Contains(err.Error(), "round 0") {
		t.Errorf("a failing after the warm-up: err = %v, want boom in round 0", err)
	}
	if _, err := pairedRatio(func() error { panic("not implemented") }, ok, time.Millisecond); err == nil ||
		!strings.Contains(err.Error(), "not implemented") {
		t.Errorf("panicking a: err = %v", err)
	}
}
