package doctor

import (
	"context"
	"net/http"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/authgen/authgen/betterauth"
)

// doctor holds what the checks learn as they run: later checks build on the
// URLs, keys and token that earlier ones validated.
type doctor struct {
	cfg  settings
	env  environment
	opts options
	now  func() time.Time
	http *http.Client
	hide redactor

	convexURL string // validated deployment URL, "" when unusable
	siteURL   string // validated site URL exactly as configured, "" when unusable
	appURL    string // SITE_URL (the app origin Better Auth uses as baseURL), if known

	discovered          bool                // discovery answered with a parsable document
	issuer              string              // issuer served by discovery
	jwksURI             string              // jwks_uri served by discovery
	tokenEndpointStatus int                 // status of the cookie-less token request, 0 if unknown
	jwks                *jose.JSONWebKeySet // served JWKS, nil until fetched
	jwksErr             string              // why the JWKS could not be used

	serverDate  time.Time // the first Date header the site answered with
	serverSkew  time.Duration
	skewMeasure bool

	sessionCookie *cookie // the Better Auth session cookie that arrived, if any
	jwtCookie     *cookie // the convex_jwt cookie that arrived, if any
	authCookies   string  // the Better Auth cookies only, as a Cookie header for minting

	token       string // the JWT the jwt.* checks inspect, "" when none is available
	tokenSource string // where it came from, for findings
	minted      string // a token freshly minted from the session cookie
}

// check is one diagnostic. Checks run in order and may read what earlier ones stored.
type check struct {
	id    string
	title string
	run   func(d *doctor, ctx context.Context) Result
}

// checks is the ordered list doctor runs: from configuration, through the
// network, to the browser's cookies and finally the Convex call that decides
// whether the server sees a user.
var checks = []check{
	{"manifest.file", "authgen.yaml parses", (*doctor).checkManifestFile},
	{"env.convex_url", "Convex deployment URL", (*doctor).checkConvexURL},
	{"env.site_url", "Convex site URL (Better Auth host and token issuer)", (*doctor).checkSiteURL},
	{"env.twins", "Deployment and site URLs belong together", (*doctor).checkTwins},
	{"config.runtime", "The runtime accepts this configuration", (*doctor).checkRuntimeConfig},
	{"manifest.current_user", "current_user returns null when signed out", (*doctor).checkCurrentUserType},
	{"manifest.routes", "Route table leaves sign-in reachable", (*doctor).checkRoutes},
	{"discovery.openid_configuration", "OpenID configuration answers", (*doctor).checkOpenIDConfiguration},
	{"manifest.base_path", "Base path agrees with the deployment", (*doctor).checkBasePath},
	{"discovery.issuer", "Issuer equals the site URL", (*doctor).checkIssuer},
	{"discovery.jwks", "JWKS answers with a usable key", (*doctor).checkJWKS},
	{"discovery.static_jwks", "Static JWKS agrees with the served one", (*doctor).checkStaticJWKS},
	{"clock.skew", "Local clock agrees with the deployment", (*doctor).checkClockSkew},
	{"token.endpoint", "Token endpoint is mounted", (*doctor).checkTokenEndpoint},
	{"token.forwarded_host", "Token endpoint with X-Forwarded-Host", (*doctor).checkForwardedHost},
	{"origin.sign_in", "Sign-in accepts the app's Origin", (*doctor).checkOrigin},
	{"cookies.names", "Browser cookies have the expected names", (*doctor).checkCookieNames},
	{"cookies.session", "Session cookie mints a token", (*doctor).checkSessionMint},
	{"jwt.claims", "Token issuer, audience and header", (*doctor).checkJWTClaims},
	{"jwt.signature", "Token signature verifies against the JWKS", (*doctor).checkJWTSignature},
	{"jwt.expiry", "Token is not expired", (*doctor).checkJWTExpiry},
	{"convex.anonymous", "current_user without a token returns null", (*doctor).checkConvexAnonymous},
	{"convex.current_user", "current_user with the token returns the user", (*doctor).checkConvexCurrentUser},
}

func newDoctor(cfg settings, env environment, opts options, dp deps) *doctor {
	d := &doctor{
		cfg:  cfg,
		env:  env,
		opts: opts,
		now:  dp.now,
		http: &http.Client{
			Transport: dp.transport,
			Timeout:   opts.timeout,
			// A redirect is itself a finding (e.g. a proxy bouncing /api/auth),
			// so doctor reports it rather than following it.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	if opts.token != "" {
		d.token, d.tokenSource = opts.token, "--token"
	}
	d.hide.add(opts.token)
	d.hide.add(signature(opts.token))
	for _, c := range parseCookieHeader(opts.cookie) {
		for _, secret := range cookieValueSecrets(c.Value) {
			d.hide.add(secret)
		}
	}
	return d
}

func (d *doctor) run(ctx context.Context) Report {
	results := make([]Result, 0, len(checks))
	for _, c := range checks {
		r := c.run(d, ctx)
		r.ID, r.Title = c.id, c.title
		results = append(results, r)
	}
	return d.hide.apply(newReport(results))
}

func ok(finding string, details ...string) Result {
	return Result{Status: StatusOK, Finding: finding, Details: details}
}

func warn(finding, fix string, details ...string) Result {
	return Result{Status: StatusWarn, Finding: finding, Fix: fix, Details: details}
}

func fail(finding, fix string, details ...string) Result {
	return Result{Status: StatusFail, Finding: finding, Fix: fix, Details: details}
}

// because names the runtime reason a failure maps to (see Result.Reason).
func (r Result) because(code betterauth.ReasonCode) Result {
	r.Reason = string(code)
	return r
}

func skip(reason string) Result { return Result{Status: StatusSkip, Finding: reason} }
