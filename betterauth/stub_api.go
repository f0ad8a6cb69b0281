package betterauth

// CONTRACT STUB — replaced by the real implementation. Signatures here are the
// agreed public surface other packages (authtest, generated code, doctor) use.

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/authgen/authgen/convex"
)

// SupportPackageIsVersion1 is referenced by generated code so that a
// generator/runtime mismatch fails to compile.
const SupportPackageIsVersion1 = true

// Config describes one Convex deployment using Better Auth.
type Config struct {
	ConvexURL     string        // https://<name>.convex.cloud (self-hosted: its API origin)
	SiteURL       string        // https://<name>.convex.site: Better Auth's host and the tokens' issuer
	BasePath      string        // default "/api/auth"
	CookiePrefix  string        // default "better-auth"
	JWKS          string        // empty: fetch {SiteURL}{BasePath}/convex/jwks; else a static JWKS document
	Algorithms    []string      // default ["RS256"]
	SignInPath    string        // default "/sign-in"
	Leeway        time.Duration // clock leeway for exp/nbf/iat
	HTTPClient    *http.Client  // optional
	Now           func() time.Time
	SecureCookies *bool         // nil: decided per request (TLS or X-Forwarded-Proto https)
	RefreshMargin time.Duration // a cookie JWT this close to exp is re-minted; default 30s
}

// EnvNames names the environment variables LoadConfigFromEnv reads.
type EnvNames struct {
	ConvexURL string // default CONVEX_URL
	SiteURL   string // default CONVEX_SITE_URL
	JWKS      string // empty: remote JWKS
}

// LoadConfigFromEnv reads a Config from the environment.
func LoadConfigFromEnv(names EnvNames) (Config, error) { panic("unimplemented") }

// Option configures an Auth beyond its Config.
type Option func(*options)

type options struct{}

func WithLogger(l *slog.Logger) Option                           { panic("unimplemented") }
func WithConvexClientOptions(opts ...convex.ClientOption) Option { panic("unimplemented") }

// Auth resolves sessions, verifies tokens and calls Convex on behalf of the signed-in user.
type Auth struct{}

// New validates cfg (the error lists every problem with its fix) and returns an Auth.
func New(cfg Config, opts ...Option) (*Auth, error) { panic("unimplemented") }

// Config returns the effective configuration (defaults filled in).
func (a *Auth) Config() Config { panic("unimplemented") }

// Convex returns the client used for calls to the deployment.
func (a *Auth) Convex() *convex.Client { panic("unimplemented") }

// CheckLive fetches the OpenID configuration and JWKS and compares the issuer.
func (a *Auth) CheckLive(ctx context.Context) error { panic("unimplemented") }

// Middleware resolves the session of each request and attaches it to the context. It never blocks.
func (a *Auth) Middleware(next http.Handler) http.Handler { panic("unimplemented") }

// RequireAuth redirects pages to the sign-in path and answers API requests 401.
func (a *Auth) RequireAuth(next http.Handler) http.Handler { panic("unimplemented") }

// Unauthenticated says how a protected route answers an anonymous request.
type Unauthenticated int

const (
	Redirect  Unauthenticated = iota // 303 to SignInPath?redirect_to=<path>
	Status401                        // 401 with WWW-Authenticate: Bearer and a JSON body
)

// Route protects every path under Prefix.
type Route struct {
	Prefix          string
	Unauthenticated Unauthenticated
}

// Protect applies a prefix route table on cleaned paths.
func (a *Auth) Protect(routes []Route) func(http.Handler) http.Handler { panic("unimplemented") }

// AuthHandler proxies {BasePath}/* to SiteURL.
func (a *Auth) AuthHandler() http.Handler { panic("unimplemented") }

// Session is the signed-in user of a request.
type Session struct {
	Token     string
	Subject   string
	SessionID string
	Email     string
	Name      string
	Expires   time.Time
	Claims    map[string]any
}

// SessionFromContext returns the session Middleware attached, if any.
func SessionFromContext(ctx context.Context) (*Session, bool) { panic("unimplemented") }

// SessionErr returns why Middleware could not resolve the session (for
// example the token endpoint failing), or nil.
func SessionErr(ctx context.Context) error { panic("unimplemented") }

// Token returns the request's Convex JWT.
func Token(ctx context.Context) (string, bool) { panic("unimplemented") }

// IsAuthenticated reports whether the request has a verified session.
func IsAuthenticated(ctx context.Context) bool { panic("unimplemented") }

// SafeRedirect returns raw if it is a same-origin path, else fallback.
func SafeRedirect(raw, fallback string) string { panic("unimplemented") }

// ErrTokenEndpoint matches errors from a failing token endpoint (5xx, network).
var ErrTokenEndpoint = errors.New("betterauth: token endpoint failed")

// FetchAuthQuery calls a query with the request's token; on a 401 it mints a fresh token once and retries.
func FetchAuthQuery[A, R any](ctx context.Context, a *Auth, ref convex.QueryRef[A, R], args A) (R, error) {
	panic("unimplemented")
}

// FetchAuthMutation calls a mutation with the request's token; never retried.
func FetchAuthMutation[A, R any](ctx context.Context, a *Auth, ref convex.MutationRef[A, R], args A) (R, error) {
	panic("unimplemented")
}

// FetchAuthAction calls an action with the request's token; never retried.
func FetchAuthAction[A, R any](ctx context.Context, a *Auth, ref convex.ActionRef[A, R], args A) (R, error) {
	panic("unimplemented")
}

// PreloadAuthQuery is FetchAuthQuery plus the preloadQuery payload.
func PreloadAuthQuery[A, R any](ctx context.Context, a *Auth, ref convex.QueryRef[A, R], args A) (R, convex.Preloaded, error) {
	panic("unimplemented")
}
