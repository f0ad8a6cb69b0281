package doctor

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

func (d *doctor) manifestName() string {
	if d.cfg.ManifestPath == "" {
		return "defaults (no authgen.yaml)"
	}
	return d.cfg.ManifestPath
}

// checkBasePath checks the base path's shape and, once discovery answered,
// that Better Auth serves its JWKS under the same base path.
func (d *doctor) checkBasePath(context.Context) Result {
	bp := d.cfg.BasePath
	if !strings.HasPrefix(bp, "/") || (len(bp) > 1 && strings.HasSuffix(bp, "/")) {
		return fail(fmt.Sprintf("auth.base_path %q in %s must start with / and not end with one.", bp, d.manifestName()),
			"Set auth.base_path to Better Auth's basePath, e.g. /api/auth.")
	}
	if d.jwksURI == "" {
		return ok(fmt.Sprintf("auth.base_path %q (%s); not compared with the deployment (discovery did not answer).", bp, d.manifestName()))
	}
	u, err := url.Parse(d.jwksURI)
	if err != nil || !strings.HasSuffix(u.Path, "/convex/jwks") {
		return warn(fmt.Sprintf("discovery's jwks_uri %q does not end in /convex/jwks; cannot compare base paths.", d.jwksURI),
			"Check that the convex() plugin from @convex-dev/better-auth serves discovery.")
	}
	served := strings.TrimSuffix(u.Path, "/convex/jwks")
	if served != bp {
		return fail(fmt.Sprintf("the deployment serves its JWKS under base path %q but auth.base_path is %q.", served, bp),
			fmt.Sprintf("Use one base path everywhere: betterAuth({basePath}), getAuthConfigProvider({basePath}) and auth.base_path (%q or %q).", served, bp))
	}
	return ok(fmt.Sprintf("auth.base_path %q agrees with the deployment's jwks_uri.", bp))
}

func (d *doctor) checkCurrentUserType(context.Context) Result {
	fn := d.cfg.CurrentUser
	if fn == "" {
		return skip(fmt.Sprintf("%s declares no current_user function.", d.manifestName()))
	}
	returns := d.cfg.CurrentUserReturns
	switch {
	case returns == "":
		return warn(fmt.Sprintf("current_user %q has no declared return type, so doctor cannot tell whether it returns null when signed out.", fn),
			fmt.Sprintf("Declare it under functions.define: %s: {kind: query, returns: \"User | null\"}.", fn))
	case isNullable(returns):
		return ok(fmt.Sprintf("%s returns %q.", fn, returns))
	case strings.TrimSpace(returns) == "any":
		return warn(fmt.Sprintf("%s returns any (no returns validator), so nothing guarantees null when signed out.", fn),
			"Add returns: v.union(userValidator, v.null()) to the query, built on authComponent.safeGetAuthUser(ctx).")
	}
	return fail(fmt.Sprintf("%s returns %q, which is not nullable: a signed-out request makes it throw (getAuthUser throws ConvexError(\"Unauthenticated\")) instead of answering \"nobody\".", fn, returns),
		fmt.Sprintf("Build the query on authComponent.safeGetAuthUser(ctx), return null when it yields nothing, and declare returns: \"%s | null\".", strings.TrimSpace(returns)))
}

// isNullable reports whether a type expression is a union with null at its top level.
func isNullable(expr string) bool {
	depth := 0
	start := 0
	parts := []string{}
	for i, c := range expr {
		switch c {
		case '<', '(', '{', '[':
			depth++
		case '>', ')', '}', ']':
			depth--
		case '|':
			if depth == 0 {
				parts = append(parts, expr[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, expr[start:])
	for _, p := range parts {
		if strings.TrimSpace(p) == "null" {
			return true
		}
	}
	return false
}

func (d *doctor) checkRoutes(context.Context) Result {
	if len(d.cfg.Routes) == 0 {
		return skip(fmt.Sprintf("%s has no routes.", d.manifestName()))
	}
	for _, r := range d.cfg.Routes {
		if routeCovers(r.Prefix, d.cfg.SignInPath) {
			return fail(fmt.Sprintf("route prefix %q protects the sign-in path %q: signed-out users are redirected to a page they cannot open (a redirect loop).", r.Prefix, d.cfg.SignInPath),
				fmt.Sprintf("Narrow the prefix or move auth.sign_in_path (%q) outside every protected prefix.", d.cfg.SignInPath))
		}
	}
	for _, r := range d.cfg.Routes {
		if routeCovers(r.Prefix, d.cfg.BasePath) {
			return warn(fmt.Sprintf("route prefix %q also covers the auth base path %q.", r.Prefix, d.cfg.BasePath),
				"Mount AuthHandler outside the handler Protect wraps; otherwise sign-in requests are refused before they reach Better Auth.")
		}
	}
	return ok(fmt.Sprintf("%d protected prefixes; %q and %q stay reachable.", len(d.cfg.Routes), d.cfg.SignInPath, d.cfg.BasePath))
}

// routeCovers matches like the runtime's route table: case-insensitively, a
// prefix ending in "/" covers everything under it, any other prefix covers
// itself and its subpaths.
func routeCovers(prefix, p string) bool {
	prefix, p = strings.ToLower(prefix), strings.ToLower(p)
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(p, prefix) || p == strings.TrimSuffix(prefix, "/")
	}
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}
