package main

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
goarch: amd64
pkg: github.com/authgen/authgen/convex
cpu: AMD EPYC
BenchmarkMarshal1000Docs/convex-2         	    1387	    855123 ns/op	  363000 B/op	    4002 allocs/op
BenchmarkUnmarshal1000Docs/encoding_json-16 	     300	   3170000 ns/op	  29.50 MB/s	  920000 B/op	   16268 allocs/op
BenchmarkGenerate/functions=100 some log line from the benchmark
PASS
ok  	github.com/authgen/authgen/convex	12.3s
`
	lines, err := parseGoBench(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2: %+v", len(lines), lines)
	}
	m := lines[0]
	if m.name != "BenchmarkMarshal1000Docs/convex" || m.n != 1387 || m.metrics["ns/op"] != 855123 ||
		m.metrics["B/op"] != 363000 || m.metrics["allocs/op"] != 4002 {
		t.Errorf("first line: %+v", m)
	}
	u := lines[1]
	if u.name != "BenchmarkUnmarshal1000Docs/encoding_json" || u.metrics["MB/s"] != 29.5 || u.metrics["allocs/op"] != 16268 {
		t.Errorf("second line: %+v", u)
	}
}

func TestParseGoBenchRejectsMalformedResults(t *testing.T) {
	for _, line := range []string{
		"BenchmarkX-2 100 12 ns/op 7",          // a value without its unit
		"BenchmarkX-2 100 twelve ns/op",        // not a number
		"BenchmarkX-2 100 12 B/op 3 allocs/op", // no ns/op
	} {
		if _, err := parseGoBench(line + "\n"); err == nil {
			t.Errorf("%q: no error", line)
		}
	}
}

func TestMedianMetric(t *testing.T) {
	lines := []goBenchLine{
		{metrics: map[string]float64{"ns/op": 3, "B/op": 10}},
		{metrics: map[string]float64{"ns/op": 1, "B/op": 10}},
		{metrics: map[string]float64{"ns/op": 2}},
	}
	if v, ok := medianMetric(lines, "ns/op"); !ok || v != 2 {
		t.Errorf("ns/op = %v, %v; want 2, true", v, ok)
	}
	if _, ok := medianMetric(lines, "B/op"); ok {
		t.Error("B/op missing from one round: want not ok")
	}
	if _, ok := medianMetric(nil, "ns/op"); ok {
		t.Error("no rounds: want not ok")
	}
}

func TestCodecFiguresNeedBenchmem(t *testing.T) {
	withMem := []goBenchLine{{metrics: map[string]float64{"ns/op": 5, "B/op": 6, "allocs/op": 7}}}
	if r, ok := codecFigures(withMem); !ok || r.nsPerOp != 5 || r.bytesPerOp != 6 || r.allocsPerOp != 7 {
		t.Errorf("codecFigures = %+v, %v", r, ok)
	}
	if _, ok := codecFigures([]goBenchLine{{metrics: map[string]float64{"ns/op": 5}}}); ok {
		t.Error("without -benchmem figures: want not ok")
	}
}

func TestParsePprofTopAndGroup(t *testing.T) {
	out := `File: bench
Type: cpu
Duration: 2.74s, Total samples = 1.96s (71.63%)
Showing nodes accounting for 1.96s, 100% of 1.96s total
      flat  flat%   sum%        cum   cum%
     0.96s 48.98% 48.98%      0.96s 48.98%  crypto/internal/fips140/bigmod.addMulVVW2048
     0.20s 10.20% 59.18%      0.21s 10.71%  github.com/go-jose/go-jose/v4/json.Unmarshal
     0.10s  5.10% 64.28%      1.68s 85.71%  github.com/authgen/authgen/betterauth.(*Verifier).Verify
     0.10s  5.10% 69.38%      0.10s  5.10%  runtime.mallocgc
     0.05s  2.55% 71.93%      0.05s  2.55%  aeshashbody
     0.05s  2.55% 74.48%      0.05s  2.55%  net/textproto.CanonicalMIMEHeaderKey
         0     0%  74.48%      0.02s  1.02%  crypto/rsa.VerifyPKCS1v15
`
	flat, total, err := parsePprofTop(out)
	if err != nil {
		t.Fatal(err)
	}
	if flat["crypto/internal/fips140/bigmod.addMulVVW2048"] != 48.98 || flat["aeshashbody"] != 2.55 || total != 1960*time.Millisecond {
		t.Fatalf("flat = %v, total = %v", flat, total)
	}
	got := map[string]float64{}
	for _, s := range groupShares(flat, coldPathGroups) {
		got[s.group] = s.percent
	}
	want := []float64{48.98, 10.20, 5.10, 0, 5.10 + 2.55, 2.55}
	for i, g := range coldPathGroups {
		if math.Abs(got[g.name]-want[i]) > 1e-9 {
			t.Errorf("%s: %.2f %%, want %.2f %%", g.name, got[g.name], want[i])
		}
	}
	if _, _, err := parsePprofTop("pprof: no samples\n"); err == nil || !strings.Contains(err.Error(), "no samples") {
		t.Errorf("output without a table: err = %v", err)
	}
}

func TestFmtCount(t *testing.T) {
	if got := fmtNs(-1500); got != "−1.50 µs" {
		t.Errorf("fmtNs(-1500) = %q", got)
	}
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 1234567.4: "1,234,567", -4002: "-4,002", 88.6: "89"} {
		if got := fmtCount(in); got != want {
			t.Errorf("fmtCount(%v) = %q, want %q", in, got, want)
		}
	}
}
