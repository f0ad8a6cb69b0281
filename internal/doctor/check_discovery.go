package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// allowedAlgorithm is the only algorithm @convex-dev/better-auth accepts for
// its customJwt provider ("Only RS256 is supported for custom JWT with Better Auth").
const allowedAlgorithm = "RS256"

func (d *doctor) needSite() (Result, bool) {
	if d.siteURL == "" {
		return skip("needs a valid site URL (see env.site_url)"), false
	}
	return Result{}, true
}

func (d *doctor) checkOpenIDConfiguration(ctx context.Context) Result {
	if r, ok := d.needSite(); !ok {
		return r
	}
	u := d.authURL("/convex/.well-known/openid-configuration")
	resp, err := d.get(ctx, u, nil)
	if err != nil {
		return fail(fmt.Sprintf("GET %s failed: %v", u, err),
			"Check that this machine can reach the site URL (DNS, firewall, VPN) and that the deployment is running.")
	}
	switch {
	case resp.status == http.StatusNotFound:
		return fail(fmt.Sprintf("GET %s answered 404 %s.", u, snippet(resp.body)),
			fmt.Sprintf("Mount Better Auth with the convex() plugin on the deployment (authComponent.registerRoutes(http, createAuth) in convex/http.ts) and make auth.base_path (%q) equal Better Auth's basePath.", d.cfg.BasePath))
	case resp.status != http.StatusOK:
		return fail(fmt.Sprintf("GET %s answered %d %s.", u, resp.status, snippet(resp.body)),
			"Read the deployment's logs for this request (Convex dashboard → Logs); discovery must answer 200.")
	}
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.Unmarshal(resp.body, &doc); err != nil || doc.Issuer == "" {
		return fail(fmt.Sprintf("GET %s answered 200 but not an OpenID configuration: %s.", u, snippet(resp.body)),
			"Make sure the path reaches Better Auth's convex() plugin, not another route or a proxy page.")
	}
	d.discovered, d.issuer, d.jwksURI = true, doc.Issuer, doc.JWKSURI
	return ok(fmt.Sprintf("GET %s answered 200.", u))
}

func (d *doctor) checkIssuer(context.Context) Result {
	if !d.discovered {
		return skip("needs the OpenID configuration")
	}
	both := []string{
		fmt.Sprintf("issuer served:  %q", d.issuer),
		fmt.Sprintf("%s: %q", d.cfg.SiteURLEnv, d.siteURL),
	}
	if d.issuer == d.siteURL {
		return ok(fmt.Sprintf("issuer %q equals %s byte for byte.", d.issuer, d.cfg.SiteURLEnv))
	}
	fix := fmt.Sprintf("Tokens carry iss = CONVEX_SITE_URL as the Convex backend sees it (self-hosted: CONVEX_SITE_ORIGIN). Make it and %s here the same string.", d.cfg.SiteURLEnv)
	if strings.TrimRight(d.issuer, "/") == strings.TrimRight(d.siteURL, "/") {
		return fail("issuer and site URL differ only by a trailing slash; JWT issuer checks compare strings exactly.",
			fix+" Remove the trailing slash wherever it was set.", both...)
	}
	return fail(fmt.Sprintf("Better Auth issues tokens for %q, but %s is %q: every token will be rejected as coming from the wrong issuer.", d.issuer, d.cfg.SiteURLEnv, d.siteURL),
		fix, both...)
}

func (d *doctor) checkJWKS(ctx context.Context) Result {
	if r, ok := d.needSite(); !ok {
		return r
	}
	u := d.jwksURI
	if u == "" {
		u = d.authURL("/convex/jwks")
	}
	var note []string
	if ju, err := url.Parse(u); err == nil {
		if su, _ := url.Parse(d.siteURL); su != nil && ju.Host != su.Host {
			note = append(note, fmt.Sprintf("jwks_uri host %q differs from the site host %q; the Convex backend must be able to fetch it.", ju.Host, su.Host))
		}
	}
	resp, err := d.get(ctx, u, nil)
	if err != nil {
		d.jwksErr = "the JWKS could not be fetched"
		return fail(fmt.Sprintf("GET %s failed: %v", u, err),
			"Check that the JWKS URL is reachable from here and from the Convex backend (self-hosted: the backend fetches its own public site URL).", note...)
	}
	if resp.status != http.StatusOK {
		d.jwksErr = fmt.Sprintf("the JWKS answered %d", resp.status)
		if ju, err := url.Parse(u); err == nil && strings.Contains(ju.Path, "//") {
			return fail(fmt.Sprintf("GET %s answered %d: the issuer ends in \"/\", so jwks_uri has a double slash and neither this server nor Convex can fetch the keys.", u, resp.status),
				"Remove the trailing slash from CONVEX_SITE_URL where Better Auth runs (self-hosted: CONVEX_SITE_ORIGIN), then deploy again.", note...)
		}
		return fail(fmt.Sprintf("GET %s answered %d %s: nobody can verify tokens, so Convex rejects them.", u, resp.status, snippet(resp.body)),
			"Read the deployment logs for /convex/jwks. A 500 often means stored keys in an old algorithm: set jwksRotateOnTokenGenerationError: true on the convex() plugin once, or rotate keys.", note...)
	}
	set, err := parseJWKS(resp.body)
	if err != nil {
		d.jwksErr = "the JWKS does not parse"
		return fail(fmt.Sprintf("GET %s answered 200 but the body is not a JWK set: %v.", u, err),
			"Make sure jwks_uri reaches the convex() plugin's /convex/jwks.", note...)
	}
	if problem := keyProblems(set); problem != "" {
		d.jwksErr = "the JWKS holds no usable key"
		return fail(fmt.Sprintf("JWKS at %s: %s.", u, problem),
			"Convex's customJwt provider from @convex-dev/better-auth verifies RS256 only. Rotate keys (auth.api.rotateKeys(), or jwksRotateOnTokenGenerationError: true once) so an RS256 key with a kid is published.", note...)
	}
	d.jwks = set
	kids := make([]string, 0, len(set.Keys))
	for _, k := range set.Keys {
		kids = append(kids, fmt.Sprintf("%s %q", k.Algorithm, k.KeyID))
	}
	if len(note) > 0 {
		return warn(fmt.Sprintf("JWKS holds %d key(s): %s.", len(set.Keys), strings.Join(kids, ", ")), "Serve the JWKS from the site URL.", note...)
	}
	return ok(fmt.Sprintf("JWKS holds %d key(s): %s.", len(set.Keys), strings.Join(kids, ", ")))
}

// parseJWKS accepts a JWK set ({"keys":[...]}) or the rows that
// `npx convex run auth:getLatestJwks` prints for a static JWKS env var
// ([{"id":..., "publicKey":"<JWK JSON>", "alg":...}]).
func parseJWKS(data []byte) (*jose.JSONWebKeySet, error) {
	trimmed := strings.TrimSpace(string(data))
	if strings.HasPrefix(trimmed, "[") {
		var rows []struct {
			ID        string `json:"id"`
			PublicKey string `json:"publicKey"`
			Alg       string `json:"alg"`
		}
		if err := json.Unmarshal([]byte(trimmed), &rows); err != nil {
			return nil, fmt.Errorf("parsing key rows: %w", err)
		}
		set := &jose.JSONWebKeySet{}
		for i, row := range rows {
			var k jose.JSONWebKey
			if err := k.UnmarshalJSON([]byte(row.PublicKey)); err != nil {
				return nil, fmt.Errorf("row %d: publicKey: %w", i, err)
			}
			if row.ID != "" {
				k.KeyID = row.ID
			}
			if row.Alg != "" {
				k.Algorithm = row.Alg
			}
			set.Keys = append(set.Keys, k)
		}
		return set, nil
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal([]byte(trimmed), &set); err != nil {
		return nil, fmt.Errorf("parsing JWK set: %w", err)
	}
	return &set, nil
}

// keyProblems says why a set cannot verify Better Auth's tokens, or "".
func keyProblems(set *jose.JSONWebKeySet) string {
	if len(set.Keys) == 0 {
		return "no keys"
	}
	for _, k := range set.Keys {
		if k.KeyID != "" && k.Algorithm == allowedAlgorithm {
			return ""
		}
	}
	algs := []string{}
	for _, k := range set.Keys {
		alg := k.Algorithm
		if alg == "" {
			alg = "no alg"
		}
		if k.KeyID == "" {
			alg += " without kid"
		}
		algs = append(algs, alg)
	}
	return fmt.Sprintf("no %s key with a kid (found: %s)", allowedAlgorithm, strings.Join(algs, ", "))
}

func (d *doctor) checkStaticJWKS(context.Context) Result {
	name := d.cfg.JWKSEnv
	if name == "" {
		return skip("auth.jwks is remote")
	}
	raw, source, set := d.env.get(name)
	if !set || strings.TrimSpace(raw) == "" {
		return fail(fmt.Sprintf("auth.jwks is env:%s but %s is not set.", name, name),
			fmt.Sprintf("Run `npx convex run auth:getLatestJwks` and put its output in %s for this server (and `npx convex env set %s` for the backend).", name, name))
	}
	static, err := parseJWKS([]byte(raw))
	if err != nil {
		return fail(fmt.Sprintf("%s (%s) does not parse: %v.", name, source, err),
			fmt.Sprintf("Set %s to the exact output of `npx convex run auth:getLatestJwks`.", name))
	}
	if len(static.Keys) != 1 {
		return fail(fmt.Sprintf("%s holds %d keys; with a static JWKS the token endpoint fails once there is more than one signing key.", name, len(static.Keys)),
			fmt.Sprintf("Keep exactly one key: rerun `npx convex run auth:getLatestJwks` and update %s everywhere.", name))
	}
	if problem := keyProblems(static); problem != "" {
		return fail(fmt.Sprintf("%s: %s.", name, problem),
			"Rotate to an RS256 key (auth.api.rotateKeys()) and export it again with auth:getLatestJwks.")
	}
	if d.jwks == nil {
		return warn(fmt.Sprintf("%s parses (kid %q) but was not compared with the served JWKS (%s).", name, static.Keys[0].KeyID, orDefault(d.jwksErr, "not fetched")),
			"Fix discovery.jwks, then run doctor again.")
	}
	k := static.Keys[0]
	for _, served := range d.jwks.Keys {
		if served.KeyID == k.KeyID && sameKey(served, k) {
			return ok(fmt.Sprintf("%s (kid %q) matches the served JWKS.", name, k.KeyID))
		}
	}
	return fail(fmt.Sprintf("%s holds kid %q, which the deployment does not serve: the variable is out of date.", name, k.KeyID),
		fmt.Sprintf("Export the current key again (`npx convex run auth:getLatestJwks`) into %s here and on the backend, and pass it to both convex({jwks}) and getAuthConfigProvider({jwks}).", name))
}

func sameKey(a, b jose.JSONWebKey) bool {
	ta, errA := a.Thumbprint(cryptoSHA256)
	tb, errB := b.Thumbprint(cryptoSHA256)
	return errA == nil && errB == nil && string(ta) == string(tb)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Clock skew beyond these bounds is reported. Convex allows 5 s on exp and
// iat; beyond half a minute most local JWT checks reject fresh tokens.
const (
	skewWarn = 5 * time.Second
	skewFail = 30 * time.Second
)

func (d *doctor) checkClockSkew(context.Context) Result {
	if !d.skewMeasure {
		return skip("no response with a Date header")
	}
	skew := d.serverSkew
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	dir := "ahead of"
	if skew < 0 {
		dir = "behind"
	}
	finding := fmt.Sprintf("this machine's clock is %v %s the deployment's (Date: %s).", abs, dir, d.serverDate.UTC().Format(http.TimeFormat))
	fix := "Sync the clock with NTP (timedatectl set-ntp true, or your container host's time sync); JWT exp and iat checks depend on it."
	switch {
	case abs > skewFail:
		return fail(finding, fix)
	case abs > skewWarn:
		return warn(finding, fix)
	}
	return ok(fmt.Sprintf("clock within %v of the deployment's.", skewWarn))
}
