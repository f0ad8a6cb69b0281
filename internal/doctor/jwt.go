package doctor

import (
	"crypto"
	_ "crypto/sha256" // for JWK thumbprints
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

const cryptoSHA256 = crypto.SHA256

// jwtParts is a JWT's header and claims, decoded without verification so
// doctor can explain a token it cannot verify.
type jwtParts struct {
	Alg string
	Kid string
	Iss string
	Aud []string
	Sub string
	Exp time.Time // zero when absent
	Iat time.Time
}

func decodeJWT(raw string) (*jwtParts, error) {
	segs := strings.Split(raw, ".")
	if len(segs) != 3 {
		return nil, fmt.Errorf("a JWT has 3 dot-separated parts, this has %d", len(segs))
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := decodeSegment(segs[0], &header); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	var claims struct {
		Iss string          `json:"iss"`
		Aud json.RawMessage `json:"aud"`
		Sub string          `json:"sub"`
		Exp json.Number     `json:"exp"`
		Iat json.Number     `json:"iat"`
	}
	if err := decodeSegment(segs[1], &claims); err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	p := &jwtParts{Alg: header.Alg, Kid: header.Kid, Iss: claims.Iss, Sub: claims.Sub}
	if len(claims.Aud) > 0 {
		var one string
		if json.Unmarshal(claims.Aud, &one) == nil {
			p.Aud = []string{one}
		} else if err := json.Unmarshal(claims.Aud, &p.Aud); err != nil {
			return nil, errors.New("claims: aud is neither a string nor a list of strings")
		}
	}
	p.Exp = unixClaim(claims.Exp)
	p.Iat = unixClaim(claims.Iat)
	return p, nil
}

func decodeSegment(seg string, v any) error {
	data, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return fmt.Errorf("not base64url: %w", err)
	}
	if !strings.HasPrefix(strings.TrimSpace(string(data)), "{") {
		return errors.New("not a JSON object")
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return nil
}

func unixClaim(n json.Number) time.Time {
	if n == "" {
		return time.Time{}
	}
	f, err := n.Float64()
	if err != nil {
		return time.Time{}
	}
	return time.Unix(int64(f), 0)
}

func (p *jwtParts) hasAudience(aud string) bool {
	for _, a := range p.Aud {
		if a == aud {
			return true
		}
	}
	return false
}

// signature returns the JWT's third part, so it can be kept out of the report.
func signature(raw string) string {
	if i := strings.LastIndexByte(raw, '.'); i >= 0 {
		return raw[i+1:]
	}
	return ""
}
