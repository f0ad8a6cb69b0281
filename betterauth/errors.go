package betterauth

import (
	"errors"
	"fmt"
	"strings"
)

// ErrTokenEndpoint matches errors from a failing token endpoint (5xx, network).
// It never means "nobody is signed in": that is a 401, which resolves to an
// anonymous session instead of an error.
var ErrTokenEndpoint = errors.New("betterauth: token endpoint failed")

// ErrInvalidToken matches every reason a JWT fails verification.
var ErrInvalidToken = errors.New("betterauth: invalid token")

// ErrJWKS matches failures to obtain the key set (fetch, status, parse).
var ErrJWKS = errors.New("betterauth: JWKS unavailable")

// TokenEndpointError is a failed call to {SiteURL}{BasePath}/convex/token
// after retries. Status is the last HTTP status, or 0 for a network error.
type TokenEndpointError struct {
	Status int
	Err    error
}

// Error says what failed, without the request's cookies.
func (e *TokenEndpointError) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("betterauth: token endpoint failed: %v", e.Err)
	}
	return fmt.Sprintf("betterauth: token endpoint answered %d: %v", e.Status, e.Err)
}

// Unwrap returns the underlying cause.
func (e *TokenEndpointError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrTokenEndpoint) true.
func (e *TokenEndpointError) Is(target error) bool { return target == ErrTokenEndpoint }

// errSignedOut refuses a valid token whose session was signed out through
// AuthHandler. It is an ErrInvalidToken: the request is anonymous.
var errSignedOut error = &TokenError{Reason: ReasonSignedOut, Detail: "its session was signed out"}

// invalidToken is a token that is not a JWT Convex would accept
// (ReasonMalformed); rejectToken names another reason.
func invalidToken(format string, args ...any) error {
	return rejectToken(ReasonMalformed, format, args...)
}

// rejectToken is a TokenError for reason with a formatted detail.
func rejectToken(reason ReasonCode, format string, args ...any) error {
	return &TokenError{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// ConfigError lists every problem ValidateConfig found with severity
// SeverityError; New returns it so that one start-up shows all mistakes.
type ConfigError struct {
	Problems []Problem
}

// Error lists every problem, one per line.
func (e *ConfigError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "betterauth: invalid configuration (%d problem", len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteByte('s')
	}
	b.WriteString("):")
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}
