package authtest

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/authgen/authgen/convex"
)

// kind is a Convex function type, named as the backend names it in errors.
type kind string

const (
	kindQuery    kind = "Query"
	kindMutation kind = "Mutation"
	kindAction   kind = "Action"
)

// function is a registered handler: it decodes Convex JSON arguments, runs
// and returns the Convex JSON (convex_encoded_json) of its result.
type function struct {
	kind kind
	call func(ctx context.Context, id *Identity, args []byte) ([]byte, error)
}

// Handler is the Go body of a fake Convex function. ctx is the HTTP
// request's context, canceled when the caller goes away; id is the caller's
// identity, nil when the call carried no token; args is the call's argument
// object decoded with convex.Unmarshal. The result is encoded with
// convex.Marshal. Returning an error made with ConvexError answers like a
// thrown ConvexError (errorData set); any other error answers like a thrown
// Error, with err.Error() as its message.
//
// Handlers run concurrently, one goroutine per request, with no
// transaction around them: state they share needs its own locking.
type Handler[A, R any] func(ctx context.Context, id *Identity, args A) (R, error)

// Query registers h as the public query at path ("messages:list",
// "dir/file:fn", or "messages" for a default export). Arguments and results
// go through convex.Unmarshal and convex.Marshal, as on the real wire.
// Registering a path again replaces its handler, whatever its type; it may
// be done while requests are served. It panics if path is invalid.
func Query[A, R any](d *Deployment, path string, h Handler[A, R]) {
	register(d, kindQuery, path, h)
}

// Mutation registers h as the public mutation at path, as Query does. The
// fake runs it like any other handler: not serialized with other
// mutations, never retried, and nothing it did is undone when it fails.
func Mutation[A, R any](d *Deployment, path string, h Handler[A, R]) {
	register(d, kindMutation, path, h)
}

// Action registers h as the public action at path, as Query does.
func Action[A, R any](d *Deployment, path string, h Handler[A, R]) {
	register(d, kindAction, path, h)
}

func register[A, R any](d *Deployment, k kind, path string, h Handler[A, R]) {
	canonical, err := canonicalPath(path)
	if err != nil {
		panic(fmt.Sprintf("authtest: registering %q: %v", path, err))
	}
	fn := function{kind: k, call: func(ctx context.Context, id *Identity, raw []byte) ([]byte, error) {
		var args A
		if err := convex.Unmarshal(raw, &args); err != nil {
			return nil, &argumentError{err: err}
		}
		result, err := h(ctx, id, args)
		if err != nil {
			return nil, err
		}
		return convex.Marshal(result)
	}}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.functions[canonical] = fn
}

// canonicalPath validates a function path as the backend parses it and
// returns "module:function" with the module's ".js" stripped and "default"
// for a bare module.
func canonicalPath(path string) (string, error) {
	module, name := path, "default"
	if i := strings.LastIndexByte(path, ':'); i >= 0 {
		module, name = path[:i], path[i+1:]
	}
	if ext := module[strings.LastIndexByte(module, '/')+1:]; strings.Contains(ext, ".") {
		if !strings.HasSuffix(ext, ".js") {
			return "", fmt.Errorf("module %q has an extension other than .js", module)
		}
		module = strings.TrimSuffix(module, ".js")
	}
	switch {
	case module == "" || strings.HasPrefix(module, "/") || strings.Contains(module, "//"):
		return "", fmt.Errorf("module path %q must be relative and non-empty", module)
	case !isIdentifier(name):
		return "", fmt.Errorf("function name %q is not an identifier", name)
	}
	return module + ":" + name, nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// ConvexError returns an error that makes the function fail as a thrown
// `new ConvexError(data)` does: the response carries errorData = data
// (encoded with convex.Marshal) and a message of data itself when it is a
// string, its JSON otherwise.
func ConvexError(data any) error { return &convexError{data: data} }

type convexError struct{ data any }

func (e *convexError) Error() string {
	if s, ok := e.data.(string); ok {
		return s
	}
	b, err := marshalNoEscape(e.data) // JSON.stringify does not escape <, > and &
	if err != nil {
		return fmt.Sprint(e.data)
	}
	return string(b)
}

// argumentError is arguments that do not decode into the handler's type, the
// fake's stand-in for an args validator failure.
type argumentError struct{ err error }

func (e *argumentError) Error() string { return e.err.Error() }

// errorMessage formats errorMessage as the backend does for an unredacted
// deployment: "[Request ID: <id>] Server Error\nUncaught <Name>: <message>\n".
func errorMessage(requestID string, err error) string {
	var ce *convexError
	var ae *argumentError
	switch {
	case errors.As(err, &ce):
		return fmt.Sprintf("[Request ID: %s] Server Error\nUncaught ConvexError: %s\n", requestID, ce.Error())
	case errors.As(err, &ae):
		return fmt.Sprintf("[Request ID: %s] Server Error\nArgumentValidationError: %s\n", requestID, ae.Error())
	default:
		return fmt.Sprintf("[Request ID: %s] Server Error\nUncaught Error: %s\n", requestID, err.Error())
	}
}
