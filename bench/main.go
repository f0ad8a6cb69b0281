// Command bench runs authgen's benchmarks side by side with the tools and
// libraries they replace, and rewrites BENCHMARKS.md at the repository root:
//
//  1. generation: authgen generate vs oapi-codegen on the same synthetic API;
//  2. per-request auth: betterauth.Middleware vs the official TypeScript
//     getToken, go-oidc, golang-jwt and raw RSA on the same token;
//  3. typed calls: a generated query method vs hand-written net/http and the
//     official ConvexHttpClient against one local server;
//  4. memory: the verified-token cache, bytes per entry and its bound;
//  5. the convex package's codec and client against encoding/json and
//     hand-written net/http, from its own benchmark functions;
//  6. the offline function spec: warm check from source vs from a spec
//     file, and cold extraction, on real apps;
//  7. fleets: warm Middleware with and without OpenTelemetry hooks, and the
//     Redis-shared sign-out check and its propagation delay;
//  8. the largest real app of tests/corpus, generated and compiled;
//  9. live queries: convex/live vs the official ConvexClient in Node on one
//     fake deployment (memory per subscription and socket, update latency),
//     and the Transition → SSE event leg.
//
// BENCHMARKS.md is the one place for the project's figures: every issue
// that asks for benchmarks is answered by a section (see issueScope).
//
// Run it from the bench directory: `cd bench && go run .` (about 5 minutes on
// two cores). A section whose dependency is not available reports "not
// measured" with the reason instead of failing the run.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func main() {
	var (
		out   = flag.String("out", "", "report to write (default: BENCHMARKS.md at the repository root)")
		only  = flag.String("only", "", "comma-separated sections to run: gen,auth,calls,memory,codec,spec,fleets,corpus,live (default all)")
		runs  = flag.Int("runs", 5, "subprocess runs per generator and size (median reported)")
		quick = flag.Bool("quick", false, "tiny sizes and durations: checks the runner works, figures are meaningless")
	)
	testing.Init() // testing.Benchmark reads the -test.* flags
	flag.Parse()
	if *quick {
		flag.Set("test.benchtime", "100ms")
	}
	log.SetFlags(log.Ltime)
	log.SetPrefix("bench: ")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := newRunner(*runs, *quick)
	if err != nil {
		log.Fatal(err)
	}
	defer r.close()
	if *out == "" {
		*out = filepath.Join(r.root, "BENCHMARKS.md")
	}
	rep, err := r.run(ctx, sectionsToRun(*only))
	if err != nil {
		log.Fatal(err)
	}
	rep.Scope = issueScope
	rep.Command = "cd bench && go run ."
	if len(os.Args) > 1 {
		rep.Command += " " + strings.Join(os.Args[1:], " ")
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := rep.WriteMarkdown(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s", *out)
}

// sectionsToRun parses -only; empty means every section.
func sectionsToRun(only string) map[string]bool {
	want := map[string]bool{}
	for _, s := range strings.Split(only, ",") {
		if s = strings.TrimSpace(s); s != "" {
			want[s] = true
		}
	}
	if len(want) == 0 {
		for _, s := range sectionOrder {
			want[s.key] = true
		}
	}
	return want
}

// issueScope says which section answers which issue's benchmark item.
const issueScope = "1 = issue 8 item 1 and issue 4 item 9 (generation); 2 = issue 8 item 2 and issue 3 item 10 " +
	"(per-request auth); 3 = issue 8 item 3 (typed calls); 4 = issue 8 item 4 (token cache memory); " +
	"5 = issue 2 item 7 (convex codec and client); 6 = issue 13 item 3 (offline function spec); " +
	"7 = issue 17 item 4 (hooks, OpenTelemetry, Redis sign-out); 8 = issue 12 item 10 (real apps: generation and build); " +
	"9 = issue 19 item 6 (live queries)"

// sectionOrder lists the sections in report order.
var sectionOrder = []struct {
	key, title string
	run        func(*runner, context.Context, *Section)
}{
	{"gen", "1. Generation: authgen vs oapi-codegen", (*runner).generation},
	{"auth", "2. Per-request auth on the same token", (*runner).auth},
	{"calls", "3. Typed call overhead", (*runner).calls},
	{"memory", "4. Memory: the verified-token cache", (*runner).memory},
	{"codec", "5. Convex value codec and client", (*runner).codec},
	{"spec", "6. Offline function spec", (*runner).spec},
	{"fleets", "7. Fleets: hooks, OpenTelemetry, shared sign-out", (*runner).fleets},
	{"corpus", "8. Real apps: the largest corpus app", (*runner).corpus},
	{"live", "9. Live queries: convex/live vs the official ConvexClient", (*runner).live},
}

// run executes the selected sections in order.
func (r *runner) run(ctx context.Context, want map[string]bool) (*Report, error) {
	start := time.Now()
	rep := &Report{Machine: describeMachine(ctx), Date: start.UTC().Format("2006-01-02 15:04 MST"), LoadBefore: loadAverage()}
	for _, s := range sectionOrder {
		if !want[s.key] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		log.Printf("section %s", s.title)
		sec := &Section{Title: s.title}
		t0 := time.Now()
		r.guard(ctx, sec, s.run)
		sec.Took = time.Since(t0).Round(time.Second).String()
		rep.Sections = append(rep.Sections, sec)
	}
	rep.Took = time.Since(start).Round(time.Second).String()
	rep.LoadAfter = loadAverage()
	return rep, nil
}

// guard runs one section and turns a panic (a runtime package still a
// stub panics "not implemented") into an honest "not measured".
func (r *runner) guard(ctx context.Context, sec *Section, run func(*runner, context.Context, *Section)) {
	defer func() {
		if v := recover(); v != nil {
			sec.NotMeasured = fmt.Sprintf("the section panicked (%v); is its dependency implemented yet?", v)
			log.Printf("%s: %s", sec.Title, sec.NotMeasured)
		}
	}()
	run(r, ctx, sec)
}
