package nodeharness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BetterAuthScript is the script StartBetterAuth runs, relative to tests/node.
const BetterAuthScript = "betterauth-harness.mjs"

// DefaultSecret is the Better Auth secret StartBetterAuth uses when
// BetterAuthOptions.Secret is empty. It keys the session cookie HMAC.
const DefaultSecret = "authgen-harness-secret-0123456789abcdef"

// DefaultBasePath is Better Auth's default basePath.
const DefaultBasePath = "/api/auth"

// maxResponseBytes caps the harness responses the helpers read.
const maxResponseBytes = 1 << 20

// BetterAuthOptions configure the Better Auth harness. The zero value is
// Better Auth's defaults on plain http.
type BetterAuthOptions struct {
	// BasePath is Better Auth's basePath; empty means DefaultBasePath.
	BasePath string
	// CookiePrefix is advanced.cookiePrefix; empty means Better Auth's
	// "better-auth".
	CookiePrefix string
	// UseSecureCookies is advanced.useSecureCookies; nil leaves the choice
	// of the __Secure- prefix to SiteURL's scheme.
	UseSecureCookies *bool
	// JWTExpirationSeconds is the convex plugin's jwt.expirationSeconds;
	// 0 means its default, 900.
	JWTExpirationSeconds int
	// SiteURL is Better Auth's baseURL: the app origin, which decides cookie
	// security and is always a trusted origin. Empty means the harness's
	// own URL. The JWT issuer is always the harness URL (CONVEX_SITE_URL).
	SiteURL string
	// TrustedOrigins are further origins allowed to sign in, such as the
	// origin of a Go server proxying {BasePath}/* to the harness.
	TrustedOrigins []string
	// Secret is the Better Auth secret; empty means DefaultSecret.
	Secret string
	// PlainMemoryDates keeps the memory adapter's Date values, which show
	// as ISO strings in JWT claims and JSON bodies. By default dates are
	// epoch milliseconds, as the Convex adapter returns them.
	PlainMemoryDates bool
	// AcceptForwardedHost turns off the emulation of Convex's edge, which
	// answers an empty 404 to any request whose x-forwarded-host names
	// another host.
	AcceptForwardedHost bool
	// AdminPlugin adds better-auth's admin() plugin: users get a role field
	// ("user" by default), which the convex() plugin's JWT carries.
	AdminPlugin bool
	// ProductionRateLimit turns Better Auth's rate limiter on with its
	// defaults, as NODE_ENV=production does on a deployment: 100 requests
	// per 10 s per client IP and path, 3 per 10 s on /sign-in* and
	// /sign-up*, a 429 with X-Retry-After beyond. The client IP is a
	// single-address X-Forwarded-For; requests without one share a bucket
	// per path, the helpers' requests among them. Off, nothing is limited.
	ProductionRateLimit bool
	// EmailVerification sends a verification link on sign-up and signs the
	// user in when it is opened (autoSignInAfterVerification); the links
	// are kept for VerificationURL. Sign-in does not require a verified
	// address.
	EmailVerification bool
	// FastPasswordHash replaces Better Auth's scrypt password hashing (50
	// to 250 ms of CPU per sign-up and per sign-in on a 2-core machine)
	// with a salted SHA-256, for tests that sign many users in within one
	// rate-limit window. Sessions, tokens and limits stay Better Auth's.
	FastPasswordHash bool
}

// BetterAuth is a running Better Auth harness: the real better-auth with the
// real convex() plugin, reachable at URL as a Convex deployment's site URL.
type BetterAuth struct {
	*Process
	// BasePath is the effective basePath, e.g. "/api/auth".
	BasePath string
	// Origin is the Origin header the helpers send: SiteURL, or the harness
	// URL when SiteURL is empty. Better Auth trusts it.
	Origin string
	// Secret is the effective Better Auth secret.
	Secret string
	// Client sends the helpers' requests: NewHTTPClient, so it never
	// follows redirects.
	Client *http.Client
}

// StartBetterAuth starts tests/node/betterauth-harness.mjs with opts and
// returns it ready; see Start for the lifetime and failure rules.
func StartBetterAuth(t testing.TB, opts BetterAuthOptions) *BetterAuth {
	t.Helper()
	basePath := opts.BasePath
	if basePath == "" {
		basePath = DefaultBasePath
	}
	secret := opts.Secret
	if secret == "" {
		secret = DefaultSecret
	}
	env := map[string]string{
		"BASE_PATH":          basePath,
		"BETTER_AUTH_SECRET": secret,
		// Pin every option so the caller's environment cannot leak in;
		// NODE_ENV=production would make cookies secure by default.
		"NODE_ENV":               "",
		"COOKIE_PREFIX":          opts.CookiePrefix,
		"USE_SECURE_COOKIES":     "",
		"JWT_EXPIRATION_SECONDS": "",
		"SITE_URL":               opts.SiteURL,
		"TRUSTED_ORIGINS":        strings.Join(opts.TrustedOrigins, ","),
		"CONVEX_DATES":           strconv.FormatBool(!opts.PlainMemoryDates),
		"EDGE_EMULATION":         strconv.FormatBool(!opts.AcceptForwardedHost),
		"ADMIN_PLUGIN":           strconv.FormatBool(opts.AdminPlugin),
		"RATE_LIMIT":             "off",
		"EMAIL_VERIFICATION":     strconv.FormatBool(opts.EmailVerification),
		"FAST_PASSWORD_HASH":     strconv.FormatBool(opts.FastPasswordHash),
		// TEST=1 would make Better Auth count requests without a client
		// IP as 127.0.0.1 rather than as unknown.
		"TEST": "",
	}
	if opts.ProductionRateLimit {
		env["RATE_LIMIT"] = "production"
	}
	if opts.UseSecureCookies != nil {
		env["USE_SECURE_COOKIES"] = strconv.FormatBool(*opts.UseSecureCookies)
	}
	if opts.JWTExpirationSeconds != 0 {
		env["JWT_EXPIRATION_SECONDS"] = strconv.Itoa(opts.JWTExpirationSeconds)
	}
	p := Start(t, BetterAuthScript, env)
	origin := opts.SiteURL
	if origin == "" {
		origin = p.URL
	}
	return &BetterAuth{
		Process:  p,
		BasePath: basePath,
		Origin:   origin,
		Secret:   secret,
		Client:   NewHTTPClient(),
	}
}

// AuthURL returns the harness URL of a Better Auth endpoint, e.g.
// AuthURL("/convex/token").
func (b *BetterAuth) AuthURL(endpoint string) string {
	return b.URL + b.BasePath + endpoint
}

// SignUp creates an email/password user and returns the cookies Better Auth
// set: the session token and the convex_jwt.
func (b *BetterAuth) SignUp(email, password, name string) ([]*http.Cookie, error) {
	return b.authPost("/sign-up/email", map[string]string{"email": email, "password": password, "name": name}, nil)
}

// SignIn signs an existing user in and returns the cookies Better Auth set.
func (b *BetterAuth) SignIn(email, password string) ([]*http.Cookie, error) {
	return b.authPost("/sign-in/email", map[string]string{"email": email, "password": password}, nil)
}

// SignOut ends the session the cookies carry and returns the clearing
// cookies Better Auth set.
func (b *BetterAuth) SignOut(cookies []*http.Cookie) ([]*http.Cookie, error) {
	return b.authPost("/sign-out", map[string]string{}, cookies)
}

// authPost sends a JSON POST with the trusted Origin and returns the
// response cookies, or an error with the body unless the status is 200.
func (b *BetterAuth) authPost(endpoint string, body any, cookies []*http.Cookie) ([]*http.Cookie, error) {
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("nodeharness: encoding %s body: %w", endpoint, err)
	}
	req, err := http.NewRequest(http.MethodPost, b.AuthURL(endpoint), bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("nodeharness: %s: %w", endpoint, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", b.Origin)
	addCookies(req, cookies)
	resp, respBody, err := b.do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("nodeharness: %s: status %d: %s", endpoint, resp.StatusCode, respBody)
	}
	return resp.Cookies(), nil
}

// Token calls GET {BasePath}/convex/token with the cookies and returns the
// minted JWT and the status. A non-200 status is not an error: the token is
// then empty, so callers can assert 401 or an injected 5xx.
func (b *BetterAuth) Token(cookies []*http.Cookie) (string, int, error) {
	req, err := http.NewRequest(http.MethodGet, b.AuthURL("/convex/token"), nil)
	if err != nil {
		return "", 0, fmt.Errorf("nodeharness: token: %w", err)
	}
	addCookies(req, cookies)
	resp, body, err := b.do(req)
	if err != nil {
		return "", 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return "", resp.StatusCode, nil
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.Token == "" {
		return "", resp.StatusCode, fmt.Errorf("nodeharness: token: want {\"token\":...}, got %s", body)
	}
	return out.Token, resp.StatusCode, nil
}

// JWKS returns the body of GET {BasePath}/convex/jwks.
func (b *BetterAuth) JWKS() ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, b.AuthURL("/convex/jwks"), nil)
	if err != nil {
		return nil, fmt.Errorf("nodeharness: jwks: %w", err)
	}
	return b.expectOK(req)
}

// RotateKeys calls the plugin's server-only rotateKeys, which deletes every
// signing key and creates a new one, and returns the new key's kid.
func (b *BetterAuth) RotateKeys() (string, error) {
	body, err := b.admin(http.MethodPost, "/rotate-keys", nil)
	if err != nil {
		return "", err
	}
	var out struct {
		Kid string `json:"kid"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.Kid == "" {
		return "", fmt.Errorf("nodeharness: rotate-keys: want {\"kid\":...}, got %s", body)
	}
	return out.Kid, nil
}

// SetRole sets the role field of the user with email, as the admin
// plugin's setRole does; the harness must run with AdminPlugin. Tokens
// minted afterwards carry the new role.
func (b *BetterAuth) SetRole(email, role string) error {
	_, err := b.admin(http.MethodPost, "/set-role", map[string]string{"email": email, "role": role})
	return err
}

// AdvanceClock moves the harness's clock forward by d (whole milliseconds,
// at most a day per call) and returns how far it is now ahead of the real
// clock. Better Auth and the convex() plugin read the time through Date, so
// tokens minted afterwards carry the shifted iat and exp, and sessions age.
// A test that gives the Go code under test the same shifted clock
// (betterauth.Config.Now) can go past a JWT's lifetime without waiting for
// it, and the outcome no longer depends on how fast the machine is.
func (b *BetterAuth) AdvanceClock(d time.Duration) (time.Duration, error) {
	body, err := b.admin(http.MethodPost, "/advance-clock", map[string]int64{"ms": d.Milliseconds()})
	if err != nil {
		return 0, err
	}
	var out struct {
		OffsetMs *int64 `json:"offsetMs"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.OffsetMs == nil {
		return 0, fmt.Errorf("nodeharness: advance-clock: want {\"offsetMs\":...}, got %s", body)
	}
	return time.Duration(*out.OffsetMs) * time.Millisecond, nil
}

// VerificationURL returns the newest e-mail verification link Better Auth
// sent to email; the harness must run with EmailVerification. The link is
// on Better Auth's baseURL (SiteURL, or the harness URL).
func (b *BetterAuth) VerificationURL(email string) (string, error) {
	body, err := b.admin(http.MethodGet, "/verification-url?email="+url.QueryEscape(email), nil)
	if err != nil {
		return "", err
	}
	var out struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.URL == "" {
		return "", fmt.Errorf("nodeharness: verification-url: want {\"url\":...}, got %s", body)
	}
	return out.URL, nil
}

// FailToken makes the next count {BasePath}/convex/token requests answer
// status (400-599) with a JSON error body instead of reaching Better Auth.
// A count of 0 cancels an earlier injection.
func (b *BetterAuth) FailToken(status, count int) error {
	return b.inject("/fail-token", injection{Status: status, Count: count})
}

// DelayToken makes the next count {BasePath}/convex/token requests wait for
// delay (at most a minute, in whole milliseconds) before Better Auth answers
// them, so that concurrent requests overlap.
func (b *BetterAuth) DelayToken(delay time.Duration, count int) error {
	return b.inject("/fail-token", injection{DelayMs: delay.Milliseconds(), Count: count})
}

// FailJWKS is FailToken for {BasePath}/convex/jwks.
func (b *BetterAuth) FailJWKS(status, count int) error {
	return b.inject("/fail-jwks", injection{Status: status, Count: count})
}

// injection is the body of the harness's fail-token and fail-jwks routes.
type injection struct {
	Status  int   `json:"status,omitzero"`
	DelayMs int64 `json:"delayMs,omitzero"`
	Count   int   `json:"count"`
}

// inject posts an injection to a harness failure route.
func (b *BetterAuth) inject(route string, in injection) error {
	_, err := b.admin(http.MethodPost, route, in)
	return err
}

// Requests returns how many requests the harness has received per URL path
// (including injected failures), e.g. to count token mints.
func (b *BetterAuth) Requests() (map[string]int, error) {
	body, err := b.admin(http.MethodGet, "/requests", nil)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	if err := json.Unmarshal(body, &counts); err != nil {
		return nil, fmt.Errorf("nodeharness: requests: %w", err)
	}
	return counts, nil
}

// admin calls a /__harness/ endpoint and returns its 200 body.
func (b *BetterAuth) admin(method, endpoint string, body any) ([]byte, error) {
	var reader io.Reader
	if body != nil {
		payload, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("nodeharness: encoding %s body: %w", endpoint, err)
		}
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequest(method, b.URL+"/__harness"+endpoint, reader)
	if err != nil {
		return nil, fmt.Errorf("nodeharness: %s: %w", endpoint, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return b.expectOK(req)
}

// expectOK sends req and returns the body, or an error unless it is a 200.
func (b *BetterAuth) expectOK(req *http.Request) ([]byte, error) {
	resp, body, err := b.do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("nodeharness: %s %s: status %d: %s", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	return body, nil
}

// do sends req and reads the whole (bounded) body.
func (b *BetterAuth) do(req *http.Request) (*http.Response, []byte, error) {
	resp, err := b.Client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("nodeharness: %s %s: %w", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return nil, nil, fmt.Errorf("nodeharness: reading %s %s: %w", req.Method, req.URL.Path, err)
	}
	return resp, body, nil
}

// addCookies sends the cookies that are still set: a Set-Cookie that clears
// a cookie (Max-Age=0, parsed as MaxAge < 0) or has no value is left out.
func addCookies(req *http.Request, cookies []*http.Cookie) {
	for _, c := range cookies {
		if c.MaxAge >= 0 && c.Value != "" {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
	}
}

// FindCookie returns the last cookie named name, or nil.
func FindCookie(cookies []*http.Cookie, name string) *http.Cookie {
	var found *http.Cookie
	for _, c := range cookies {
		if c.Name == name {
			found = c
		}
	}
	return found
}
