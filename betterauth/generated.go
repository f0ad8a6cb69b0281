package betterauth

import (
	"context"
	"errors"
	"net/http"

	"github.com/authgen/authgen/convex"
)

// Settings are the manifest's settings as a generated package hands them to
// the runtime: data, so the behaviour they drive lives here, in one place.
type Settings struct {
	Env          EnvNames // the variables NewClientBaseFromEnv reads
	BasePath     string
	CookiePrefix string
	SignInPath   string
	Routes       []Route // the route table ClientBase.Protect applies
}

// ClientBase is the runtime half of a generated Client, which embeds it:
// the generated package holds only typed methods and data. Its methods are
// the Client's Auth, Middleware, RequireAuth, Protect, AuthHandler,
// IsAuthenticated and Token.
type ClientBase struct {
	auth   *Auth
	routes []Route
}

// NewClientBase validates cfg (the error lists every configuration problem
// with its fix) and returns the runtime of a generated Client that protects
// s.Routes. cfg is used as given: s's auth settings apply only through
// NewClientBaseFromEnv.
func NewClientBase(s *Settings, cfg Config, opts ...Option) (ClientBase, error) {
	auth, err := New(cfg, opts...)
	if err != nil {
		return ClientBase{}, err
	}
	return ClientBase{auth: auth, routes: s.Routes}, nil
}

// NewClientBaseFromEnv reads the deployment from the variables s.Env names,
// applies s's base path, cookie prefix and sign-in path, and calls
// NewClientBase, so a misconfigured server fails at startup.
func NewClientBaseFromEnv(s *Settings, opts ...Option) (ClientBase, error) {
	cfg, err := LoadConfigFromEnv(s.Env)
	if err != nil {
		return ClientBase{}, err
	}
	cfg.BasePath, cfg.CookiePrefix, cfg.SignInPath = s.BasePath, s.CookiePrefix, s.SignInPath
	return NewClientBase(s, cfg, opts...)
}

// Auth returns the Auth the client uses, for anything the generated methods do not cover.
func (b ClientBase) Auth() *Auth { return b.auth }

// Middleware resolves each request's session and attaches it to the request
// context. It never blocks: anonymous requests pass through unauthenticated.
func (b ClientBase) Middleware(next http.Handler) http.Handler { return b.auth.Middleware(next) }

// RequireAuth lets only signed-in requests through: pages are redirected to
// the sign-in path and API requests answered 401. Use it inside Middleware.
func (b ClientBase) RequireAuth(next http.Handler) http.Handler { return b.auth.RequireAuth(next) }

// Protect applies the manifest's route table (see the generated package's
// settings) to anonymous requests; paths outside it pass through. Use it
// inside Middleware.
func (b ClientBase) Protect(next http.Handler) http.Handler { return b.auth.Protect(b.routes)(next) }

// AuthHandler proxies Better Auth's endpoints; mount it at the base path.
func (b ClientBase) AuthHandler() http.Handler { return b.auth.AuthHandler() }

// IsAuthenticated reports whether Middleware verified a session for the request of ctx.
func (ClientBase) IsAuthenticated(ctx context.Context) bool { return IsAuthenticated(ctx) }

// Token returns the Convex JWT of the request of ctx, if it has one.
func (ClientBase) Token(ctx context.Context) (string, bool) { return Token(ctx) }

// FetchCurrentUser runs the current-user query for the request of ctx. It
// returns (nil, nil) when the request has no valid session, when the query
// returns null and when the deployment answers Unauthenticated (it rejected
// the token, or the function threw ConvexError("Unauthenticated") as Better
// Auth's getAuthUser does); any other failure is an error.
func FetchCurrentUser[U any](ctx context.Context, a *Auth, ref convex.QueryRef[struct{}, *U]) (*U, error) {
	if !IsAuthenticated(ctx) {
		return nil, nil
	}
	user, err := FetchAuthQuery(ctx, a, ref, struct{}{})
	if isUnauthenticated(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return user, nil
}

// isUnauthenticated reports whether err means the caller has no valid
// session: the deployment rejected the token, or the function threw
// ConvexError("Unauthenticated").
func isUnauthenticated(err error) bool {
	if errors.Is(err, convex.ErrUnauthenticated) {
		return true
	}
	var convexErr *convex.ConvexError
	if !errors.As(err, &convexErr) {
		return false
	}
	data, marshalErr := convex.Marshal(convexErr.Data)
	return marshalErr == nil && string(data) == `"Unauthenticated"`
}
