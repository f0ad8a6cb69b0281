package betterauth

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
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
	// RetryAfter is the wait a 429 or 503 asked for in Retry-After
	// (seconds), or 0. Retries never come sooner.
	RetryAfter time.Duration
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

// APIError is a refusal from one of Better Auth's endpoints: its status and
// the error code and message of its JSON body ({"code": ..., "message": ...}).
// errors.Is matches it against the Err* codes below by Code, and against
// ErrAuthUnavailable when Better Auth could not be reached or failed (5xx).
type APIError struct {
	Endpoint string // e.g. "/sign-in/email"
	Status   int
	Code     string // Better Auth's error code, e.g. "INVALID_EMAIL_OR_PASSWORD"; may be empty
	Message  string // Better Auth's message, fit to show the user for 4xx
}

// Error says which endpoint refused and why.
func (e *APIError) Error() string {
	code := e.Code
	if code == "" {
		code = "no code"
	}
	return fmt.Sprintf("betterauth: %s answered %d (%s): %s", e.Endpoint, e.Status, code, e.Message)
}

// Is matches an Err* code sentinel by code (the sentinels have no status),
// and ErrAuthUnavailable for 5xx answers.
func (e *APIError) Is(target error) bool {
	if target == ErrAuthUnavailable {
		return e.Status >= 500
	}
	t, ok := target.(*APIError)
	if !ok || t.Status != 0 || t.Code == "" {
		return false
	}
	return e.Code == t.Code || (t.Code == ErrUserAlreadyExists.Code && e.Code == "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL")
}

// ErrAuthUnavailable matches an *APIError whose endpoint failed (5xx) or
// could not be reached (AuthHandler answers 502): not the user's fault.
var ErrAuthUnavailable = errors.New("betterauth: Better Auth unavailable")

// Better Auth's error codes (@better-auth/core BASE_ERROR_CODES) as
// sentinels for errors.Is(err, betterauth.ErrInvalidEmailOrPassword).
var (
	ErrInvalidEmailOrPassword = &APIError{Code: "INVALID_EMAIL_OR_PASSWORD"}
	// ErrUserAlreadyExists also matches USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL,
	// which sign-up/email answers since better-auth 1.3.
	ErrUserAlreadyExists = &APIError{Code: "USER_ALREADY_EXISTS"}
	ErrInvalidEmail      = &APIError{Code: "INVALID_EMAIL"}
	// ErrValidation is a body Better Auth's schema refused (an email that is
	// not an address, a missing field); Message says which field.
	ErrValidation          = &APIError{Code: "VALIDATION_ERROR"}
	ErrInvalidPassword     = &APIError{Code: "INVALID_PASSWORD"}
	ErrPasswordTooShort    = &APIError{Code: "PASSWORD_TOO_SHORT"}
	ErrPasswordTooLong     = &APIError{Code: "PASSWORD_TOO_LONG"}
	ErrEmailNotVerified    = &APIError{Code: "EMAIL_NOT_VERIFIED"}
	ErrInvalidOrigin       = &APIError{Code: "INVALID_ORIGIN"}
	ErrMissingOrigin       = &APIError{Code: "MISSING_OR_NULL_ORIGIN"}
	ErrInvalidCallbackURL  = &APIError{Code: "INVALID_CALLBACK_URL"}
	ErrSessionExpired      = &APIError{Code: "SESSION_EXPIRED"}
	ErrSessionNotFresh     = &APIError{Code: "SESSION_NOT_FRESH"}
	ErrFailedToCreateUser  = &APIError{Code: "FAILED_TO_CREATE_USER"}
	ErrCrossSiteNavigation = &APIError{Code: "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED"}
	// ErrUnauthorized is Better Auth's 401 for a request without a valid
	// session (list-sessions, revoke-session signed out).
	ErrUnauthorized = &APIError{Code: "UNAUTHORIZED"}
)

// newAPIError reads Better Auth's error body. A 401 without a code is
// ErrUnauthorized's code, so that errors.Is works on it.
func newAPIError(endpoint string, status int, body []byte) *APIError {
	var b struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &b)
	e := &APIError{Endpoint: endpoint, Status: status, Code: b.Code, Message: b.Message}
	if e.Code == "" && status == http.StatusUnauthorized {
		e.Code = ErrUnauthorized.Code
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}
