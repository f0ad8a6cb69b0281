package main

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"time"
)

// signer issues JWTs shaped like the ones @convex-dev/better-auth signs:
// header {"alg","kid"} without typ, Better Auth's claims.
type signer struct {
	alg  string
	kid  string
	sign func(signingInput []byte) []byte
	jwk  map[string]any // the public key as it appears in the JWKS
}

// newRSASigner makes an RS256 signer with a fresh 2048-bit key, the
// algorithm and size @convex-dev/better-auth ≥ 0.10 uses.
func newRSASigner(kid string) (*signer, *rsa.PublicKey, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, nil, fmt.Errorf("generating RSA key: %w", err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	return &signer{
		alg: "RS256", kid: kid,
		sign: func(in []byte) []byte {
			h := sha256.Sum256(in)
			sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, h[:])
			if err != nil {
				panic(err) // only fails for keys too small for SHA-256
			}
			return sig
		},
		jwk: map[string]any{"alg": "RS256", "kty": "RSA", "kid": kid,
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes())},
	}, &key.PublicKey, nil
}

// newEdDSASigner makes an Ed25519 signer, which signs ~80× faster than
// RSA and so can mint the 100k distinct tokens of the memory section quickly.
func newEdDSASigner(kid string) (*signer, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating Ed25519 key: %w", err)
	}
	return &signer{
		alg: "EdDSA", kid: kid,
		sign: func(in []byte) []byte { return ed25519.Sign(priv, in) },
		jwk: map[string]any{"alg": "EdDSA", "kty": "OKP", "crv": "Ed25519", "kid": kid,
			"x": base64.RawURLEncoding.EncodeToString(pub)},
	}, nil
}

// token signs claims.
func (s *signer) token(claims map[string]any) (string, error) {
	header, err := json.Marshal(map[string]string{"alg": s.alg, "kid": s.kid})
	if err != nil {
		return "", err
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encoding claims: %w", err)
	}
	b64 := base64.RawURLEncoding
	input := b64.EncodeToString(header) + "." + b64.EncodeToString(payload)
	return input + "." + b64.EncodeToString(s.sign([]byte(input))), nil
}

// jwks is the JSON Web Key Set holding the signer's public key.
func (s *signer) jwks() string {
	data, err := json.Marshal(map[string]any{"keys": []any{s.jwk}})
	if err != nil {
		panic(err) // a map of strings always marshals
	}
	return string(data)
}

// betterAuthClaims are the claims Better Auth's convex plugin puts in a
// token for user i (reference/better-auth-internals.md §2), valid for ttl.
func betterAuthClaims(issuer string, i int, now time.Time, ttl time.Duration) map[string]any {
	ms := now.UnixMilli()
	return map[string]any{
		"iat":           now.Unix(),
		"name":          fmt.Sprintf("Bench User %d", i),
		"email":         fmt.Sprintf("user%d@example.com", i),
		"emailVerified": false,
		"createdAt":     ms,
		"updatedAt":     ms,
		"sessionId":     fmt.Sprintf("session%024d", i),
		"sub":           fmt.Sprintf("user%027d", i),
		"exp":           now.Add(ttl).Unix(),
		"iss":           issuer,
		"aud":           "convex",
	}
}
