package main

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"
)

// coldRivals are what Middleware cold is compared with in alternating
// batches, each with its goal: cold ÷ rival at most limit.
var coldRivals = []struct {
	rival, short, goal string
	limit              float64
}{
	{rawRSA, "raw", "Middleware cold ≤ 1.3× raw rsa.VerifyPKCS1v15", 1.3},
	{goOIDC, "go-oidc", "Middleware cold ahead of go-oidc IDTokenVerifier.Verify (cold ÷ go-oidc < 1)", 1},
	{golangJWT, "golang-jwt", "Middleware cold ahead of golang-jwt v5 (cold ÷ golang-jwt < 1)", 1},
}

// pairedGoals judges the ratio goals on alternating batches of Middleware
// cold and each rival (pairedRatio), and adds their table. separate holds
// the round-robin medians, shown alongside.
func (r *runner) pairedGoals(ctx context.Context, sec *Section, cs []contender, separate map[string]benchResult) {
	d := 1500 * time.Millisecond
	if r.quick {
		d = 100 * time.Millisecond
	}
	byName := map[string]contender{}
	for _, c := range cs {
		byName[c.name] = c
	}
	table := &Table{
		Caption: fmt.Sprintf("Middleware cold ÷ each rival, measured in alternating batches of %d requests on one OS thread "+
			"until each side has run %s, so both see the same load; the ratio goals are judged on the wall-time column. "+
			"Thread CPU time leaves out time slices lost to other processes, and also GC work on other threads, which "+
			"flatters the side that allocates more, so it is shown, not judged.", pairedBatch, d),
		Header: []string{"cold ÷", "wall time", "thread CPU time", "from the separate medians above", "requests each"},
	}
	cold, coldErr := prepareContender(byName[middlewareCold])
	for _, cr := range coldRivals {
		res, err := pairCold(ctx, cold, coldErr, byName[cr.rival], d)
		if err != nil {
			table.Add(cr.rival, "not measured: "+err.Error(), "", "", "")
			sec.Goals = append(sec.Goals, unmeasured(cr.goal, err.Error()))
			continue
		}
		cpu := "—"
		if res.cpu > 0 {
			cpu = fmtRatio(res.cpu)
		}
		table.Add(cr.rival, fmtRatio(res.wall), cpu, ratioTo(separate[middlewareCold], separate[cr.rival]), fmtCount(float64(res.ops)))
		sec.Goals = append(sec.Goals, atMost(cr.goal, res.wall, cr.limit,
			fmt.Sprintf("cold ÷ %s = %s in alternating batches (thread CPU %s; separate medians %s vs %s)", cr.short, fmtRatio(res.wall), cpu,
				fmtNs(separate[middlewareCold].nsPerOp), fmtNs(separate[cr.rival].nsPerOp))))
	}
	sec.Tables = append(sec.Tables, table)
}

// pairCold prepares rival and runs it against Middleware cold in
// alternating batches.
func pairCold(ctx context.Context, cold func() error, coldErr error, rival contender, d time.Duration) (pairedResult, error) {
	if coldErr != nil {
		return pairedResult{}, fmt.Errorf("Middleware cold: %w", coldErr)
	}
	if err := ctx.Err(); err != nil {
		return pairedResult{}, err
	}
	w, err := prepareContender(rival)
	if err != nil {
		return pairedResult{}, fmt.Errorf("%s: %w", rival.name, err)
	}
	log.Printf("auth: Middleware cold and %s, alternating", rival.name)
	return pairedRatio(cold, w, d)
}

// prepareContender runs c's setup, turning a panic into an error.
func prepareContender(c contender) (func() error, error) {
	if c.prepare == nil {
		return nil, fmt.Errorf("no contender %q", c.name)
	}
	var w func() error
	err := safely(func() (err error) { w, err = c.prepare(); return err })
	return w, err
}

// coldProfile CPU-profiles Middleware cold and the raw floor and says
// where the difference goes, with what the betterauth owner found when
// optimising the cold path.
func (r *runner) coldProfile(ctx context.Context, sec *Section, cs []contender) {
	d := 3 * time.Second
	if r.quick {
		d = 300 * time.Millisecond
	}
	byName := map[string]contender{}
	for _, c := range cs {
		byName[c.name] = c
	}
	profiles := map[string][]profileShare{}
	for _, name := range []string{middlewareCold, rawRSA} {
		work, err := prepareContender(byName[name])
		if err == nil {
			log.Printf("auth: profiling %s for %s", name, d)
			profiles[name], err = r.profileShares(ctx, strings.Fields(name)[0], work, d, coldPathGroups)
		}
		if err != nil {
			sec.Notes = append(sec.Notes, fmt.Sprintf("Where the cold path's time goes: not measured (%s: %v).", name, err))
			return
		}
	}
	table := &Table{
		Caption: fmt.Sprintf("Where the time goes: CPU profiles of %s of Middleware cold and of %s of the raw floor; each "+
			"function's own (flat) samples summed by where it lives, as CPU time per request on any thread (GC work "+
			"beside the requests counts), so the totals can differ from the wall-time ns/op above:", d, d),
		Header: []string{"code", "Middleware cold", "raw", "cold − raw", "share of cold"},
	}
	cold, raw := profiles[middlewareCold], profiles[rawRSA]
	var coldTotal, rawTotal float64
	for i, c := range cold {
		table.Add(c.group, fmtNs(c.nsPerOp), fmtNs(raw[i].nsPerOp), fmtNs(c.nsPerOp-raw[i].nsPerOp), fmt.Sprintf("%.1f %%", c.percent))
		coldTotal += c.nsPerOp
		rawTotal += raw[i].nsPerOp
	}
	table.Add("total", fmtNs(coldTotal), fmtNs(rawTotal), fmtNs(coldTotal-rawTotal), "100 %")
	sec.Tables = append(sec.Tables, table)
	sec.Notes = append(sec.Notes,
		"About the cold path (the betterauth owner's analysis when optimising it): a quarter of rsa.VerifyPKCS1v15 is "+
			"crypto/rsa rebuilding the public key's Montgomery modulus on every verify, which the raw row pays too. Claims "+
			"are not decoded into a map on the verify path: readClaims (betterauth/claims.go, jsonscan.go) validates the "+
			"payload while walking it once and keeps only the claims it checks (iss, sub, aud, exp, nbf, iat, sessionId, "+
			"email, name); Session.Claims() decodes the whole map on first use, once per token.",
		"Signatures are verified by go-jose/v4 (ParseSignedCompact with the allow-listed algorithms, kid lookup, then "+
			"Verify with the one key), which decodes the protected header with its JSON fork several times (parse, "+
			"sanitising, again in Verify to rebuild the signing input) and re-encodes the payload to base64. Its public API "+
			"offers no cheaper path; going further towards the raw floor would mean checking the RSA signature over the "+
			"signing input without go-jose, which the project's rule (security code uses well-kept libraries) rules out.")
}
