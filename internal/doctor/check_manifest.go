package doctor

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/authgen/authgen/internal/manifest"
)

func (d *doctor) manifestName() string {
	if d.cfg.ManifestPath == "" {
		return "defaults (no authgen.yaml)"
	}
	return d.cfg.ManifestPath
}

// checkBasePath checks, once discovery answered, that Better Auth serves its
// JWKS under auth.base_path (the manifest parser already checked its shape).
func (d *doctor) checkBasePath(context.Context) Result {
	if len(d.cfg.Problems) > 0 {
		return skip("needs a manifest that parses (see manifest.file)")
	}
	bp := d.cfg.BasePath
	if d.jwksURI == "" {
		return ok(fmt.Sprintf("auth.base_path %q (%s); not compared with the deployment (discovery did not answer).", bp, d.manifestName()))
	}
	u, err := url.Parse(d.jwksURI)
	if err != nil || !strings.HasSuffix(u.Path, "/convex/jwks") {
		return warn(fmt.Sprintf("discovery's jwks_uri %q does not end in /convex/jwks; cannot compare base paths.", d.jwksURI),
			"Check that the convex() plugin from @convex-dev/better-auth serves discovery.")
	}
	// path.Clean: an issuer with a trailing slash doubles the slash in
	// jwks_uri; discovery.jwks reports that, the base path is still right.
	served := strings.TrimSuffix(path.Clean(u.Path), "/convex/jwks")
	if served != bp {
		return fail(fmt.Sprintf("the deployment serves its JWKS under base path %q but auth.base_path is %q.", served, bp),
			fmt.Sprintf("Use one base path everywhere: betterAuth({basePath}), getAuthConfigProvider({basePath}) and auth.base_path (%q or %q).", served, bp))
	}
	return ok(fmt.Sprintf("auth.base_path %q agrees with the deployment's jwks_uri.", bp))
}

func (d *doctor) checkManifestFile(context.Context) Result {
	switch {
	case d.cfg.ManifestPath == "":
		return skip(fmt.Sprintf("no authgen.yaml here; using the defaults (%s, %s, base path %s, cookie prefix %s).",
			d.cfg.ConvexURLEnv, d.cfg.SiteURLEnv, d.cfg.BasePath, d.cfg.CookiePrefix))
	case len(d.cfg.Problems) > 0:
		details := make([]string, 0, len(d.cfg.Problems))
		for i, p := range d.cfg.Problems {
			if i == manifest.MaxErrors {
				details = append(details, fmt.Sprintf("… and %d more", len(d.cfg.Problems)-i))
				break
			}
			line := p.Pos.String() + ": " + p.Msg
			if p.Hint != "" {
				line += " (" + p.Hint + ")"
			}
			details = append(details, line)
		}
		return fail(fmt.Sprintf("%s has %d problem(s), so the checks below use the default settings.", d.cfg.ManifestPath, len(d.cfg.Problems)),
			"Fix each problem at the file:line:col shown (authgen generate reports the same ones), then run doctor again.",
			details...)
	}
	m := d.cfg.Manifest
	return ok(fmt.Sprintf("%s parses: %d function(s), %d route(s).", d.cfg.ManifestPath, len(m.Functions), len(m.Routes)))
}

// needManifest skips a check that reads the parsed manifest when there is none.
func (d *doctor) needManifest() (Result, bool) {
	switch {
	case d.cfg.ManifestPath == "":
		return skip("no authgen.yaml"), false
	case d.cfg.Manifest == nil:
		return skip("needs a manifest that parses (see manifest.file)"), false
	}
	return Result{}, true
}

// checkCurrentUserType reads the return type the manifest resolved for the
// current-user query: its functions.define entry, or the function spec's
// returns validator when the manifest imports one.
func (d *doctor) checkCurrentUserType(context.Context) Result {
	if r, ok := d.needManifest(); !ok {
		return r
	}
	f := d.cfg.currentUser()
	if f == nil {
		return skip(fmt.Sprintf("%s declares no current_user function.", d.manifestName()))
	}
	at := d.cfg.Manifest.CurrentUser.Pos.String()
	fromSpec := f.Returns == nil || f.Returns.Pos.File != d.cfg.ManifestPath
	returns := f.Returns.String()
	switch {
	case f.UntypedReturns || f.Returns.Kind == manifest.Any:
		return warn(fmt.Sprintf("current_user %s (%s) returns any, so nothing guarantees null when signed out.", f.Path, at),
			"Give the query returns: v.union(userValidator, v.null()), built on authComponent.safeGetAuthUser(ctx), and rerun npx convex function-spec.")
	case d.cfg.Manifest.Nullable(f.Returns):
		return ok(fmt.Sprintf("%s returns %q.", f.Path, returns))
	}
	finding := fmt.Sprintf("current_user %s (%s) returns %q, which is not nullable: signed out, it throws (getAuthUser throws ConvexError(\"Unauthenticated\")) instead of answering null.", f.Path, at, returns)
	if fromSpec {
		return fail(finding,
			"In the Convex query, return null when authComponent.safeGetAuthUser(ctx) yields nothing, add v.null() to its returns validator (v.union(..., v.null())), and rerun npx convex function-spec.")
	}
	return fail(finding,
		fmt.Sprintf("Build the query on authComponent.safeGetAuthUser(ctx), return null when it yields nothing, and declare returns: \"%s | null\" (%s).", returns, f.Returns.Pos))
}

func (d *doctor) checkRoutes(context.Context) Result {
	if r, ok := d.needManifest(); !ok {
		return r
	}
	routes := d.cfg.routes()
	if len(routes) == 0 {
		return skip(fmt.Sprintf("%s has no routes.", d.manifestName()))
	}
	for _, r := range routes {
		if routeCovers(r.Prefix, d.cfg.SignInPath) {
			return fail(fmt.Sprintf("route prefix %q (%s) protects the sign-in path %q: signed-out users are redirected to a page they cannot open (a redirect loop).", r.Prefix, r.Pos, d.cfg.SignInPath),
				fmt.Sprintf("Narrow the prefix or move auth.sign_in_path (%q) outside every protected prefix.", d.cfg.SignInPath))
		}
	}
	for _, r := range routes {
		if routeCovers(r.Prefix, d.cfg.BasePath) {
			return warn(fmt.Sprintf("route prefix %q (%s) also covers the auth base path %q.", r.Prefix, r.Pos, d.cfg.BasePath),
				"Mount AuthHandler outside the handler Protect wraps; otherwise sign-in requests are refused before they reach Better Auth.")
		}
	}
	return ok(fmt.Sprintf("%d protected prefixes; %q and %q stay reachable.", len(routes), d.cfg.SignInPath, d.cfg.BasePath))
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
