package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"
)

// profileGroup names where a function's own (flat) CPU time belongs; the
// first prefix that matches a function's full name wins.
type profileGroup struct {
	name     string
	prefixes []string
}

// coldPathGroups split the cold Middleware path into the raw floor (crypto)
// and what is spent above it.
var coldPathGroups = []profileGroup{
	{"crypto: SHA-256 and RSA arithmetic (the raw floor pays this)", []string{"crypto/", "math/big."}},
	{"go-jose: JWS parsing, header checks, signing input", []string{"github.com/go-jose/"}},
	{"betterauth: cookies, claims, Middleware", []string{"github.com/authgen/authgen/betterauth."}},
	{"encoding/json and encoding/base64 (called by both)", []string{"encoding/"}},
	{"Go runtime: allocation, GC, memmove", []string{"runtime.", "runtime/", "internal/runtime/"}},
	{"the rest: net/http, strings, maps, the measuring loop", []string{""}},
}

// profileShare is one group's part of the profiled work.
type profileShare struct {
	group   string
	percent float64 // of all samples
	nsPerOp float64 // CPU time per unit of work, on any thread
}

// profileShares CPU-profiles work for d and returns each group's share of
// the flat samples, as `go tool pprof -top` reports them, and the CPU time
// per unit of work that share stands for. The profile covers every thread,
// so GC work done beside the work counts too.
func (r *runner) profileShares(ctx context.Context, name string, work func() error, d time.Duration, groups []profileGroup) ([]profileShare, error) {
	path := filepath.Join(r.work, name+".pprof")
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("starting the CPU profile: %w", err)
	}
	var workErr error
	ops := 0
	for deadline := time.Now().Add(d); time.Now().Before(deadline) && workErr == nil; ops++ {
		workErr = safely(work)
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		return nil, err
	}
	if workErr != nil {
		return nil, workErr
	}
	cmd := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount=1000000", "-nodefraction=0", "-edgefraction=0", path)
	cmd.Dir = r.benchDir
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof: %v", err)
	}
	flat, total, err := parsePprofTop(string(out))
	if err != nil {
		return nil, err
	}
	shares := groupShares(flat, groups)
	for i := range shares {
		shares[i].nsPerOp = shares[i].percent / 100 * float64(total) / float64(ops)
	}
	return shares, nil
}

// parsePprofTop reads `go tool pprof -top` output: flat percentages by
// function name, and the total sampled CPU time.
func parsePprofTop(out string) (flat map[string]float64, total time.Duration, err error) {
	flat = map[string]float64{}
	inRows := false
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if !inRows {
			// Duration: 3s, Total samples = 2.96s (98.67%)
			if _, after, ok := strings.Cut(line, "Total samples = "); ok {
				v, _, _ := strings.Cut(after, " ")
				if total, err = time.ParseDuration(v); err != nil {
					return nil, 0, fmt.Errorf("pprof total %q: %v", v, err)
				}
			}
			inRows = len(f) == 5 && f[0] == "flat" && f[1] == "flat%"
			continue
		}
		if len(f) < 6 {
			continue
		}
		pct, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64)
		if err != nil {
			return nil, 0, fmt.Errorf("pprof row %q: %v", line, err)
		}
		flat[strings.Join(f[5:], " ")] += pct
	}
	if !inRows || total <= 0 {
		return nil, 0, fmt.Errorf("pprof printed no samples: %s", firstLines(out, 3))
	}
	return flat, total, nil
}

// groupShares sums flat percentages by group, in the groups' order.
func groupShares(flat map[string]float64, groups []profileGroup) []profileShare {
	sums := make([]float64, len(groups))
	for name, pct := range flat {
		if !strings.Contains(name, ".") {
			// Assembly routines without a package (aeshashbody,
			// memeqbody, gcWriteBarrier…) are the runtime's.
			name = "runtime." + name
		}
		i := slices.IndexFunc(groups, func(g profileGroup) bool {
			return slices.ContainsFunc(g.prefixes, func(p string) bool { return strings.HasPrefix(name, p) })
		})
		if i >= 0 {
			sums[i] += pct
		}
	}
	shares := make([]profileShare, len(groups))
	for i, g := range groups {
		shares[i] = profileShare{group: g.name, percent: sums[i]}
	}
	return shares
}
