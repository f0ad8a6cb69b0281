package authtest

import (
	"time"
)

// Option configures a Deployment.
type Option func(*settings)

// settings is what the options set; New fills in the defaults.
type settings struct {
	cookiePrefix  string
	secureCookies bool
	basePath      string
	now           func() time.Time
	tokenLifetime time.Duration
	issuer        string // empty: the site URL
	issuerSlash   bool   // the site URL with a trailing slash, when issuer is empty
	applicationID string
	sessionTTL    time.Duration
	// sessionUpdateAge is session.updateAge: how old a session's last
	// extension must be before a request extends it again.
	sessionUpdateAge time.Duration
	secret           string
	// trustedOrigins are trusted besides the site URL.
	trustedOrigins []string
	// syncChunkSize splits larger Transitions into TransitionChunks (0: never).
	syncChunkSize int
	// syncPingInterval is how often a sync socket is pinged.
	syncPingInterval time.Duration
}

func defaultSettings() settings {
	return settings{
		cookiePrefix:     "better-auth",
		basePath:         "/api/auth",
		now:              time.Now,
		tokenLifetime:    15 * time.Minute,
		applicationID:    "convex",
		sessionTTL:       7 * 24 * time.Hour,
		sessionUpdateAge: 24 * time.Hour,

		syncPingInterval: 15 * time.Second,
	}
}

// WithCookiePrefix sets Better Auth's advanced.cookiePrefix (default "better-auth").
func WithCookiePrefix(prefix string) Option {
	return func(s *settings) { s.cookiePrefix = prefix }
}

// WithSecureCookies makes the issuer behave as with advanced.useSecureCookies
// (or an https baseURL): cookie names get the "__Secure-" prefix and the
// Secure attribute, although the test servers still speak plain HTTP.
func WithSecureCookies() Option {
	return func(s *settings) { s.secureCookies = true }
}

// WithBasePath sets Better Auth's basePath (default "/api/auth").
func WithBasePath(path string) Option {
	return func(s *settings) { s.basePath = path }
}

// WithClock sets the clock of both servers: token iat/exp, user and
// session dates, session expiry, the Convex side's exp/nbf/iat checks and
// the Date header they send. Config passes it on as betterauth.Config.Now,
// so the app under test shares it; giving the app another clock instead
// simulates clock skew. now is called from the servers' goroutines, so it
// must be safe for concurrent use.
func WithClock(now func() time.Time) Option {
	return func(s *settings) { s.now = now }
}

// WithTokenLifetime sets jwt.expirationSeconds (default 15 minutes); it is
// also the convex_jwt cookie's Max-Age.
func WithTokenLifetime(d time.Duration) Option {
	return func(s *settings) { s.tokenLifetime = d }
}

// WithIssuer makes the issuer put iss into tokens and the OpenID
// configuration instead of the site URL, as when CONVEX_SITE_URL is set to
// something else in the Convex environment. The Convex side keeps checking
// against the site URL, with the backend's https-prefix and trailing-slash
// rules, so a wrong host is rejected (NoAuthProvider) while a trailing slash
// is accepted there and only a byte-for-byte check notices it.
func WithIssuer(iss string) Option {
	return func(s *settings) { s.issuer = iss }
}

// WithIssuerTrailingSlash makes the issuer put the site URL with a trailing
// slash into tokens and the OpenID configuration, as when CONVEX_SITE_URL is
// set with one in the Convex environment. The site URL is only known once the
// servers listen, which is why this is not WithIssuer(url + "/"). The Convex
// side trims the slash and accepts the tokens; only a byte-for-byte issuer
// check notices. WithIssuer takes precedence.
func WithIssuerTrailingSlash() Option {
	return func(s *settings) { s.issuerSlash = true }
}

// WithApplicationID sets the applicationID of the Convex side's auth provider
// (default "convex", what getAuthConfigProvider configures). Tokens always
// carry aud "convex", so another value makes every token unmatched.
func WithApplicationID(id string) Option {
	return func(s *settings) { s.applicationID = id }
}

// WithSessionLifetime sets session.expiresIn (default 7 days), the session
// cookie's Max-Age.
func WithSessionLifetime(d time.Duration) Option {
	return func(s *settings) { s.sessionTTL = d }
}

// WithSessionUpdateAge sets session.updateAge (default 1 day): a request
// to the token endpoint or get-session made when the session was last
// extended at least this long ago extends it to a fresh WithSessionLifetime
// and re-sets the session cookie with that Max-Age, as Better Auth does.
func WithSessionUpdateAge(d time.Duration) Option {
	return func(s *settings) { s.sessionUpdateAge = d }
}

// WithSecret sets BETTER_AUTH_SECRET, the HMAC key of the session cookie
// (default: random per Deployment).
func WithSecret(secret string) Option {
	return func(s *settings) { s.secret = secret }
}

// WithTrustedOrigins adds origins to Better Auth's trustedOrigins, which
// always hold the site URL (its baseURL here). Like Better Auth, the fake
// checks the Origin (or Referer) of every POST carrying a Cookie header and
// of cookieless sign-ins and sign-ups that name one or carry Fetch Metadata:
// an untrusted one answers 403 INVALID_ORIGIN, a missing or "null" one (where
// it is required) 403 MISSING_OR_NULL_ORIGIN, and a cross-site navigation to
// sign-in 403 CROSS_SITE_NAVIGATION_LOGIN_BLOCKED. A pattern with * or ?
// matches like Better Auth's wildcards: against the origin when it holds
// "://", else against the host; "*" trusts everyone. An app serving Better
// Auth through its own origin (AuthHandler) must list that origin here, as
// it must in the real betterAuth({trustedOrigins}).
func WithTrustedOrigins(origins ...string) Option {
	return func(s *settings) { s.trustedOrigins = append([]string{}, origins...) }
}
