package betterauth

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// Requirement is a route's authorization rule: what a signed-in user needs
// beyond being signed in. A user who fails it gets 403 (ReasonForbidden),
// never a redirect to the sign-in page. The zero Requirement admits every
// signed-in user.
type Requirement struct {
	// Roles admits a user with any of these roles (Session.Roles: the
	// token's "role" claim, set by Better Auth's admin plugin).
	Roles []string
	// Rule names a predicate registered with WithRule. With Roles set too,
	// both must hold.
	Rule string
}

// IsZero reports whether r admits every signed-in user.
func (r Requirement) IsZero() bool { return len(r.Roles) == 0 && r.Rule == "" }

// String describes r for documentation and logs, e.g. "role admin or owner".
func (r Requirement) String() string {
	var parts []string
	if len(r.Roles) > 0 {
		parts = append(parts, "role "+strings.Join(r.Roles, " or "))
	}
	if r.Rule != "" {
		parts = append(parts, "rule "+r.Rule)
	}
	if len(parts) == 0 {
		return "any signed-in user"
	}
	return strings.Join(parts, " and ")
}

// Rule decides whether the signed-in user of r may use a route. It runs on
// every request to the route: keep it cheap (read the session's claims,
// ClaimsAs caches them per token), and do not call Convex from it.
type Rule func(r *http.Request, s *Session) bool

// WithRule registers a named Rule for Route.Require.Rule (and the
// manifest's routes[].require.rule). Protect refuses a table that names a
// rule nobody registered.
func WithRule(name string, rule Rule) Option {
	return func(o *options) {
		if o.rules == nil {
			o.rules = map[string]Rule{}
		}
		o.rules[name] = rule
	}
}

// allows reports whether s meets req.
func (a *Auth) allows(r *http.Request, s *Session, req Requirement) bool {
	if len(req.Roles) > 0 && !slices.ContainsFunc(s.Roles(), func(role string) bool { return slices.Contains(req.Roles, role) }) {
		return false
	}
	if req.Rule != "" {
		rule, ok := a.rules[req.Rule]
		if !ok || !rule(r, s) {
			return false
		}
	}
	return true
}

// CheckRoutes reports a route table's mistakes that Protect would panic on:
// a Require.Rule that no WithRule registered, or an empty role name.
func (a *Auth) CheckRoutes(routes []Route) error {
	var problems []string
	for _, rt := range routes {
		if rt.Require.Rule != "" {
			if _, ok := a.rules[rt.Require.Rule]; !ok {
				names := make([]string, 0, len(a.rules))
				for n := range a.rules {
					names = append(names, fmt.Sprintf("%q", n))
				}
				sort.Strings(names)
				known := "none is registered"
				if len(names) > 0 {
					known = "registered: " + strings.Join(names, ", ")
				}
				problems = append(problems, fmt.Sprintf("route %s requires rule %q, but no betterauth.WithRule(%q, ...) was passed to New (%s)",
					rt.Prefix, rt.Require.Rule, rt.Require.Rule, known))
			}
		}
		if slices.Contains(rt.Require.Roles, "") {
			problems = append(problems, fmt.Sprintf("route %s requires an empty role name", rt.Prefix))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("betterauth: route table: %s", strings.Join(problems, "; "))
	}
	return nil
}
