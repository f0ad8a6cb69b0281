package doctor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/authgen/authgen/betterauth"
)

// convexAudience is the aud @convex-dev/better-auth puts in every token and
// the applicationID its auth config provider declares.
const convexAudience = "convex"

func (d *doctor) needToken() (*jwtParts, Result, bool) {
	if d.token == "" {
		return nil, skip("no token: pass --token, or --cookie with a convex_jwt or session cookie"), false
	}
	p, err := decodeJWT(d.token)
	if err != nil {
		return nil, fail(fmt.Sprintf("%s is not a JWT: %v.", d.tokenSource, err),
			"Pass the whole value of the convex_jwt cookie (three base64url parts separated by dots).").because(betterauth.ReasonMalformed), false
	}
	return p, Result{}, true
}

func (d *doctor) checkJWTClaims(context.Context) Result {
	p, r, found := d.needToken()
	if !found {
		return r
	}
	details := []string{
		fmt.Sprintf("source: %s", d.tokenSource),
		fmt.Sprintf("header: alg=%q kid=%q", p.Alg, p.Kid),
		fmt.Sprintf("claims: iss=%q aud=%q sub=%q", p.Iss, p.Aud, p.Sub),
	}
	switch {
	case d.siteURL != "" && p.Iss != d.siteURL:
		return fail(fmt.Sprintf("the token's iss %q is not %s %q byte for byte.", p.Iss, d.cfg.SiteURLEnv, d.siteURL),
			fmt.Sprintf("iss is CONVEX_SITE_URL inside the Convex backend (self-hosted: CONVEX_SITE_ORIGIN); set %s here to exactly that string, or fix the backend's value. If iss is \"undefined\", CONVEX_SITE_URL was unset where Better Auth runs.", d.cfg.SiteURLEnv),
			details...).because(betterauth.ReasonWrongIssuer)
	case !p.hasAudience(convexAudience):
		return fail(fmt.Sprintf("the token's aud %q does not contain %q, so Convex finds no auth provider for it.", p.Aud, convexAudience),
			"Issue tokens with the convex() plugin and use getAuthConfigProvider() (applicationID \"convex\") in convex/auth.config.ts.",
			details...).because(betterauth.ReasonWrongAudience)
	case p.Alg != allowedAlgorithm:
		return fail(fmt.Sprintf("the token is signed with %q; Convex's customJwt provider for Better Auth accepts %s only.", p.Alg, allowedAlgorithm),
			"Old EdDSA keys are still in use: set jwksRotateOnTokenGenerationError: true on the convex() plugin once (or rotate keys) so new tokens are RS256.",
			details...).because(betterauth.ReasonMalformed)
	case p.Kid == "":
		return fail("the token has no kid header, so it cannot be matched to a JWKS key.",
			"Issue tokens with the convex() plugin from @convex-dev/better-auth ≥ 0.10, which sets kid.",
			details...).because(betterauth.ReasonMalformed)
	}
	return ok(fmt.Sprintf("iss, aud %q, alg %s and kid are as Convex expects (%s).", convexAudience, p.Alg, d.tokenSource), details...)
}

func (d *doctor) checkJWTSignature(context.Context) Result {
	p, r, found := d.needToken()
	if !found {
		return r
	}
	if d.jwks == nil {
		return skip(fmt.Sprintf("needs the JWKS (%s)", orDefault(d.jwksErr, "see discovery.jwks")))
	}
	if problem, reason := d.verifySignature(d.token, p); problem != "" {
		fix := "Sign in again to get a token from the current key. If this repeats, the JWKS your server fetches is not the one that signs (a stale static JWKS env var, a proxy cache, or two deployments sharing one site URL)."
		if reason == betterauth.ReasonUnknownKey {
			fix = "The key that signed this token is gone from the JWKS (keys were rotated, or a static JWKS env var is out of date). " + fix
		}
		return fail(fmt.Sprintf("%s: %s.", d.tokenSource, problem), fix).because(reason)
	}
	return ok(fmt.Sprintf("signature verifies with kid %q.", p.Kid))
}

// verifySignature returns why raw does not verify against the served JWKS
// and the runtime's reason for it, or "".
func (d *doctor) verifySignature(raw string, p *jwtParts) (string, betterauth.ReasonCode) {
	keys := d.jwks.Key(p.Kid)
	if len(keys) == 0 {
		kids := make([]string, 0, len(d.jwks.Keys))
		for _, k := range d.jwks.Keys {
			kids = append(kids, fmt.Sprintf("%q", k.KeyID))
		}
		return fmt.Sprintf("kid %q is not in the JWKS (which holds %s)", p.Kid, strings.Join(kids, ", ")), betterauth.ReasonUnknownKey
	}
	jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return fmt.Sprintf("cannot parse the token as an RS256 JWS: %v", err), betterauth.ReasonMalformed
	}
	for _, k := range keys {
		if _, err := jws.Verify(k); err == nil {
			return "", betterauth.ReasonNone
		}
	}
	return fmt.Sprintf("the signature does not verify with the JWKS key %q", p.Kid), betterauth.ReasonBadSignature
}

func (d *doctor) checkJWTExpiry(context.Context) Result {
	p, r, found := d.needToken()
	if !found {
		return r
	}
	if p.Exp.IsZero() {
		return fail("the token has no exp claim; Convex rejects it (\"Missing expiry\").",
			"Issue tokens with the convex() plugin, which sets exp.").because(betterauth.ReasonMalformed)
	}
	now := d.now()
	left := p.Exp.Sub(now).Round(time.Second)
	if left <= 0 {
		fix := "Get a fresh token: sign in again, or call the token endpoint with the session cookie. The convex_jwt cookie is only a cache; authgen re-mints from the session cookie when it expires."
		if d.skewMeasure && d.serverSkew > skewWarn {
			fix = "This machine's clock is ahead of the deployment's (see clock.skew); sync it. " + fix
		}
		return fail(fmt.Sprintf("%s expired %v ago (exp %s).", d.tokenSource, -left, p.Exp.UTC().Format(time.RFC3339)), fix).because(betterauth.ReasonExpired)
	}
	if !p.Iat.IsZero() && p.Iat.Sub(now) > skewWarn {
		return warn(fmt.Sprintf("the token was issued %v in the future (iat %s).", p.Iat.Sub(now).Round(time.Second), p.Iat.UTC().Format(time.RFC3339)),
			"This machine's clock is behind the deployment's; sync it with NTP.").because(betterauth.ReasonNotYetValid)
	}
	return ok(fmt.Sprintf("expires in %v (exp %s).", left, p.Exp.UTC().Format(time.RFC3339)))
}

// tokenProblem is one reason a freshly minted token would be rejected, with
// what to do about it.
type tokenProblem struct {
	what, fix string
	reason    betterauth.ReasonCode
}

// tokenProblems lists why a freshly minted token would be rejected, using
// the same rules as the jwt.* checks.
func (d *doctor) tokenProblems(raw string) []tokenProblem {
	p, err := decodeJWT(raw)
	if err != nil {
		return []tokenProblem{{"not a JWT: " + err.Error(), "Make sure nothing between this machine and the site rewrites the token endpoint's response.", betterauth.ReasonMalformed}}
	}
	var out []tokenProblem
	if d.siteURL != "" && p.Iss != d.siteURL {
		out = append(out, tokenProblem{fmt.Sprintf("iss %q is not %q", p.Iss, d.siteURL),
			fmt.Sprintf("Make %s here and the deployment's CONVEX_SITE_URL the same string, with no trailing slash on either, then sign in again.", d.cfg.SiteURLEnv),
			betterauth.ReasonWrongIssuer})
	}
	if !p.hasAudience(convexAudience) {
		out = append(out, tokenProblem{fmt.Sprintf("aud %q lacks %q", p.Aud, convexAudience),
			"Issue tokens with the convex() plugin and use getAuthConfigProvider() (applicationID \"convex\") in convex/auth.config.ts.",
			betterauth.ReasonWrongAudience})
	}
	if d.jwks != nil {
		if problem, reason := d.verifySignature(raw, p); problem != "" {
			out = append(out, tokenProblem{problem,
				"The deployment signs with a key its JWKS does not publish: rotate keys (auth.api.rotateKeys()) and update any static JWKS env var, then sign in again.",
				reason})
		}
	}
	if !p.Exp.IsZero() && !p.Exp.After(d.now()) {
		out = append(out, tokenProblem{"already expired by this machine's clock",
			"This machine's clock is ahead of the deployment's: sync it with NTP (see clock.skew).",
			betterauth.ReasonExpired})
	}
	return out
}
