package main

import (
	"context"
	"fmt"
)

// fleets measures what running several replicas and observing them costs
// per request (issue 17 item 4), from the owners' benchmark functions:
// betterauth/otelauth's warm Middleware without hooks and with otelauth,
// and betterauth/redisstore's deny-list check and sign-out propagation on
// a redis-server the benchmark starts.
func (r *runner) fleets(ctx context.Context, sec *Section) {
	runs, benchtime := 3, "1s"
	if r.quick {
		runs, benchtime = 1, "100ms"
	}
	sec.Intro = fmt.Sprintf("Medians of %d runs of %s each. Hooks: `go test -run '^$' -bench 'MiddlewareWarmHooks|OTelOverOff' "+
		"./betterauth/otelauth`, a browser request carrying an authtest user's convex_jwt and session cookies, answered from the "+
		"verified-token cache, through Middleware without hooks and with otelauth.Hooks on the OpenTelemetry SDK (a meter "+
		"provider with a manual reader, a tracer provider recording spans); OTelOverOff alternates batches of 256 requests of "+
		"each, so both see the same load, and its ratio is the one judged. Redis: `go test -run '^$' -bench . "+
		"./betterauth/redisstore` on a redis-server the benchmark starts on 127.0.0.1: IsDenied is the per-request check "+
		"(memory only, 1000 denials held); Propagation is one replica's Deny until another replica's IsDenied says true.",
		runs, benchtime)

	hooks, herr := r.goTestBench(ctx, "betterauth/otelauth", "^Benchmark(MiddlewareWarmHooks|OTelOverOff)$", runs, benchtime)
	redis, rerr := r.goTestBench(ctx, "betterauth/redisstore", "^Benchmark(IsDenied|Propagation)$", runs, benchtime)

	table := &Table{Header: []string{"benchmark", "ns/op", "B/op", "allocs/op", "note"}}
	row := func(results map[string][]goBenchLine, err error, name, note string) (benchResult, bool) {
		if err != nil {
			table.Add(name, "not measured: "+err.Error(), "", "", "")
			return benchResult{}, false
		}
		f, ok := codecFigures(results["Benchmark"+name])
		if !ok {
			table.Add(name, "not measured: no result", "", "", "")
			return f, false
		}
		table.Add(name, fmtNs(f.nsPerOp), fmtCount(f.bytesPerOp), fmtCount(f.allocsPerOp), note)
		return f, true
	}
	off, offOK := row(hooks, herr, "MiddlewareWarmHooks/off", "no hooks")
	otel, otelOK := row(hooks, herr, "MiddlewareWarmHooks/otel", "otelauth.Hooks")
	ratio, ratioOK := medianMetric(hooks["BenchmarkOTelOverOff"], "otel/off")
	if herr == nil && ratioOK {
		table.Add("OTelOverOff", "", "", "", "otel ÷ off = "+fmtRatio(ratio)+" in alternating batches")
	}
	check, checkOK := row(redis, rerr, "IsDenied", "per request, Redis-backed")
	prop, propOK := row(redis, rerr, "Propagation", "")
	worst, worstOK := medianMetric(redis["BenchmarkPropagation"], "worst-µs")
	if propOK && worstOK {
		table.Rows[len(table.Rows)-1][4] = fmt.Sprintf("worst of a run: %s", fmtNs(worst*1000))
	}
	sec.Tables = append(sec.Tables, table)

	if offOK {
		sec.Goals = append(sec.Goals,
			atMost("Middleware warm, hooks off ≤ 1 µs", off.nsPerOp, 1000, fmtNs(off.nsPerOp)+"/request"),
			atMost("Middleware warm, hooks off ≤ 4 allocs", off.allocsPerOp, 4, fmtCount(off.allocsPerOp)+" allocs/op"))
	} else {
		sec.Goals = append(sec.Goals, unmeasured("Middleware warm, hooks off ≤ 1 µs", "no result"))
	}
	switch {
	case ratioOK:
		measured := fmtRatio(ratio) + " in alternating batches"
		if offOK && otelOK {
			measured += fmt.Sprintf(" (separate medians %s vs %s)", fmtNs(otel.nsPerOp), fmtNs(off.nsPerOp))
		}
		sec.Goals = append(sec.Goals, atMost("Middleware warm with OpenTelemetry metrics ≤ 1.3× hooks off", ratio, 1.3, measured))
	default:
		sec.Goals = append(sec.Goals, unmeasured("Middleware warm with OpenTelemetry metrics ≤ 1.3× hooks off", "no result"))
	}
	if checkOK {
		sec.Goals = append(sec.Goals, Goal{Name: "Redis-backed sign-out check per request (no network round trip)",
			Measured: fmtNs(check.nsPerOp) + ", " + fmtCount(check.allocsPerOp) + " allocs", Status: Reported})
	}
	if propOK {
		measured := fmtNs(prop.nsPerOp) + " median"
		if worstOK {
			measured += ", worst " + fmtNs(worst*1000)
		}
		sec.Goals = append(sec.Goals, atMost("Sign-out propagation to another replica ≤ 1 s", prop.nsPerOp, 1e9, measured))
	}
}
