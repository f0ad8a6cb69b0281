package convex

// CONTRACT STUB — replaced by the real implementation. Signatures here are the
// agreed public surface other packages (betterauth, authtest, generated code) use.

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"
)

// Marshal encodes v as Convex JSON (convex_encoded_json).
func Marshal(v any) ([]byte, error) { panic("unimplemented") }

// Unmarshal decodes Convex JSON into v.
func Unmarshal(data []byte, v any) error { panic("unimplemented") }

// Value holds any Convex value (for v.any() and untyped unions), keeping
// int64, bytes and special floats exact. Its zero value is Convex null.
type Value struct{ v any }

// Kind is the type of function a reference names.
type Kind int

const (
	KindQuery Kind = iota + 1
	KindMutation
	KindAction
)

// QueryRef names a public query with typed arguments and result.
type QueryRef[Args, Result any] struct{ path string }

// MutationRef names a public mutation.
type MutationRef[Args, Result any] struct{ path string }

// ActionRef names a public action.
type ActionRef[Args, Result any] struct{ path string }

// NewQuery returns a reference to the query at path ("dir/file:fn"); it panics on an invalid path.
func NewQuery[Args, Result any](path string) QueryRef[Args, Result] { panic("unimplemented") }

// NewMutation returns a reference to the mutation at path.
func NewMutation[Args, Result any](path string) MutationRef[Args, Result] { panic("unimplemented") }

// NewAction returns a reference to the action at path.
func NewAction[Args, Result any](path string) ActionRef[Args, Result] { panic("unimplemented") }

func (r QueryRef[A, R]) Path() string    { return r.path }
func (r MutationRef[A, R]) Path() string { return r.path }
func (r ActionRef[A, R]) Path() string   { return r.path }

// ValidatePath reports whether path is a valid Convex function path.
func ValidatePath(path string) error { panic("unimplemented") }

// Client calls one Convex deployment. It is safe for concurrent use.
type Client struct{}

// ClientOption configures a Client.
type ClientOption func(*clientConfig)

type clientConfig struct{}

func WithHTTPClient(hc *http.Client) ClientOption       { panic("unimplemented") }
func WithTimeout(d time.Duration) ClientOption          { panic("unimplemented") }
func WithLogger(l *slog.Logger) ClientOption            { panic("unimplemented") }
func WithMaxResponseBytes(n int64) ClientOption         { panic("unimplemented") }
func WithClientName(nameAndVersion string) ClientOption { panic("unimplemented") }

// NewClient validates deploymentURL as the official client does and returns a Client.
func NewClient(deploymentURL string, opts ...ClientOption) (*Client, error) {
	panic("unimplemented")
}

// URL returns the deployment URL.
func (c *Client) URL() string { panic("unimplemented") }

// CallOption configures one call.
type CallOption func(*callConfig)

type callConfig struct{}

// WithToken sends "Authorization: Bearer <token>" (nothing when token is empty).
func WithToken(token string) CallOption { panic("unimplemented") }

// Call invokes the function at path of the given kind with args (encoded with
// Marshal) and decodes the success value into result (a pointer, or nil).
func (c *Client) Call(ctx context.Context, kind Kind, path string, args any, result any, opts ...CallOption) error {
	panic("unimplemented")
}

// Query calls a typed query reference.
func Query[A, R any](ctx context.Context, c *Client, ref QueryRef[A, R], args A, opts ...CallOption) (R, error) {
	panic("unimplemented")
}

// Mutation calls a typed mutation reference.
func Mutation[A, R any](ctx context.Context, c *Client, ref MutationRef[A, R], args A, opts ...CallOption) (R, error) {
	panic("unimplemented")
}

// Action calls a typed action reference.
func Action[A, R any](ctx context.Context, c *Client, ref ActionRef[A, R], args A, opts ...CallOption) (R, error) {
	panic("unimplemented")
}

// Preloaded is the JSON payload of convex/nextjs preloadQuery, for hydrating a client.
type Preloaded struct {
	Name      string `json:"_name"`
	ArgsJSON  string `json:"_argsJSON"`
	ValueJSON string `json:"_valueJSON"`
}

// Preload calls a query and returns its value plus the preloadQuery payload.
func Preload[A, R any](ctx context.Context, c *Client, ref QueryRef[A, R], args A, opts ...CallOption) (R, Preloaded, error) {
	panic("unimplemented")
}

// ErrUnauthenticated matches every *AuthError with errors.Is.
var ErrUnauthenticated = errors.New("convex: unauthenticated")

// ConvexError is a ConvexError thrown by the function (status "error" with errorData).
type ConvexError struct {
	Path    string
	Message string
	Data    Value
}

func (e *ConvexError) Error() string { return e.Message }

// FunctionError is any other error thrown by the function.
type FunctionError struct {
	Path    string
	Message string
}

func (e *FunctionError) Error() string { return e.Message }

// AuthError is a 401 from the deployment: the JWT was rejected before the function ran.
type AuthError struct {
	Path    string
	Code    string // InvalidAuthHeader, NoAuthProvider, Unauthenticated
	Message string
}

func (e *AuthError) Error() string        { return e.Message }
func (e *AuthError) Is(target error) bool { return target == ErrUnauthenticated }

// HTTPError is any other non-success HTTP status.
type HTTPError struct {
	Path    string
	Status  int
	Code    string
	Message string
}

func (e *HTTPError) Error() string { return e.Message }
