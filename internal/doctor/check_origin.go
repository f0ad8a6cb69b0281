package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// foreignOrigin is an origin no deployment should trust (.invalid is
// reserved): if Better Auth accepts it, it accepts every origin.
const foreignOrigin = "https://authgen-doctor-probe.invalid"

// checkOrigin sends what a browser's sign-in form sends through the app: a
// POST to {base}/sign-in/email with the app's Origin. Better Auth checks the
// Origin only of requests carrying cookies, so the probe carries a harmless
// one, and its credentials match no user, so no session is opened.
func (d *doctor) checkOrigin(ctx context.Context) Result {
	if r, ok := d.needSite(); !ok {
		return r
	}
	if d.appURL == "" {
		return skip("SITE_URL (the app's origin) is not set, so there is no Origin to try")
	}
	app, err := url.Parse(d.appURL)
	if err != nil || app.Host == "" || (app.Scheme != "http" && app.Scheme != "https") {
		return skip(fmt.Sprintf("SITE_URL %q is not an absolute http(s) URL", d.appURL))
	}
	origin := app.Scheme + "://" + app.Host
	u := d.authURL("/sign-in/email")
	status, code, err := d.signInProbe(ctx, u, origin)
	if err != nil {
		return fail(fmt.Sprintf("POST %s failed: %v", u, err), "Check that this machine can reach the site URL.")
	}
	switch {
	case status == http.StatusForbidden:
		return fail(fmt.Sprintf("Better Auth refused a sign-in from the app's Origin %s: 403 %s, so sign-in fails before any password is checked.", origin, code),
			fmt.Sprintf("Add %s to trustedOrigins in betterAuth({...}) (it trusts its baseURL, SITE_URL on the deployment, by default) and deploy; behind a proxy, forward Origin and send x-better-auth-forwarded-host/-proto (AuthHandler does).", origin))
	case status == http.StatusNotFound:
		return skip(fmt.Sprintf("POST %s answered 404: email and password sign-in is not enabled, so the origin check could not be probed", u))
	case status >= 500:
		return warn(fmt.Sprintf("POST %s with Origin %s answered %d %s.", u, origin, status, code),
			"Read the deployment's logs for /sign-in/email: a 5xx is a deployment error, not an origin problem.")
	}
	foreign, _, err := d.signInProbe(ctx, u, foreignOrigin)
	if err == nil && foreign != http.StatusForbidden {
		return warn(fmt.Sprintf("sign-in accepts Origin %s, and also %s (%d): trustedOrigins holds a wildcard or the origin check is off, so any site can post forms riding on your users' cookies.", origin, foreignOrigin, foreign),
			"List the app's origins in trustedOrigins explicitly, without \"*\", and remove advanced.disableOriginCheck / disableCSRFCheck.")
	}
	return ok(fmt.Sprintf("sign-in with Origin %s answered %d (the origin is trusted); a foreign origin gets 403.", origin, status))
}

// signInProbe posts unknown credentials to the sign-in endpoint with origin
// and returns the status and Better Auth's error code.
func (d *doctor) signInProbe(ctx context.Context, u, origin string) (int, string, error) {
	body := `{"email":"doctor-probe@authgen.invalid","password":"authgen-doctor-probe"}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("building request for %s: %w", u, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", origin)
	req.Header.Set("Cookie", "authgen_doctor_probe=1")
	resp, err := d.do(req)
	if err != nil {
		return 0, "", err
	}
	var e struct {
		Code string `json:"code"`
	}
	json.Unmarshal(resp.body, &e) // a body that is not Better Auth's error JSON leaves the code empty
	return resp.status, e.Code, nil
}
