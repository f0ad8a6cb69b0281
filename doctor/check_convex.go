package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// clientName identifies doctor to the deployment in the Convex-Client header.
const clientName = "authgen-doctor-1.0.0"

// queryOutcome is a Convex /api/query answer, reduced to what doctor explains.
type queryOutcome struct {
	status       int
	code         string // request-level error code, e.g. NoAuthProvider
	message      string
	success      bool
	null         bool // the success value is null
	errorMessage string
	errorData    json.RawMessage
}

// query calls fn with empty args, with the token when one is given.
func (d *doctor) query(ctx context.Context, fn, token string) (*queryOutcome, error) {
	body, err := json.Marshal(map[string]any{"path": fn, "format": "convex_encoded_json", "args": []any{map[string]any{}}})
	if err != nil {
		return nil, fmt.Errorf("encoding the query: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.convexURL+"/api/query", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("building the query: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Convex-Client", clientName)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := d.do(req)
	if err != nil {
		return nil, err
	}
	out := &queryOutcome{status: resp.status}
	// A function's own error answers 200 (560 from some proxies) with a status
	// field; anything else is a request-level {code, message}.
	if resp.status == http.StatusOK || resp.status == 560 {
		var env struct {
			Status       string          `json:"status"`
			Value        json.RawMessage `json:"value"`
			ErrorMessage string          `json:"errorMessage"`
			ErrorData    json.RawMessage `json:"errorData"`
		}
		if err := json.Unmarshal(resp.body, &env); err != nil {
			return nil, fmt.Errorf("the deployment answered %d with %s", resp.status, snippet(resp.body))
		}
		out.success = env.Status == "success"
		out.null = len(env.Value) == 0 || string(env.Value) == "null"
		out.errorMessage, out.errorData = env.ErrorMessage, env.ErrorData
		return out, nil
	}
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if json.Unmarshal(resp.body, &e) == nil {
		out.code, out.message = e.Code, e.Message
	} else {
		out.message = snippet(resp.body)
	}
	return out, nil
}

// thrownUnauthenticated reports whether the function threw
// ConvexError("Unauthenticated"), as getAuthUser does for a missing user.
func (o *queryOutcome) thrownUnauthenticated() bool {
	return strings.Contains(string(o.errorData), "Unauthenticated") || strings.Contains(o.errorMessage, "Unauthenticated")
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
	case d.cfg.CurrentUser == "":
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
	fn := d.cfg.CurrentUser
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
	fn := d.cfg.CurrentUser
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
			fmt.Sprintf("List getAuthConfigProvider() in convex/auth.config.ts (issuer = CONVEX_SITE_URL, applicationID \"convex\") and deploy it (npx convex dev / deploy); the token's iss must equal that issuer apart from a trailing slash, and aud must be \"convex\"."),
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
