package convex

import (
	"errors"
	"fmt"
)

// ErrUnauthenticated matches every *AuthError with errors.Is, so callers can
// tell "the token was rejected" from other failures without a type switch.
var ErrUnauthenticated = errors.New("convex: unauthenticated")

// ConvexError is a ConvexError thrown by the function (status "error" with
// errorData): an application error the caller is meant to handle. Data holds
// what the function threw, exactly (int64s stay int64s).
type ConvexError struct {
	Kind    Kind   // the kind of function called
	Path    string // the function path
	Message string // errorMessage, as the official client puts in Error.message
	Data    Value  // errorData
}

// Error returns the message alone, as the official client's ConvexError
// does: it is the text an application shows. Kind and Path say where it
// came from.
func (e *ConvexError) Error() string { return e.Message }

// DataAs decodes Data into v, a pointer, as Unmarshal would.
func (e *ConvexError) DataAs(v any) error {
	if err := e.Data.Decode(v); err != nil {
		return fmt.Errorf("convex: ConvexError data of %s: %w", where(e.Kind, e.Path), err)
	}
	return nil
}

// FunctionError is any other error thrown by the function, or a call the
// deployment refused as a function error (unknown function, invalid
// arguments).
type FunctionError struct {
	Kind    Kind   // the kind of function called
	Path    string // the function path
	Message string // errorMessage, e.g. "[Request ID: …] Server Error\nUncaught Error: …"
}

// Error returns the message alone, as the official client's Error does; the
// deployment's message already says which function failed and how.
func (e *FunctionError) Error() string { return e.Message }

// AuthError is a 401 from the deployment: the JWT was rejected before the
// function ran. errors.Is(err, ErrUnauthenticated) matches it.
type AuthError struct {
	Kind    Kind   // the kind of function called
	Path    string // the function path
	Code    string // InvalidAuthHeader, NoAuthProvider, Unauthenticated (empty if the body had none)
	Message string // the deployment's explanation
}

// Error names the call, the deployment's code and its explanation.
func (e *AuthError) Error() string {
	return fmt.Sprintf("convex: %s: token rejected (%s): %s", where(e.Kind, e.Path), orUnknown(e.Code), e.Message)
}

// Is makes errors.Is(err, ErrUnauthenticated) true.
func (e *AuthError) Is(target error) bool { return target == ErrUnauthenticated }

// HTTPError is any other non-success HTTP status, with the deployment's
// {"code","message"} when the body had them.
type HTTPError struct {
	Kind    Kind   // the kind of function called
	Path    string // the function path
	Status  int    // the HTTP status code
	Code    string // e.g. BadJsonBody, BadConvexFunctionIdentifier, InternalServerError
	Message string // the deployment's message, or the start of the body
}

// Error names the call, the status, the deployment's code and its message.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("convex: %s: HTTP %d (%s): %s", where(e.Kind, e.Path), e.Status, orUnknown(e.Code), e.Message)
}

// where names a call in an error: "query messages:list", or the path alone
// for an error built without a Kind.
func where(kind Kind, path string) string {
	if kind < KindQuery || kind > KindAction {
		return path
	}
	return kind.String() + " " + path
}

func orUnknown(code string) string {
	if code == "" {
		return "no error code"
	}
	return code
}
