package authtest

import (
	"maps"
	"slices"
)

// Identity is what ctx.auth.getUserIdentity() returns inside a Convex
// function for a verified custom JWT. Handlers receive nil for anonymous calls.
type Identity struct {
	// TokenIdentifier is "<iss>|<sub>", with iss exactly as in the token.
	TokenIdentifier string
	// Issuer is the token's iss claim.
	Issuer string
	// Subject is the token's sub claim: the Better Auth user id.
	Subject string
	// Claims holds every other claim except the registered ones (aud, exp,
	// nbf, iat, jti, fva), flattened as the backend does: nested objects
	// become dotted keys ({"org":{"id":7}} → "org.id": 7). For Better Auth
	// tokens these are name, email, emailVerified, createdAt, updatedAt and
	// sessionId. Numbers are float64.
	Claims map[string]any
}

// String returns the string field name of the identity object, as
// identity[name] reads it in a Convex function: "tokenIdentifier", "issuer",
// "subject", or a claim from Claims. It returns "" when the field is absent
// or not a string; note that the object has "subject", not "sub".
func (id *Identity) String(name string) string {
	switch name {
	case "tokenIdentifier":
		return id.TokenIdentifier
	case "issuer":
		return id.Issuer
	case "subject":
		return id.Subject
	}
	s, _ := id.Claims[name].(string)
	return s
}

// Email returns the email claim.
func (id *Identity) Email() string { return id.String("email") }

// Name returns the name claim.
func (id *Identity) Name() string { return id.String("name") }

// SessionID returns the sessionId claim Better Auth adds.
func (id *Identity) SessionID() string { return id.String("sessionId") }

// registeredClaims are dropped from a custom JWT's identity.
var registeredClaims = map[string]bool{
	"iss": true, "sub": true, "aud": true, "exp": true, "nbf": true, "iat": true, "jti": true, "fva": true,
}

// identityFromClaims builds the identity of a verified token's payload.
func identityFromClaims(payload map[string]any) *Identity {
	iss, _ := payload["iss"].(string)
	sub, _ := payload["sub"].(string)
	claims := map[string]any{}
	for name, value := range payload {
		if !registeredClaims[name] {
			flattenClaim(claims, name, value)
		}
	}
	return &Identity{TokenIdentifier: iss + "|" + sub, Issuer: iss, Subject: sub, Claims: claims}
}

func flattenClaim(dst map[string]any, name string, value any) {
	obj, ok := value.(map[string]any)
	if !ok {
		dst[name] = value
		return
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		flattenClaim(dst, name+"."+k, obj[k])
	}
}
