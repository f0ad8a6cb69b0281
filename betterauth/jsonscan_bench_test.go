package betterauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// benchPayload is the payload of a JWT that @convex-dev/better-auth mints
// (its user fields inlined), as readClaims meets it on every cold request.
var benchPayload = []byte(`{"iat":1733440000,"name":"Ada Lovelace","email":"ada@example.com","emailVerified":true,` +
	`"image":null,"createdAt":"2024-12-05T23:00:00.000Z","updatedAt":"2024-12-05T23:00:00.000Z",` +
	`"userId":"k17a2b3c4d5e6f7g8h9j0k1m2n3p4q5r","sessionId":"q5r6s7t8u9v0w1x2y3z4a5b6c7d8e9f0",` +
	`"iss":"https://happy-otter-123.convex.site","aud":"convex","exp":1733440900,"sub":"k17a2b3c4d5e6f7g8h9j0k1m2n3p4q5r"}`)

// stdlibClaims is what readClaims would be on encoding/json: one pass with
// a Decoder over the top-level keys to refuse a repeated checked claim (v1
// keeps the last copy silently), then Unmarshal into the claims it reads.
func stdlibClaims(p []byte) (registered, error) {
	var rc registered
	dec := json.NewDecoder(bytes.NewReader(p))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return rc, errPayloadNotObject
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return rc, err
		}
		key := tok.(string)
		switch key {
		case "iss", "sub", "aud", "exp", "nbf", "iat":
			if seen[key] {
				return rc, errors.New("duplicate claim " + key)
			}
			seen[key] = true
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return rc, err
		}
	}
	return rc, json.Unmarshal(p, &rc)
}

type registered struct {
	Iss       string          `json:"iss"`
	Sub       string          `json:"sub"`
	Aud       json.RawMessage `json:"aud"`
	Exp       json.Number     `json:"exp"`
	Nbf       json.Number     `json:"nbf"`
	Iat       json.Number     `json:"iat"`
	SessionID string          `json:"sessionId"`
	Email     string          `json:"email"`
	Name      string          `json:"name"`
}

// BenchmarkClaimsPayload compares readClaims (jsonscan.go) with
// encoding/json plus a duplicate-key check on the same payload; the
// jsonv2 row (jsonscan_v2_bench_test.go) needs GOEXPERIMENT=jsonv2.
func BenchmarkClaimsPayload(b *testing.B) {
	b.Run("jsonscan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := readClaims(benchPayload); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := stdlibClaims(benchPayload); err != nil {
				b.Fatal(err)
			}
		}
	})
}
