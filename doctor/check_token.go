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
		return fail(fmt.Sprintf("GET %s answered 404: nothing serves the token endpoint, so no session ever becomes a token.", u),
			fmt.Sprintf("Add the convex() plugin to Better Auth's plugins, register its routes in convex/http.ts, and make auth.base_path (%q) equal Better Auth's basePath. A 404 only after sign-in can also be @better-auth/oauth-provider colliding with convex().", d.cfg.BasePath))
	case http.StatusOK:
		return warn(fmt.Sprintf("GET %s answered 200 without any session cookie.", u),
			"Something in front of Better Auth answers for it (a proxy cache or a catch-all route); the token endpoint must require a session.")
	}
	return fail(fmt.Sprintf("GET %s answered %d %s; only 401 is expected without a session.", u, resp.status, snippet(resp.body)),
		"Read the deployment's logs for /convex/token. A 500 with a static JWKS often means several signing keys; with stored keys, an old algorithm (set jwksRotateOnTokenGenerationError: true once).")
}

// checkForwardedHost reproduces what a proxy that forwards X-Forwarded-Host
// does: Convex's edge routes by that header and answers an empty 404.
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
		return fail(fmt.Sprintf("GET %s with X-Forwarded-Host: %s failed: %v", u, host, err),
			"Proxies must not forward X-Forwarded-Host to *.convex.site; send the app origin in x-better-auth-forwarded-host instead.")
	}
	if resp.status == d.tokenEndpointStatus {
		return ok(fmt.Sprintf("with X-Forwarded-Host: %s the token endpoint still answered %d.", host, resp.status))
	}
	if resp.status == http.StatusNotFound && strings.TrimSpace(string(resp.body)) == "" {
		return fail(fmt.Sprintf("with X-Forwarded-Host: %s the token endpoint answered an empty 404 (without it: %d). The deployment routes by that header, so any proxy that forwards it makes every token request fail and every user look signed out.", host, d.tokenEndpointStatus),
			"Stop forwarding X-Forwarded-Host to *.convex.site: remove `proxy_set_header X-Forwarded-Host` (nginx), `header_up X-Forwarded-Host` (Caddy) or the header-copying rewrite (Vercel/Next.js middleware), and send the app origin as x-better-auth-forwarded-host / x-better-auth-forwarded-proto instead; authgen's AuthHandler already does this.")
	}
	return warn(fmt.Sprintf("with X-Forwarded-Host: %s the token endpoint answered %d (without it: %d) %s.", host, resp.status, d.tokenEndpointStatus, snippet(resp.body)),
		"Do not forward X-Forwarded-Host to *.convex.site; send x-better-auth-forwarded-host instead.")
}
