package doctor

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

func (d *doctor) checkTokenEndpoint(ctx context.Context) Result {
	if r, ok := d.needSite(); !ok {
		return r
	}
	u := d.authURL("/convex/token")
	resp, err := d.get(ctx, u, nil)
	if err != nil {
		return fail(fmt.Sprintf("GET %s failed: %v", u, err),
			"Check that this machine can reach the site URL; a server that cannot reach it sees every user as signed out.")
	}
	d.tokenEndpointStatus = resp.status
	switch resp.status {
	case http.StatusUnauthorized:
		return ok(fmt.Sprintf("GET %s without a session answered 401, as it should.", u))
	case http.StatusNotFound:
		if d.jwks != nil {
			// The plugin's JWKS answers, so convex() is mounted: another
			// plugin registered the same path and won.
			return fail(fmt.Sprintf("GET %s answered 404 although the convex() plugin's JWKS (%s) answers: another Better Auth plugin took /convex/token (get-convex/better-auth#395), so no session ever becomes a token.", u, d.authURL("/convex/jwks")),
				"Look for a plugin that registers /convex/token or a catch-all under the base path (@better-auth/oauth-provider, a custom endpoint) and remove or re-path it; convex() must own /convex/token.")
		}
		return fail(fmt.Sprintf("GET %s answered 404: nothing serves the token endpoint, so no session ever becomes a token.", u),
			fmt.Sprintf("Add the convex() plugin to Better Auth's plugins, register its routes in convex/http.ts, and make auth.base_path (%q) equal Better Auth's basePath. A 404 only after sign-in can also be @better-auth/oauth-provider colliding with convex().", d.cfg.BasePath))
	case http.StatusOK:
		return warn(fmt.Sprintf("GET %s answered 200 without any session cookie.", u),
			"Something in front of Better Auth answers for it (a proxy cache or a catch-all route); the token endpoint must require a session.")
	case http.StatusTooManyRequests:
		return fail(fmt.Sprintf("GET %s answered 429 %s: Better Auth's rate limiter refused this check; in production every mint without a usable client address shares one bucket per path.", u, snippet(resp.body)),
			"Better Auth ≥ 1.6.21 counts only a single-address X-Forwarded-For (authgen's runtime sends the user's address, see Config.TrustedProxies). If something in front of .convex.site appends addresses, set advanced.ipAddress.trustedProxies (your servers' egress addresses) or advanced.ipAddress.ipAddressHeaders in betterAuth({...}); or raise rateLimit.customRules for /convex/token.")
	case http.StatusInternalServerError:
		if d.jwks != nil && len(d.jwks.Keys) > 1 && d.cfg.JWKSEnv != "" {
			return fail(fmt.Sprintf("GET %s answered 500 %s, and the JWKS holds %d keys: with a static JWKS (the convex plugin's jwks option) holding several keys, minting fails (get-convex/better-auth#427).", u, snippet(resp.body), len(d.jwks.Keys)),
				"Give the convex() plugin's static jwks exactly one key (the current signing key), redeploy, and keep the same single-key document in "+d.cfg.JWKSEnv+".")
		}
	}
	return fail(fmt.Sprintf("GET %s answered %d %s; only 401 is expected without a session.", u, resp.status, snippet(resp.body)),
		"Read the deployment's logs for /convex/token. A 500 with a static JWKS often means several signing keys; with stored keys, an old algorithm (set jwksRotateOnTokenGenerationError: true once).")
}

// forwardedHostFix says which proxy settings forward X-Forwarded-Host.
const forwardedHostFix = "Stop forwarding X-Forwarded-Host to *.convex.site: remove `proxy_set_header X-Forwarded-Host` (nginx), `header_up X-Forwarded-Host` (Caddy) or the header-copying rewrite (Vercel rewrites, Next.js middleware), and send the app origin as x-better-auth-forwarded-host / x-better-auth-forwarded-proto instead; authgen's AuthHandler already does this."

// checkForwardedHost reproduces what a proxy that forwards X-Forwarded-Host
// does: Convex's edge routes by that header and answers an empty 404. When
// the app's origin (SITE_URL) is known, it then asks the app's own auth
// route whether its proxy forwards the header.
func (d *doctor) checkForwardedHost(ctx context.Context) Result {
	if d.tokenEndpointStatus == 0 || d.tokenEndpointStatus == http.StatusNotFound {
		return skip("needs a token endpoint that answers without the header")
	}
	host := "app.example.com"
	if u, err := url.Parse(d.appURL); err == nil && u.Host != "" {
		host = u.Host
	}
	u := d.authURL("/convex/token")
	h := http.Header{"X-Forwarded-Host": {host}, "X-Forwarded-Proto": {"https"}}
	resp, err := d.get(ctx, u, h)
	if err != nil {
		return fail(fmt.Sprintf("GET %s with X-Forwarded-Host: %s failed: %v", u, host, err), forwardedHostFix)
	}
	if resp.status == d.tokenEndpointStatus {
		return ok(fmt.Sprintf("with X-Forwarded-Host: %s the token endpoint still answered %d.", host, resp.status))
	}
	if resp.status != http.StatusNotFound || strings.TrimSpace(string(resp.body)) != "" {
		return warn(fmt.Sprintf("with X-Forwarded-Host: %s the token endpoint answered %d (without it: %d) %s.", host, resp.status, d.tokenEndpointStatus, snippet(resp.body)),
			"Do not forward X-Forwarded-Host to *.convex.site; send x-better-auth-forwarded-host instead.")
	}
	edge := fmt.Sprintf("with X-Forwarded-Host the deployment answers an empty 404 (without it: %d), as Convex's edge does", d.tokenEndpointStatus)
	if d.appURL == "" {
		return warn(edge+"; any proxy that forwards that header makes every token request fail and every user look signed out. Set SITE_URL to the app's origin to test your proxy.", forwardedHostFix)
	}
	appU := strings.TrimRight(d.appURL, "/") + d.cfg.BasePath + "/convex/token"
	app, err := d.get(ctx, appU, nil)
	if err != nil {
		return warn(fmt.Sprintf("%s; could not reach the app's auth route %s to see whether its proxy forwards it: %v", edge, appU, err), forwardedHostFix)
	}
	if app.status == http.StatusNotFound && strings.TrimSpace(string(app.body)) == "" {
		return fail(fmt.Sprintf("%s, and the app's own auth route %s answers that empty 404: the proxy in front of the deployment forwards X-Forwarded-Host, so every token request fails and every user looks signed out.", edge, appU),
			forwardedHostFix)
	}
	if app.status == d.tokenEndpointStatus {
		return ok(fmt.Sprintf("%s; the app's auth route %s answers %d, so its proxy does not forward the header.", edge, appU, app.status))
	}
	return warn(fmt.Sprintf("%s; the app's auth route %s answered %d %s instead of %d.", edge, appU, app.status, snippet(app.body), d.tokenEndpointStatus),
		"Mount the auth proxy (AuthHandler) at the base path on the app and check it reaches the deployment.")
}
