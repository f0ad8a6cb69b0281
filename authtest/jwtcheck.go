package authtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// requestError is a request-level failure of the Convex API: an HTTP status
// with the backend's {"code","message"} body.
type requestError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *requestError) Error() string { return e.Code + ": " + e.Message }

func unauthenticated(code, message string) *requestError {
	return &requestError{Status: http.StatusUnauthorized, Code: code, Message: message}
}

// tokenLeeway is biscuit's temporal epsilon the backend configures.
const tokenLeeway = 5 * time.Second

// bearerToken extracts the token of an Authorization header the way the
// backend does; "" means no header.
func bearerToken(header string) (string, *requestError) {
	switch {
	case header == "":
		return "", nil
	case len(header) < 7:
		return "", &requestError{http.StatusBadRequest, "InvalidHeaderFailure", "Invalid authentication header"}
	case strings.EqualFold(header[:7], "bearer "):
		return strings.TrimSpace(header[7:]), nil
	default:
		// "Convex <admin key>" and every other scheme: this fake has no admin keys.
		return "", &requestError{http.StatusBadRequest, "InvalidAdminKey", "Invalid admin key"}
	}
}

// verifyToken validates a user JWT as the backend's validate_id_token does
// for the customJwt provider getAuthConfigProvider() configures: issuer = the
// site URL, applicationID, RS256 and the JWKS at {site}{basePath}/convex/jwks.
func (d *Deployment) verifyToken(token string) (*Identity, *requestError) {
	payload, ok := unverifiedPayload(token)
	if !ok {
		return nil, unauthenticated("InvalidAuthHeader", "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.")
	}
	iss, ok := payload["iss"].(string)
	if !ok {
		return nil, unauthenticated("InvalidAuthHeader", "Missing issuer claim ('iss') in JWT payload. The JWT must include an 'iss' claim that matches one of your configured auth providers.")
	}
	if !d.providerMatches(iss, audiences(payload["aud"])) {
		return nil, unauthenticated("NoAuthProvider", fmt.Sprintf(
			"No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [CustomJWT(issuer=%s, app_id=%s)]",
			d.site.URL, d.settings.applicationID))
	}
	if err := d.verifySignature(token); err != nil {
		return nil, err
	}
	if msg := temporalError(payload, d.now()); msg != "" {
		return nil, unauthenticated("InvalidAuthHeader", "Could not validate token: "+msg)
	}
	_, hasSub := payload["sub"].(string)
	_, hasExp := payload["exp"].(float64)
	if !hasSub || !hasExp {
		return nil, unauthenticated("InvalidAuthHeader", "Could not verify token claim. Check that the JWT contains valid claims and matches your auth provider configuration.")
	}
	return identityFromClaims(payload), nil
}

// unverifiedKid returns the kid of a compact JWS header, or "".
func unverifiedKid(token string) string {
	header, _, _ := strings.Cut(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(header)
	if err != nil {
		return ""
	}
	var h struct {
		Kid string `json:"kid"`
	}
	json.Unmarshal(raw, &h)
	return h.Kid
}

// unverifiedPayload decodes the middle part of a compact JWS without
// checking anything else.
func unverifiedPayload(token string) (map[string]any, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, false
	}
	var payload map[string]any
	if err := json.Unmarshal(raw, &payload); err != nil || payload == nil {
		return nil, false
	}
	return payload, true
}

// audiences reads aud as the backend does: a string or an array of strings.
func audiences(aud any) []string {
	switch v := aud.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, a := range v {
			if s, ok := a.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// providerMatches is AuthInfo::matches_token: iss gets "https://" when it has
// no scheme, trailing slashes are trimmed on both sides, and aud must contain
// the applicationID.
func (d *Deployment) providerMatches(iss string, aud []string) bool {
	if !strings.HasPrefix(iss, "https://") && !strings.HasPrefix(iss, "http://") {
		iss = "https://" + iss
	}
	if strings.TrimRight(iss, "/") != strings.TrimRight(d.site.URL, "/") {
		return false
	}
	for _, a := range aud {
		if a == d.settings.applicationID {
			return true
		}
	}
	return false
}

// verifySignature is biscuit's decode_with_jwks against the JWKS the backend
// would fetch: the kid must name a published key and the RS256 signature
// must verify with it.
func (d *Deployment) verifySignature(token string) *requestError {
	jwksURL := d.site.URL + d.settings.basePath + "/convex/jwks"
	doc, err := d.jwksDocument()
	switch {
	case d.currentFaults().pluginMissing:
		return unauthenticated("InvalidAuthHeader", fmt.Sprintf("Could not fetch JWKS from URL '%s': HTTP 404 Not Found. Check that the URL is correct and accessible.", jwksURL))
	case err != nil:
		return unauthenticated("InvalidAuthHeader", fmt.Sprintf("Could not fetch JWKS from URL '%s': HTTP 500 Internal Server Error. Check that the URL is correct and accessible.", jwksURL))
	}
	kid := unverifiedKid(token)
	jws, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil || len(jws.Signatures) != 1 || kid == "" || jws.Signatures[0].Header.KeyID != kid {
		return decodeError(kid)
	}
	d.mu.Lock()
	var key *signingKey
	for _, k := range d.keys {
		if k.kid == kid {
			key = k
		}
	}
	d.mu.Unlock()
	if key == nil || !containsKid(doc, kid) {
		return decodeError(kid)
	}
	if _, err := jws.Verify(&key.private.PublicKey); err != nil {
		return decodeError(kid)
	}
	return nil
}

func containsKid(doc jwksDocument, kid string) bool {
	for _, k := range doc.Keys {
		if k.Kid == kid {
			return true
		}
	}
	return false
}

func decodeError(kid string) *requestError {
	if kid == "" {
		return unauthenticated("InvalidAuthHeader", "Could not decode token. JWT may be missing a 'kid' (key ID) header.")
	}
	return unauthenticated("InvalidAuthHeader", fmt.Sprintf("Could not decode token. The JWT's 'kid' (key ID) header is '%s', does this key match any key in the provider's JWKS?", kid))
}

// temporalError is biscuit's validate() with the backend's 5 s epsilon: exp
// not too far in the past, nbf and iat not too far in the future, each only
// when present. It returns biscuit's message, or "".
func temporalError(payload map[string]any, now time.Time) string {
	at := func(name string) (time.Time, bool) {
		v, ok := payload[name].(float64)
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
			return time.Time{}, false
		}
		return time.Unix(int64(v), 0), true
	}
	now = now.Truncate(time.Second)
	if exp, ok := at("exp"); ok && now.Sub(exp) > tokenLeeway {
		return fmt.Sprintf("Token expired %d seconds ago", int64(now.Sub(exp)/time.Second))
	}
	if nbf, ok := at("nbf"); ok && nbf.Sub(now) > tokenLeeway {
		return fmt.Sprintf("Token will be valid in %d seconds", int64(nbf.Sub(now)/time.Second))
	}
	if iat, ok := at("iat"); ok && iat.Sub(now) > tokenLeeway {
		return fmt.Sprintf("Token will be valid in %d seconds", int64(iat.Sub(now)/time.Second))
	}
	return ""
}
