package main

import (
	"context"
	"fmt"
	"log"
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

// coldProfile CPU-profiles Middleware cold and says where its time goes,
// with what the betterauth owner found when optimising it.
func (r *runner) coldProfile(ctx context.Context, sec *Section, cs []contender) {
	d := 3 * time.Second
	if r.quick {
		d = 300 * time.Millisecond
	}
	var cold contender
	for _, c := range cs {
		if c.name == middlewareCold {
			cold = c
		}
	}
	work, err := prepareContender(cold)
	var shares []profileShare
	if err == nil {
		log.Printf("auth: profiling Middleware cold for %s", d)
		shares, err = r.profileShares(ctx, work, d, coldPathGroups)
	}
	if err != nil {
		sec.Notes = append(sec.Notes, "Where the cold path's time goes: not measured: "+err.Error())
		return
	}
	table := &Table{
		Caption: fmt.Sprintf("Where Middleware cold's time goes: a CPU profile of %s of cold requests, each function's own "+
			"(flat) samples summed by where the function lives:", d),
		Header: []string{"code", "share of CPU samples"},
	}
	for _, s := range shares {
		table.Add(s.group, fmt.Sprintf("%.1f %%", s.percent))
	}
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
