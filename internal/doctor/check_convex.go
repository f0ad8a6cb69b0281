package doctor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/authgen/authgen/convex"
)

// clientName identifies doctor to the deployment in the Convex-Client header.
const clientName = "authgen-doctor-1.0.0"

// queryOutcome is a Convex /api/query answer, reduced to what doctor explains.
type queryOutcome struct {
	status       int    // HTTP status of a request-level error, 0 otherwise
	code         string // request-level error code, e.g. NoAuthProvider
	message      string
	success      bool
	null         bool // the success value is null
	errorMessage string
	errorData    string // a thrown ConvexError's data, rendered
}

// query calls fn with empty args through the Convex client, with the token
// when one is given, and sorts its typed errors into an outcome.
func (d *doctor) query(ctx context.Context, fn, token string) (*queryOutcome, error) {
	client, err := convex.NewClient(d.convexURL, convex.WithHTTPClient(d.http), convex.WithClientName(clientName))
	if err != nil {
		return nil, fmt.Errorf("creating the Convex client: %w", err)
	}
	var result convex.Value
	err = client.Call(ctx, convex.KindQuery, fn, struct{}{}, &result, convex.WithToken(token))
	var (
		authErr   *convex.AuthError
		thrown    *convex.ConvexError
		funcErr   *convex.FunctionError
		statusErr *convex.HTTPError
	)
	switch {
	case err == nil:
		return &queryOutcome{success: true, null: result.IsNull()}, nil
	case errors.As(err, &authErr):
		return &queryOutcome{status: http.StatusUnauthorized, code: authErr.Code, message: authErr.Message}, nil
	case errors.As(err, &thrown):
		return &queryOutcome{errorMessage: thrown.Message, errorData: fmt.Sprint(thrown.Data.Interface())}, nil
	case errors.As(err, &funcErr):
		return &queryOutcome{errorMessage: funcErr.Message}, nil
	case errors.As(err, &statusErr):
		return &queryOutcome{status: statusErr.Status, code: statusErr.Code, message: statusErr.Message}, nil
	}
	return nil, err
}

// thrownUnauthenticated reports whether the function threw
// ConvexError("Unauthenticated"), as getAuthUser does for a missing user.
func (o *queryOutcome) thrownUnauthenticated() bool {
	return strings.Contains(o.errorData, "Unauthenticated") || strings.Contains(o.errorMessage, "Unauthenticated")
}

// firstLine keeps a Convex error message to its informative line.
func firstLine(msg string) string {
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasSuffix(line, "Server Error") {
			return line
		}
	}
	return strings.TrimSpace(msg)
}

const safeGetAuthUserFix = "Build the current-user query on authComponent.safeGetAuthUser(ctx) and return null when it yields nothing (getAuthUser throws ConvexError(\"Unauthenticated\") by design), and declare its return type nullable."

func (d *doctor) needConvex() (Result, bool) {
	switch {
	case d.cfg.currentUserPath() == "":
		return skip(fmt.Sprintf("%s declares no current_user function", d.manifestName())), false
	case d.convexURL == "":
		return skip("needs a valid deployment URL (see env.convex_url)"), false
	}
	return Result{}, true
}

func (d *doctor) checkConvexAnonymous(ctx context.Context) Result {
	if r, ok := d.needConvex(); !ok {
		return r
	}
	fn := d.cfg.currentUserPath()
	o, err := d.query(ctx, fn, "")
	if err != nil {
		return fail(fmt.Sprintf("calling %s at %s failed: %v", fn, d.convexURL, err),
			"Check that this machine can reach the deployment URL.")
	}
	switch {
	case o.success && o.null:
		return ok(fmt.Sprintf("%s returned null without a token.", fn))
	case o.success:
		return warn(fmt.Sprintf("%s returned a non-null value without a token; a signed-out request would look signed in.", fn),
			"Return null when authComponent.safeGetAuthUser(ctx) yields nothing.")
	case o.thrownUnauthenticated():
		return fail(fmt.Sprintf("%s threw %q when nobody is signed in, so every signed-out page errors instead of rendering.", fn, firstLine(o.errorMessage)),
			safeGetAuthUserFix)
	}
	return d.explainFailure(fn, o, "")
}

func (d *doctor) checkConvexCurrentUser(ctx context.Context) Result {
	if r, ok := d.needConvex(); !ok {
		return r
	}
	token, source := d.minted, "the minted token"
	if token == "" {
		token, source = d.token, d.tokenSource
	}
	if token == "" {
		return skip("no token: pass --cookie with the session cookie, or --token")
	}
	fn := d.cfg.currentUserPath()
	o, err := d.query(ctx, fn, token)
	if err != nil {
		return fail(fmt.Sprintf("calling %s at %s failed: %v", fn, d.convexURL, err),
			"Check that this machine can reach the deployment URL.")
	}
	switch {
	case o.success && !o.null:
		return ok(fmt.Sprintf("%s returned a user for %s: Convex accepts the token.", fn, source))
	case o.success:
		return fail(fmt.Sprintf("Convex accepted %s, but %s returned null: the session the token names is gone or expired in Convex.", source, fn),
			"Sign in again. If it repeats right after sign-in, check that the session row is written (the adapter must run in a mutation context) and that the token's sessionId claim is kept by a custom definePayload.")
	case o.thrownUnauthenticated():
		return fail(fmt.Sprintf("%s threw %q even with %s.", fn, firstLine(o.errorMessage), source),
			"The token reached the function but no user matched: the session expired or was deleted. "+safeGetAuthUserFix)
	}
	return d.explainFailure(fn, o, token)
}

// explainFailure turns a rejected Convex call into a finding and a fix.
func (d *doctor) explainFailure(fn string, o *queryOutcome, token string) Result {
	claims := ""
	if p, err := decodeJWT(token); err == nil {
		claims = fmt.Sprintf(" (token iss %q, aud %q)", p.Iss, p.Aud)
	}
	switch o.code {
	case "NoAuthProvider":
		return fail(fmt.Sprintf("Convex answered NoAuthProvider: no provider in convex/auth.config.ts matches the token%s.", claims),
			"List getAuthConfigProvider() in convex/auth.config.ts (issuer = CONVEX_SITE_URL, applicationID \"convex\") and deploy it (npx convex dev / deploy); the token's iss must equal that issuer apart from a trailing slash, and aud must be \"convex\".",
			firstLine(o.message))
	case "InvalidAuthHeader":
		return fail(fmt.Sprintf("Convex answered InvalidAuthHeader%s: %s", claims, firstLine(o.message)),
			"The token failed Convex's custom JWT checks: compare iss with the provider's issuer, make sure it has not expired, and that the backend can fetch the JWKS (self-hosted: it fetches its own public site URL).")
	case "Unauthenticated":
		return fail(fmt.Sprintf("Convex answered Unauthenticated%s: %s", claims, firstLine(o.message)),
			"The signature or expiry check failed inside Convex: the backend's JWKS does not hold the signing key, or the token expired. Sign in again; fix discovery.jwks and clock.skew first.")
	}
	if o.code != "" || !o.success && o.errorMessage == "" {
		return fail(fmt.Sprintf("calling %s answered %d %s: %s", fn, o.status, o.code, firstLine(o.message)),
			"Check the deployment URL and the deployment's logs.")
	}
	msg := firstLine(o.errorMessage)
	if strings.Contains(msg, "Could not find public function") {
		return fail(fmt.Sprintf("the deployment has no public query %q: %s", fn, msg),
			"Deploy the current-user query (npx convex dev / deploy) or fix current_user in the manifest.")
	}
	return fail(fmt.Sprintf("%s threw: %s", fn, msg), "Read the deployment's logs for this call.")
}
