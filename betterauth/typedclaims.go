package betterauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// ErrNoSession is returned by ClaimsAs for a request without a verified session.
var ErrNoSession = errors.New("betterauth: no signed-in session")

// typedClaims is one cached ClaimsAs decoding.
type typedClaims struct {
	value any
	err   error
}

// ClaimsAs returns the claims of the request's verified token decoded into
// T, typically a struct with json tags:
//
//	type AppClaims struct {
//		Role  string `json:"role"`  // Better Auth admin plugin
//		OrgID string `json:"orgId"` // a field of your own definePayload
//	}
//	c, err := betterauth.ClaimsAs[AppClaims](r.Context())
//
// The payload is decoded once per token and type and cached with the
// verified token, so every request carrying the token shares the value:
// treat maps, slices and pointers inside T as read-only. ErrNoSession when
// the request is anonymous.
func ClaimsAs[T any](ctx context.Context) (T, error) {
	s, ok := SessionFromContext(ctx)
	if !ok {
		var zero T
		return zero, ErrNoSession
	}
	return SessionClaimsAs[T](s)
}

// SessionClaimsAs is ClaimsAs for a Session at hand.
func SessionClaimsAs[T any](s *Session) (T, error) {
	var zero T
	if s == nil || s.payload == nil {
		return zero, errors.New("betterauth: session has no token payload")
	}
	key := reflect.TypeFor[T]()
	if v, ok := s.payload.typed.Load(key); ok {
		tc := v.(typedClaims)
		if tc.err != nil {
			return zero, tc.err
		}
		return tc.value.(T), nil
	}
	var out T
	err := json.Unmarshal(s.payload.payload, &out)
	if err != nil {
		err = fmt.Errorf("betterauth: decoding claims into %v: %w", key, err)
	}
	// Concurrent first calls may both decode; the results are equal and one wins.
	v, _ := s.payload.typed.LoadOrStore(key, typedClaims{value: out, err: err})
	tc := v.(typedClaims)
	if tc.err != nil {
		return zero, tc.err
	}
	return tc.value.(T), nil
}

// roleClaims is the part of a token Requirement.Roles reads.
type roleClaims struct {
	Role any `json:"role"`
}

// Roles returns the user's roles from the token's "role" claim: Better
// Auth's admin plugin stores the role on the user ("user" by default,
// several as "admin,editor"), and @convex-dev/better-auth's convex() plugin
// copies every user field except id and image into the JWT, so the claim is
// there whenever the admin plugin is (and a custom jwt.definePayload keeps
// it). A JSON array of strings is accepted too. Nil when there is none.
func (s *Session) Roles() []string {
	rc, err := SessionClaimsAs[roleClaims](s)
	if err != nil {
		return nil
	}
	var out []string
	add := func(v string) {
		for _, r := range strings.Split(v, ",") {
			if r = strings.TrimSpace(r); r != "" {
				out = append(out, r)
			}
		}
	}
	switch v := rc.Role.(type) {
	case string:
		add(v)
	case []any:
		for _, e := range v {
			if str, ok := e.(string); ok {
				add(str)
			}
		}
	}
	return out
}

// HasRole reports whether the session's user has role (see Roles).
func (s *Session) HasRole(role string) bool { return slices.Contains(s.Roles(), role) }
