package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// quickRunner is a runner in -quick mode rooted at this checkout.
func quickRunner(t *testing.T) *runner {
	t.Helper()
	r, err := newRunner(1, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.close)
	return r
}

// TestAuthContendersAgree: every Go contender accepts the fixture token
// and refuses it with one signature byte changed, so none of them is
// measured doing less than checking the signature.
func TestAuthContendersAgree(t *testing.T) {
	fx, err := localFixture()
	if err != nil {
		t.Fatal(err)
	}
	tampered := *fx
	i := strings.LastIndexByte(fx.token, '.') + 5
	flip := map[byte]byte{'A': 'B'}[fx.token[i]]
	if flip == 0 {
		flip = 'A'
	}
	tampered.token = fx.token[:i] + string(flip) + fx.token[i+1:]
	tampered.cookie = strings.Replace(fx.cookie, fx.token, tampered.token, 1)
	for _, c := range goContenders(fx) {
		work, err := prepareContender(c)
		if err == nil {
			err = work()
		}
		if err != nil {
			t.Errorf("%s refuses the valid token: %v", c.name, err)
		}
	}
	for _, c := range goContenders(&tampered) {
		work, err := prepareContender(c)
		if err == nil {
			err = work()
		}
		if err == nil {
			t.Errorf("%s accepts a token with a changed signature", c.name)
		}
	}
}

// TestPairedGoalsJudgeEveryRival: the ratio goals are all judged (met or
// missed, never "not measured") and tabled.
func TestPairedGoalsJudgeEveryRival(t *testing.T) {
	fx, err := localFixture()
	if err != nil {
		t.Fatal(err)
	}
	sec := &Section{}
	quickRunner(t).pairedGoals(context.Background(), sec, goContenders(fx), map[string]benchResult{})
	if len(sec.Goals) != len(coldRivals) || len(sec.Tables) != 1 || len(sec.Tables[0].Rows) != len(coldRivals) {
		t.Fatalf("goals %+v, tables %+v", sec.Goals, sec.Tables)
	}
	for _, g := range sec.Goals {
		if g.Status != Met && g.Status != Missed {
			t.Errorf("%s: %s", g.Name, g.statusText())
		}
	}
}

// TestCodecBenchmarksExist runs the convex section in quick mode: the
// benchmark names it parses must exist in convex/bench_test.go, or every
// goal would silently read "not measured".
func TestCodecBenchmarksExist(t *testing.T) {
	sec := &Section{}
	quickRunner(t).codec(context.Background(), sec)
	if sec.NotMeasured != "" {
		t.Fatal(sec.NotMeasured)
	}
	if len(sec.Goals) != len(codecComparisons) {
		t.Fatalf("%d goals, want %d", len(sec.Goals), len(codecComparisons))
	}
	for _, g := range sec.Goals {
		if g.Status != Met && g.Status != Missed {
			t.Errorf("%s: %s %s", g.Name, g.statusText(), g.Measured)
		}
	}
}

// TestGenerateInProcess: generator.Generate runs on the synthetic
// deployments and its allocations and output are counted.
func TestGenerateInProcess(t *testing.T) {
	r := quickRunner(t)
	dirs := map[int]string{}
	for _, n := range []int{4, 8} {
		dir, err := writeSynthetic(r.work, n)
		if err != nil {
			t.Fatal(err)
		}
		dirs[n] = dir
	}
	sec := &Section{}
	r.inProcessTable(sec, []int{4, 8}, dirs)
	if len(sec.Goals) != 1 || (sec.Goals[0].Status != Met && sec.Goals[0].Status != Missed) {
		t.Fatalf("goals: %+v", sec.Goals)
	}
	for _, row := range sec.Tables[0].Rows {
		if strings.HasPrefix(row[1], "not measured") || row[3] == "0" || row[6] == "0 B" {
			t.Errorf("row %v", row)
		}
	}

	// A deployment that does not parse is reported, not fatal.
	bad := filepath.Join(r.work, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "authgen.yaml"), []byte("version: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := r.generateInProcess([]int{1}, map[int]string{1: bad})
	if got[1].err == nil {
		t.Error("a broken manifest was measured")
	}
}

// TestOwnerAuthBenchmarksExist: the betterauth benchmark names the
// cross-check table reads must exist in betterauth/bench_test.go.
func TestOwnerAuthBenchmarksExist(t *testing.T) {
	sec := &Section{}
	quickRunner(t).ownerAuthBenchmarks(context.Background(), sec)
	if len(sec.Notes) > 0 {
		t.Fatal(sec.Notes)
	}
	out := sec.Tables[0].Rows
	if len(out) != 4 {
		t.Fatalf("rows: %v", out)
	}
	for _, row := range out {
		if strings.Contains(strings.Join(row, " "), "not measured") {
			t.Errorf("row %v", row)
		}
	}
	if !strings.Contains(out[1][4], "×") || !strings.Contains(out[3][4], "× wall") {
		t.Errorf("ratios missing: %v", out)
	}
}

// TestSpecBenchmarksExist runs the offline-spec section in quick mode: the
// benchmark names it parses must exist in internal/spec/bench_test.go.
func TestSpecBenchmarksExist(t *testing.T) {
	sec := &Section{}
	quickRunner(t).spec(context.Background(), sec)
	if sec.NotMeasured != "" {
		t.Fatal(sec.NotMeasured)
	}
	if len(sec.Goals) != 3 {
		t.Fatalf("%d goals, want 3: %+v", len(sec.Goals), sec.Goals)
	}
	for _, g := range sec.Goals[:2] {
		if g.Status != Met && g.Status != Missed {
			t.Errorf("%s: %s %s", g.Name, g.statusText(), g.Measured)
		}
	}
}

// TestFleetsBenchmarksExist runs the fleets section in quick mode: the
// benchmark names it parses must exist in betterauth/otelauth and
// betterauth/redisstore, and every goal must be judged or reported.
func TestFleetsBenchmarksExist(t *testing.T) {
	sec := &Section{}
	quickRunner(t).fleets(context.Background(), sec)
	if len(sec.Goals) != 5 {
		t.Fatalf("%d goals, want 5: %+v", len(sec.Goals), sec.Goals)
	}
	for _, g := range sec.Goals {
		if g.Status == NotMeasured {
			t.Errorf("%s: %s", g.Name, g.Measured)
		}
	}
	for _, row := range sec.Tables[0].Rows {
		if strings.Contains(strings.Join(row, " "), "not measured") {
			t.Errorf("row %v", row)
		}
	}
}

// TestCorpusBenchmarksExist runs the corpus section in quick mode: the
// generator's corpus benchmarks must exist and report every figure the
// table reads.
func TestCorpusBenchmarksExist(t *testing.T) {
	sec := &Section{}
	quickRunner(t).corpus(context.Background(), sec)
	if sec.NotMeasured != "" {
		t.Fatal(sec.NotMeasured)
	}
	if len(sec.Goals) != 2 || len(sec.Tables) != 1 || len(sec.Tables[0].Rows) != 6 {
		t.Fatalf("goals %v, tables %v", sec.Goals, sec.Tables)
	}
	for _, g := range sec.Goals {
		if g.Status != Met && g.Status != Missed {
			t.Errorf("%s: %s %s", g.Name, g.statusText(), g.Measured)
		}
	}
}

// TestLiveSectionMeasuresBothClients runs the live section in quick mode:
// both clients connect to the fake, authenticate, and print every figure
// the tables and goals read; convex/live's latency benchmarks exist.
func TestLiveSectionMeasuresBothClients(t *testing.T) {
	sec := &Section{}
	quickRunner(t).live(context.Background(), sec)
	if sec.NotMeasured != "" {
		t.Fatal(sec.NotMeasured)
	}
	if len(sec.Notes) > 0 {
		t.Fatalf("notes: %v", sec.Notes)
	}
	if len(sec.Goals) != 5 || len(sec.Tables) != 4 {
		t.Fatalf("goals %+v, tables %d", sec.Goals, len(sec.Tables))
	}
	for _, g := range sec.Goals {
		if g.Status == NotMeasured {
			t.Errorf("%s: %s", g.Name, g.Measured)
		}
	}
	for _, table := range sec.Tables {
		for _, row := range table.Rows {
			if strings.Contains(strings.Join(row, " "), "not measured") {
				t.Errorf("row %v", row)
			}
		}
	}
}
