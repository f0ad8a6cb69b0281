package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/authgen/authgen/betterauth"
)

const (
	sessionSuffix = "session_token"
	jwtSuffix     = "convex_jwt"
)

// secureExpected says whether Better Auth prefixes its cookies with
// __Secure-: it does when its baseURL, SITE_URL in a Convex app, is https.
// known is false when SITE_URL is not available.
func (d *doctor) secureExpected() (secure, known bool) {
	u, err := url.Parse(d.appURL)
	if err != nil || u.Scheme == "" {
		return false, false
	}
	return u.Scheme == "https", true
}

func (d *doctor) checkCookieNames(context.Context) Result {
	if d.opts.cookie == "" {
		return skip("no --cookie given (copy the Cookie request header from your browser's DevTools to check it)")
	}
	cookies := parseCookieHeader(d.opts.cookie)
	var names, auth []string
	var session, jwt *cookieName
	for i, c := range cookies {
		names = append(names, c.Name)
		if n, ok := splitCookieName(c.Name, sessionSuffix); ok && session == nil {
			session, d.sessionCookie = &n, &cookies[i]
		}
		if n, ok := splitCookieName(c.Name, jwtSuffix); ok && jwt == nil {
			jwt, d.jwtCookie = &n, &cookies[i]
		}
		if isBetterAuthCookie(c.Name) {
			auth = append(auth, c.Name+"="+c.Value)
		}
	}
	d.authCookies = strings.Join(auth, "; ")
	if d.token == "" && d.jwtCookie != nil {
		d.token, d.tokenSource = d.jwtCookie.Value, "the "+d.jwtCookie.Name+" cookie"
	}
	arrived := "cookies that arrived: " + strings.Join(names, ", ")
	if len(names) == 0 {
		arrived = "no cookies could be read from --cookie"
	}
	secure, known := d.secureExpected()
	wantSession, wantJWT := expectedNames(d.cfg.CookiePrefix, secure)
	expected := fmt.Sprintf("expected: %s (and the %s cache)", wantSession, wantJWT)
	if !known {
		plain, _ := expectedNames(d.cfg.CookiePrefix, false)
		expected = fmt.Sprintf("expected: [%s]%s (SITE_URL unknown, so either form)", securePrefix, plain)
	}
	if session == nil {
		return fail("no Better Auth session cookie arrived, so the server has nothing to mint a token from.",
			"Sign in, then copy the Cookie header of a request to your app's own origin. If Better Auth's cookies live on *.convex.site they never reach your server: route the auth base path through your server (AuthHandler) so Set-Cookie lands on your domain.",
			arrived, expected)
	}
	if session.Prefix != d.cfg.CookiePrefix {
		return fail(fmt.Sprintf("the session cookie arrived as %s, but auth.cookie_prefix is %q, so the server looks for %s and finds nothing.", session, d.cfg.CookiePrefix, wantSession),
			fmt.Sprintf("Use one prefix everywhere: set auth.cookie_prefix: %s in %s to match Better Auth's advanced.cookiePrefix (or drop the custom prefix from both).", session.Prefix, d.manifestName()),
			arrived, expected)
	}
	if known && session.Secure != secure {
		return fail(secureMismatch(session.String(), wantSession, d.appURL, secure),
			"Better Auth adds __Secure- when SITE_URL (its baseURL) is https. Make SITE_URL on the deployment the origin users actually load (https in production, http only for localhost), or set advanced.useSecureCookies explicitly, then sign in again.",
			arrived, expected)
	}
	if session.Sep != '.' {
		return warn(fmt.Sprintf("the session cookie arrived as %s; Better Auth writes %s.", session, wantSession),
			"Something rewrote the cookie name; set it with Better Auth's own Set-Cookie headers (authgen reads both separators).", arrived, expected)
	}
	if jwt == nil {
		return ok(fmt.Sprintf("session cookie %s arrived; no %s cache (the server mints one from the session).", session, jwtSuffix), arrived)
	}
	return ok(fmt.Sprintf("session cookie %s and JWT cookie %s arrived.", session, jwt), arrived)
}

func secureMismatch(got, want, appURL string, secure bool) string {
	if secure {
		return fmt.Sprintf("the session cookie arrived as %s but SITE_URL %q is https, so Better Auth expects %s: the cookie was set while the deployment had an http SITE_URL, and the token endpoint will not accept it.", got, appURL, want)
	}
	return fmt.Sprintf("the session cookie arrived as %s but SITE_URL %q is http, so Better Auth expects %s and ignores the __Secure- cookie.", got, appURL, want)
}

func isBetterAuthCookie(name string) bool {
	for _, suffix := range []string{sessionSuffix, "session_data", "dont_remember", jwtSuffix} {
		if strings.HasSuffix(name, "."+suffix) || strings.HasSuffix(name, "-"+suffix) {
			return true
		}
	}
	return false
}

// checkSessionMint sends the browser's Better Auth cookies to the token
// endpoint, exactly as the server does, and verifies the token it gets.
func (d *doctor) checkSessionMint(ctx context.Context) Result {
	if d.sessionCookie == nil {
		return skip("needs a session cookie in --cookie")
	}
	if d.tokenEndpointStatus == 0 || d.tokenEndpointStatus == http.StatusNotFound {
		return skip("needs a reachable token endpoint (see token.endpoint)")
	}
	u := d.authURL("/convex/token")
	resp, err := d.get(ctx, u, http.Header{"Cookie": {d.authCookies}, "Accept-Encoding": {"identity"}})
	if err != nil {
		return fail(fmt.Sprintf("GET %s with the session cookie failed: %v", u, err),
			"Check that this machine can reach the site URL.").because(betterauth.ReasonTokenEndpointDown)
	}
	if resp.status == http.StatusUnauthorized {
		return fail(fmt.Sprintf("Better Auth answered 401 to the session cookie %s: it does not recognise the session.", d.sessionCookie.Name),
			"The session expired or was signed out, the cookie name is not the one Better Auth expects (see cookies.names), or BETTER_AUTH_SECRET changed since sign-in. Sign in again and copy a fresh Cookie header.").because(betterauth.ReasonSessionInvalid)
	}
	if resp.status != http.StatusOK {
		return fail(fmt.Sprintf("GET %s with the session cookie answered %d %s.", u, resp.status, snippet(resp.body)),
			"A 5xx is a deployment error, not a signed-out user: read the deployment's logs for /convex/token.").because(betterauth.ReasonTokenEndpointDown)
	}
	var body struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(resp.body, &body); err != nil || body.Token == "" {
		return fail(fmt.Sprintf("GET %s answered 200 without {\"token\": ...}.", u),
			"Check that no proxy rewrites or compresses the response (send Accept-Encoding: identity).").because(betterauth.ReasonTokenEndpointDown)
	}
	d.minted = body.Token
	d.hide.add(body.Token)
	d.hide.add(signature(body.Token))
	if d.token == "" {
		d.token, d.tokenSource = body.Token, "the token minted from the session cookie"
	}
	if problems := d.tokenProblems(body.Token); len(problems) > 0 {
		whats := make([]string, len(problems))
		for i, p := range problems {
			whats[i] = p.what
		}
		// The first problem's fix comes first: the jwt.* checks below detail each.
		return fail("the session cookie mints a token, but the token is unusable: "+strings.Join(whats, "; ")+".",
			problems[0].fix).because(problems[0].reason)
	}
	return ok(fmt.Sprintf("the session cookie %s minted a token that verifies.", d.sessionCookie.Name))
}
