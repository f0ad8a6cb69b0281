package authtest

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"math/big"
)

// signingKey is one row of the plugin's jwks table.
type signingKey struct {
	kid     string
	private *rsa.PrivateKey
}

// newSigningKey generates what jose generateKeyPair("RS256") gives the
// plugin: a 2048-bit RSA key with e=65537, identified by a random row id.
func newSigningKey() (*signingKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("authtest: generating RSA key: %w", err)
	}
	return &signingKey{kid: randomID(32), private: priv}, nil
}

// publicJWK is a JWKS entry with the plugin's key order: alg, kty, n, e, kid
// (crv is omitted for RSA and there is no "use").
type publicJWK struct {
	Alg string `json:"alg"`
	Kty string `json:"kty"`
	N   string `json:"n"`
	E   string `json:"e"`
	Kid string `json:"kid"`
}

func (k *signingKey) publicJWK() publicJWK {
	pub := k.private.PublicKey
	return publicJWK{
		Alg: "RS256",
		Kty: "RSA",
		N:   base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		Kid: k.kid,
	}
}

// jwksDocument is the body of {basePath}/convex/jwks.
type jwksDocument struct {
	Keys []publicJWK `json:"keys"`
}

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomID returns an id like better-auth's generateId: n characters from
// [A-Za-z0-9].
func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b) // crypto/rand.Read never fails
	for i := range b {
		// 256 % 62 leaves a small bias, irrelevant for test identifiers.
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// randomHex returns n random lowercase hex digits, like a Convex request id.
func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	rand.Read(b)
	return fmt.Sprintf("%x", b)[:n]
}
