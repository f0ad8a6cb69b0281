package authtest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// tokenClaims is the payload of a Better Auth Convex JWT. The field order is
// the order the real plugin writes them in: iat, then the user fields
// (definePayload), sessionId, sub, then exp, iss and aud added by jose.
// createdAt and updatedAt are epoch milliseconds, as @convex-dev/better-auth
// ≥ 0.11.2 returns dates from its Convex adapter.
type tokenClaims struct {
	Iat           int64  `json:"iat"`
	Name          string `json:"name"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"emailVerified"`
	CreatedAt     int64  `json:"createdAt"`
	UpdatedAt     int64  `json:"updatedAt"`
	Role          string `json:"role,omitempty"` // admin plugin's user field, after the core ones
	SessionID     string `json:"sessionId"`
	Sub           string `json:"sub"`
	Exp           int64  `json:"exp"`
	Iss           string `json:"iss"`
	Aud           string `json:"aud"`
}

// signToken signs claims with key as the plugin does: header exactly
// {"alg":"RS256","kid":"<row id>"}, no typ.
func signToken(key *signingKey, claims any) (string, error) {
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("authtest: encoding claims: %w", err)
	}
	signer, err := jose.NewSigner(
		jose.SigningKey{Algorithm: jose.RS256, Key: key.private},
		(&jose.SignerOptions{}).WithHeader(jose.HeaderKey("kid"), key.kid),
	)
	if err != nil {
		return "", fmt.Errorf("authtest: creating signer: %w", err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", fmt.Errorf("authtest: signing token: %w", err)
	}
	return jws.CompactSerialize()
}

// claimsFor builds the claims the plugin puts in a token for u's session s at now.
func (d *Deployment) claimsFor(u *user, s *session, now time.Time) tokenClaims {
	iat := now.Unix()
	return tokenClaims{
		Iat:           iat,
		Name:          u.name,
		Email:         u.email,
		EmailVerified: u.emailVerified,
		CreatedAt:     u.createdAt.UnixMilli(),
		UpdatedAt:     u.updatedAt.UnixMilli(),
		Role:          u.role,
		SessionID:     s.id,
		Sub:           u.id,
		Exp:           iat + int64(d.settings.tokenLifetime/time.Second),
		Iss:           d.issuer(),
		Aud:           "convex",
	}
}
