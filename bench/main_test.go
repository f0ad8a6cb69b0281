package main

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authgen/authgen/bench/internal/typedapi"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/convex"
	"github.com/authgen/authgen/generator"
)

// TestTypedAPIIsCurrent fails when the committed generated package no
// longer matches what the generator produces from its manifest.
func TestTypedAPIIsCurrent(t *testing.T) {
	dir := filepath.Join("internal", "typedapi")
	res, err := generator.Generate(generator.Options{ManifestPath: filepath.Join(dir, "authgen.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		have, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil || !bytes.Equal(have, f.Data) {
			t.Errorf("%s is stale (%v): run `go generate ./internal/typedapi` in bench/", f.Name, err)
		}
	}
}

// TestCallClientsAgree runs both Go clients of the typed-call section once
// against the fake deployment: same messages, and the server refuses a
// call without a token.
func TestCallClientsAgree(t *testing.T) {
	srv, err := startFakeConvex()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	s, _, err := newRSASigner("test-kid")
	if err != nil {
		t.Fatal(err)
	}
	site := "https://bench-123.convex.site"
	token, err := s.token(betterAuthClaims(site, 1, time.Now(), time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	client, err := typedapi.New(betterauth.Config{ConvexURL: srv.URL, SiteURL: site, JWKS: s.jwks()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := authenticatedContext(client, token)
	if err != nil {
		t.Fatal(err)
	}
	gen, err := client.MessagesList(ctx, typedapi.MessagesListArgs{Channel: "channels|abc123"})
	if err != nil {
		t.Fatal(err)
	}
	hand, err := (&handClient{url: srv.URL, hc: srv.Client()}).messagesList(ctx, handArgs{Channel: "channels|abc123"})
	if err != nil {
		t.Fatal(err)
	}
	if len(gen) != len(fakeMessages) || len(hand) != len(fakeMessages) {
		t.Fatalf("generated got %d messages, hand-written %d; want %d", len(gen), len(hand), len(fakeMessages))
	}
	for i := range gen {
		if string(gen[i].ID) != hand[i].ID || gen[i].Body != hand[i].Body || gen[i].CreationTime != hand[i].CreationTime {
			t.Fatalf("message %d differs: %+v vs %+v", i, gen[i], hand[i])
		}
	}
	_, err = client.MessagesList(context.Background(), typedapi.MessagesListArgs{Channel: "channels|abc123"})
	if !errors.Is(err, convex.ErrUnauthenticated) {
		t.Fatalf("anonymous call: %v, want convex.ErrUnauthenticated", err)
	}
}

// TestGoalJudgement covers the met / missed / not-measured wording the
// report's goal table depends on.
func TestGoalJudgement(t *testing.T) {
	if g := atMost("x", 0.4, 0.5, ""); g.Status != Met {
		t.Errorf("0.4 ≤ 0.5: %v", g.Status)
	}
	if g := atMost("x", 1.0, 0.5, ""); g.Status != Missed || g.Distance != "2.00× the limit" {
		t.Errorf("1.0 ≤ 0.5: %v %q", g.Status, g.Distance)
	}
	if g := atLeast("x", 500, 1000, ""); g.Status != Missed || g.Distance != "2.00× short of the target" {
		t.Errorf("500 ≥ 1000: %v %q", g.Status, g.Distance)
	}
	if g := unmeasured("x", "why"); g.statusText() != "not measured" || !strings.Contains(g.Measured, "why") {
		t.Errorf("unmeasured: %+v", g)
	}
}

func TestReportMarkdown(t *testing.T) {
	rep := &Report{Command: "cd bench && go run .", Date: "today", Machine: Machine{CPU: "cpu", Cores: 2}}
	sec := &Section{Title: "S", NotMeasured: "no node"}
	tbl := &Table{Header: []string{"a", "b"}}
	tbl.Add("x|y", "1")
	sec.Tables = append(sec.Tables, tbl)
	sec.Goals = append(sec.Goals, atMost("fast", 2, 1, "2 ns"))
	rep.Sections = append(rep.Sections, sec)
	var b strings.Builder
	if err := rep.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"`cd bench && go run .`", "| S | fast | 2 ns | missed: 2.00× the limit |", `| x\|y | 1 |`, "**Not measured:** no node"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(c.in); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestQuantile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.5, 5}, {0.9, 9}, {0.99, 10}, {1, 10}} {
		if got := quantile(xs, c.q); got != c.want {
			t.Errorf("quantile(%v) = %v, want %v", c.q, got, c.want)
		}
	}
	if got := quantile(nil, 0.5); got != 0 {
		t.Errorf("quantile of nothing = %v", got)
	}
	if xs[0] != 5 {
		t.Error("quantile sorted its input")
	}
}

// TestThroughputStopsOnError: a failing client ends the run with its error.
func TestThroughputStopsOnError(t *testing.T) {
	boom := errors.New("boom")
	_, err := throughput(context.Background(), 4, time.Second, func(context.Context) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}

// TestBenchmarkAllReportsFailures: a contender whose setup fails, whose work
// fails or whose work panics is reported with its reason, and the others
// are still measured.
func TestBenchmarkAllReportsFailures(t *testing.T) {
	r := &runner{quick: true}
	boom := errors.New("boom")
	res := r.benchmarkAll("test", []contender{
		{"setup fails", func() (func() error, error) { return nil, boom }},
		{"work fails", func() (func() error, error) { return func() error { return boom }, nil }},
		{"work panics", func() (func() error, error) { return func() error { panic("not implemented") }, nil }},
		{"fine", func() (func() error, error) { return func() error { return nil }, nil }},
	})
	for _, name := range []string{"setup fails", "work fails"} {
		if !errors.Is(res[name].err, boom) {
			t.Errorf("%s: err = %v, want boom", name, res[name].err)
		}
	}
	if err := res["work panics"].err; err == nil || !strings.Contains(err.Error(), "not implemented") {
		t.Errorf("work panics: err = %v", err)
	}
	if f := res["fine"]; f.err != nil || f.nsPerOp <= 0 {
		t.Errorf("fine: %+v", f)
	}
}
