package betterauth

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// maxTokenBytes bounds a JWT before any parsing: Better Auth's are about 1 kB.
const maxTokenBytes = 16 << 10

// audience is the applicationID getAuthConfigProvider configures in Convex.
const audience = "convex"

// Verifier checks Convex JWTs issued by Better Auth the way the Convex
// backend does (customJwt provider): allow-listed algorithm, kid matched
// against the JWKS, iss equal to the site URL after Convex's normalisation,
// aud containing "convex", exp/nbf/iat within the leeway, sub present.
type Verifier struct {
	issuer string // normalised
	algs   []jose.SignatureAlgorithm
	keys   keySource
	leeway time.Duration
	now    func() time.Time
}

// NewVerifier returns a Verifier for cfg (validated as New does), fetching
// the remote JWKS with cfg.HTTPClient when cfg.JWKS is empty. Doctor and
// tests use it to verify tokens without an Auth.
func NewVerifier(cfg Config) (*Verifier, error) {
	if errs := errorsOnly(ValidateConfig(cfg)); len(errs) > 0 {
		return nil, &ConfigError{Problems: errs}
	}
	cfg = cfg.withDefaults()
	return newVerifier(cfg, noRedirectClient(cfg.HTTPClient), 0)
}

// VerifyToken verifies one token against cfg; see Verifier.
func VerifyToken(ctx context.Context, cfg Config, token string) (*Session, error) {
	v, err := NewVerifier(cfg)
	if err != nil {
		return nil, err
	}
	return v.Verify(ctx, token)
}

// newVerifier builds a Verifier from a validated, defaulted cfg.
func newVerifier(cfg Config, hc *http.Client, refetch time.Duration) (*Verifier, error) {
	v := &Verifier{issuer: normaliseIssuer(cfg.SiteURL), leeway: cfg.Leeway, now: cfg.Now}
	for _, a := range cfg.Algorithms {
		v.algs = append(v.algs, jose.SignatureAlgorithm(a))
	}
	if cfg.JWKS != "" {
		keys, problems := parseStaticJWKS(cfg.JWKS, cfg.Algorithms)
		if len(problems) > 0 {
			return nil, fmt.Errorf("betterauth: static JWKS: %s", strings.Join(problems, "; "))
		}
		v.keys = &staticKeys{keys: keys}
	} else {
		v.keys = newRemoteKeys(cfg.jwksURL(), hc, cfg.Algorithms, refetch, cfg.Now)
	}
	return v, nil
}

// normaliseIssuer applies the Convex backend's rule before comparing
// issuers: a value without a scheme gets https://, and trailing slashes go.
func normaliseIssuer(iss string) string {
	if !strings.Contains(iss, "://") {
		iss = "https://" + iss
	}
	return strings.TrimRight(iss, "/")
}

// Verify checks token and returns the Session it describes. Every failure
// wraps ErrInvalidToken (or ErrJWKS when the keys cannot be fetched).
func (v *Verifier) Verify(ctx context.Context, token string) (*Session, error) {
	if len(token) > maxTokenBytes {
		return nil, invalidToken("token is %d bytes, more than %d", len(token), maxTokenBytes)
	}
	if !canonicalCompactJWS(token) {
		// One token, one spelling: sign-out denials and caches are keyed by it.
		return nil, invalidToken("token is not three canonical base64url segments")
	}
	jws, err := jose.ParseSignedCompact(token, v.algs)
	if err != nil {
		return nil, invalidToken("%v", err)
	}
	if len(jws.Signatures) != 1 {
		return nil, invalidToken("token has %d signatures", len(jws.Signatures))
	}
	h := jws.Signatures[0].Header
	if typ, ok := h.ExtraHeaders[jose.HeaderType].(string); ok {
		switch strings.ToLower(typ) {
		case "jwt", "application/jwt", "jose", "application/jose":
		default:
			return nil, invalidToken("typ %.64q is not a JWT", typ)
		}
	}
	// RFC 7797's "b64": false makes go-jose check the signature over the raw
	// payload, which the Convex backend does not; Better Auth sends neither
	// it nor "crit". Refusing both keeps "accepted here" = "accepted by Convex".
	for _, name := range []jose.HeaderKey{"b64", "crit"} {
		if _, ok := h.ExtraHeaders[name]; ok {
			return nil, invalidToken("header parameter %q is not accepted", name)
		}
	}
	key, err := v.keys.key(ctx, h.KeyID, h.Algorithm)
	if err != nil {
		return nil, err
	}
	payload, err := jws.Verify(key)
	if err != nil {
		return nil, rejectToken(ReasonBadSignature, "signature: %v", err)
	}
	return v.checkClaims(token, payload)
}

// checkClaims applies the claim rules to a verified payload.
func (v *Verifier) checkClaims(token string, payload []byte) (*Session, error) {
	rc, err := readClaims(payload)
	if err != nil {
		return nil, invalidToken("%v", err)
	}
	if rc.duplicate != "" {
		return nil, invalidToken("claim %s appears more than once", rc.duplicate)
	}
	iss := rc.iss.value
	if iss == "" || normaliseIssuer(iss) != v.issuer {
		return nil, rejectToken(ReasonWrongIssuer, "iss %.64q does not match the site URL %q", iss, v.issuer)
	}
	if !hasAudience(rc.aud) {
		return nil, rejectToken(ReasonWrongAudience, "aud %.64s does not contain %q", rc.aud, audience)
	}
	if rc.sub.value == "" {
		return nil, invalidToken("sub is missing")
	}
	now := v.now()
	exp, ok, err := timeClaim("exp", rc.exp)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, invalidToken("exp is missing")
	}
	if now.After(exp.Add(v.leeway)) {
		return nil, rejectToken(ReasonExpired, "expired at %s", exp.UTC().Format(time.RFC3339))
	}
	var issued time.Time
	for _, c := range [...]struct {
		name string
		raw  []byte
	}{{"nbf", rc.nbf}, {"iat", rc.iat}} {
		t, ok, err := timeClaim(c.name, c.raw)
		if err != nil {
			return nil, err
		}
		if ok && t.After(now.Add(v.leeway)) {
			return nil, rejectToken(ReasonNotYetValid, "%s %s is in the future", c.name, t.UTC().Format(time.RFC3339))
		}
		if ok && c.name == "iat" {
			issued = t
		}
		if ok && c.name == "iat" {
			issued = t
		}
	}
	return &Session{
		Token:     token,
		Subject:   rc.sub.value,
		SessionID: rc.sessionID.value,
		Email:     rc.email.value,
		Name:      rc.name.value,
		Expires:   exp,
		issued:    issued,
		payload:   &lazyClaims{payload: payload},
	}, nil
}

// timeClaim reads an optional NumericDate claim; a present claim that is
// not a finite number is an error, not "absent".
func timeClaim(name string, raw []byte) (time.Time, bool, error) {
	if raw == nil {
		return time.Time{}, false, nil
	}
	f, ok := numericDate(raw)
	if !ok {
		return time.Time{}, false, invalidToken("%s is not a NumericDate", name)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)), true, nil
}
