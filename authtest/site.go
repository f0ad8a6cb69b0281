package authtest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/mail"
	"strings"
	"time"
)

// siteHandler serves the site URL: Better Auth under the base path.
func (d *Deployment) siteHandler() http.Handler {
	routes := map[string]http.HandlerFunc{
		"POST /sign-up/email":                          d.signUp,
		"POST /sign-in/email":                          d.signIn,
		"POST /sign-out":                               d.signOut,
		"GET /get-session":                             d.getSession,
		"GET /list-sessions":                           d.listSessions,
		"POST /revoke-session":                         d.revokeSession,
		"POST /revoke-other-sessions":                  d.revokeOtherSessions,
		"GET /convex/token":                            d.pluginRoute(d.token),
		"GET /convex/jwks":                             d.pluginRoute(d.jwks),
		"GET /convex/.well-known/openid-configuration": d.pluginRoute(d.openIDConfiguration),
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fh := r.Header.Values("X-Forwarded-Host"); d.currentFaults().rejectForwardedHost && len(fh) > 0 && (len(fh) > 1 || fh[0] != r.Host) {
			// Convex's edge routes by x-forwarded-host and finds no deployment.
			w.WriteHeader(http.StatusNotFound)
			return
		}
		endpoint, ok := strings.CutPrefix(r.URL.Path, d.settings.basePath+"/")
		route := routes[r.Method+" /"+endpoint]
		if !ok || route == nil {
			// better-call answers unknown routes and wrong methods with an empty 404.
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if err := d.originError(r, endpoint); err != nil {
			writeJSON(w, http.StatusForbidden, err)
			return
		}
		route(w, r)
	})
}

// pluginRoute answers an empty 404 while the convex() plugin is "missing".
func (d *Deployment) pluginRoute(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if d.currentFaults().pluginMissing {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		h(w, r)
	}
}

// apiError is the body of a Better Auth APIError.
type apiError struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := marshalNoEscape(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// readBody decodes a JSON request body; Better Auth answers an unparsable
// body with an empty 500.
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return false
	}
	return true
}

// Better Auth's emailAndPassword defaults.
const (
	minPasswordLength = 8
	maxPasswordLength = 128
)

type signUpRequest struct {
	Email    *string `json:"email"`
	Password *string `json:"password"`
	Name     *string `json:"name"`
}

func (d *Deployment) signUp(w http.ResponseWriter, r *http.Request) {
	var req signUpRequest
	if !readBody(w, r, &req) {
		return
	}
	for _, f := range []struct {
		name  string
		value *string
	}{{"name", req.Name}, {"email", req.Email}, {"password", req.Password}} {
		if f.value == nil {
			writeJSON(w, http.StatusBadRequest, apiError{"[body." + f.name + "] Invalid input: expected string, received undefined", "VALIDATION_ERROR"})
			return
		}
	}
	if _, err := mail.ParseAddress(*req.Email); err != nil || strings.ContainsAny(*req.Email, " <>") {
		writeJSON(w, http.StatusBadRequest, apiError{"[body.email] Invalid email address", "VALIDATION_ERROR"})
		return
	}
	if n := len(*req.Password); n < minPasswordLength {
		writeJSON(w, http.StatusBadRequest, apiError{"Password too short", "PASSWORD_TOO_SHORT"})
		return
	} else if n > maxPasswordLength {
		writeJSON(w, http.StatusBadRequest, apiError{"Password too long", "PASSWORD_TOO_LONG"})
		return
	}
	u, s, ok := d.createUser(*req.Email, *req.Password, *req.Name, r)
	if !ok {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{"User already exists. Use another email.", "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"})
		return
	}
	d.setSessionCookies(w, u, s)
	writeJSON(w, http.StatusOK, struct {
		Token string   `json:"token"`
		User  userJSON `json:"user"`
	}{s.token, u.json()})
}

type signInRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (d *Deployment) signIn(w http.ResponseWriter, r *http.Request) {
	var req signInRequest
	if !readBody(w, r, &req) {
		return
	}
	u, s, ok := d.authenticate(req.Email, req.Password, r)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, apiError{"Invalid email or password", "INVALID_EMAIL_OR_PASSWORD"})
		return
	}
	d.setSessionCookies(w, u, s)
	writeJSON(w, http.StatusOK, struct {
		Redirect bool     `json:"redirect"`
		Token    string   `json:"token"`
		User     userJSON `json:"user"`
	}{false, s.token, u.json()})
}

// signOut deletes the session, if any, and always clears every auth cookie.
func (d *Deployment) signOut(w http.ResponseWriter, r *http.Request) {
	if _, s, _ := d.sessionOf(r); s != nil {
		d.mu.Lock()
		delete(d.store.sessions, s.token)
		d.mu.Unlock()
	}
	for _, name := range []string{sessionTokenCookie, sessionDataCookie, dontRememberCookie, convexJWTCookie} {
		w.Header().Add("Set-Cookie", d.clearCookie(d.cookieName(name)))
	}
	writeJSON(w, http.StatusOK, struct {
		Success bool `json:"success"`
	}{true})
}

// getSession answers {session, user}, refreshing the convex_jwt cookie, or
// null, clearing it.
func (d *Deployment) getSession(w http.ResponseWriter, r *http.Request) {
	u, s := d.currentSession(w, r)
	if s == nil {
		w.Header().Add("Set-Cookie", d.clearCookie(d.JWTCookieName()))
		writeJSON(w, http.StatusOK, nil)
		return
	}
	d.setJWTCookie(w, u, s)
	writeJSON(w, http.StatusOK, struct {
		Session sessionJSON `json:"session"`
		User    userJSON    `json:"user"`
	}{s.json(), u.json()})
}

// token is the plugin's GET /convex/token.
func (d *Deployment) token(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	status := d.faults.takeTokenFailure()
	delay := d.faults.tokenDelay
	d.mu.Unlock()
	if delay > 0 && !sleep(r.Context(), delay) {
		return
	}
	if status != 0 {
		writeJSON(w, status, apiError{"injected failure (authtest.FailTokenEndpoint)", http.StatusText(status)})
		return
	}
	u, s := d.currentSession(w, r)
	if s == nil {
		writeJSON(w, http.StatusUnauthorized, apiError{"Unauthorized", "UNAUTHORIZED"})
		return
	}
	jwt, err := d.mintToken(u, s)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, apiError{err.Error(), "INTERNAL_SERVER_ERROR"})
		return
	}
	w.Header().Add("Set-Cookie", d.setCookie(d.JWTCookieName(), jwt, d.settings.tokenLifetime))
	writeJSON(w, http.StatusOK, struct {
		Token string `json:"token"`
	}{jwt})
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (d *Deployment) jwks(w http.ResponseWriter, r *http.Request) {
	doc, err := d.jwksDocument()
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

// jwksDocument returns the published keys, or an error while FailJWKS is on.
func (d *Deployment) jwksDocument() (jwksDocument, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.faults.jwksDown {
		return jwksDocument{}, errJWKSDown
	}
	doc := jwksDocument{Keys: make([]publicJWK, 0, len(d.keys))}
	for _, k := range d.keys {
		doc.Keys = append(doc.Keys, k.publicJWK())
	}
	return doc, nil
}

// openIDConfiguration is better-auth's OIDC metadata as the convex() plugin
// serves it: issuer and jwks_uri from CONVEX_SITE_URL, the rest from baseURL.
func (d *Deployment) openIDConfiguration(w http.ResponseWriter, r *http.Request) {
	base := d.site.URL + d.settings.basePath
	writeJSON(w, http.StatusOK, openIDConfiguration{
		Issuer:                            d.issuer(),
		AuthorizationEndpoint:             base + "/oauth2/authorize",
		TokenEndpoint:                     base + "/oauth2/token",
		UserinfoEndpoint:                  base + "/oauth2/userinfo",
		JWKSURI:                           d.issuer() + d.settings.basePath + "/convex/jwks",
		RegistrationEndpoint:              base + "/oauth2/register",
		EndSessionEndpoint:                base + "/oauth2/endsession",
		ScopesSupported:                   []string{"openid", "profile", "email", "offline_access"},
		ResponseTypesSupported:            []string{"code"},
		ResponseModesSupported:            []string{"query"},
		GrantTypesSupported:               []string{"authorization_code", "refresh_token"},
		ACRValuesSupported:                []string{"urn:mace:incommon:iap:silver", "urn:mace:incommon:iap:bronze"},
		SubjectTypesSupported:             []string{"public"},
		IDTokenSigningAlgValuesSupported:  []string{"HS256"},
		TokenEndpointAuthMethodsSupported: []string{"client_secret_basic", "client_secret_post", "none"},
		CodeChallengeMethodsSupported:     []string{"S256"},
		ClaimsSupported:                   []string{"sub", "iss", "aud", "exp", "nbf", "iat", "jti", "email", "email_verified", "name"},
	})
}

// openIDConfiguration has the real document's keys in its order.
type openIDConfiguration struct {
	Issuer                            string   `json:"issuer"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	UserinfoEndpoint                  string   `json:"userinfo_endpoint"`
	JWKSURI                           string   `json:"jwks_uri"`
	RegistrationEndpoint              string   `json:"registration_endpoint"`
	EndSessionEndpoint                string   `json:"end_session_endpoint"`
	ScopesSupported                   []string `json:"scopes_supported"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	ResponseModesSupported            []string `json:"response_modes_supported"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	ACRValuesSupported                []string `json:"acr_values_supported"`
	SubjectTypesSupported             []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
	ClaimsSupported                   []string `json:"claims_supported"`
}
