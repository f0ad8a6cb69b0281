package interop

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-jose/go-jose/v4"
)

// dynamicKeys are JSON members whose values differ on every run (ids, random
// tokens, key material); observations keep only their type.
var dynamicKeys = map[string]bool{
	"token": true, "id": true, "userId": true, "kid": true, "n": true, "sub": true, "sessionId": true,
}

// observation renders a response with everything that must agree between
// implementations and nothing that legitimately differs: the status, each
// Set-Cookie with its value reduced to "<value>" or "" (names and attributes
// verbatim), and the body's shape (key order, JSON types, and every value
// except ids, tokens, numbers, and the site URL, which becomes "<site>").
func observation(r response, site string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "status %d\n", r.status)
	for _, sc := range r.setCookies {
		name, value, attrs := splitSetCookie(sc)
		if value != "" {
			value = "<value>"
		}
		fmt.Fprintf(&b, "set-cookie %s=%s;%s\n", name, value, attrs)
	}
	fmt.Fprintf(&b, "body %s\n", shape(r.body, site))
	return b.String()
}

// shape renders a JSON document as described for observation; a non-JSON
// body is kept verbatim.
func shape(body, site string) string {
	if body == "" {
		return "<empty>"
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var b strings.Builder
	if err := shapeValue(dec, &b, "", site); err != nil {
		return "<not JSON> " + body
	}
	return b.String()
}

func shapeValue(dec *json.Decoder, b *strings.Builder, key, site string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			b.WriteByte('{')
			for i := 0; dec.More(); i++ {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(b, "%q:", k)
				if err := shapeValue(dec, b, k.(string), site); err != nil {
					return err
				}
			}
			b.WriteByte('}')
		case '[':
			b.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				if err := shapeValue(dec, b, key, site); err != nil {
					return err
				}
			}
			b.WriteByte(']')
		}
		_, err := dec.Token() // the closing delimiter
		return err
	case string:
		switch {
		case dynamicKeys[key]:
			b.WriteString("<string>")
		case strings.HasPrefix(v, site):
			fmt.Fprintf(b, "%q", "<site>"+strings.TrimPrefix(v, site))
		default:
			fmt.Fprintf(b, "%q", v)
		}
	case json.Number:
		b.WriteString("<number>")
	case nil:
		b.WriteString("null")
	default:
		fmt.Fprintf(b, "%v", v)
	}
	return nil
}

// jwtObservation describes a Convex JWT: the header's members, every claim
// with its JSON type in order, the lifetime, iss relative to the site URL,
// aud, and whether the signature verifies against the target's JWKS.
func jwtObservation(token, site string, jwks []byte) string {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "not a JWT: " + token
	}
	header, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	payload, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	if err1 != nil || err2 != nil {
		return "bad base64: " + token
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "bad payload: " + string(payload)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "jwt header %s\n", shape(string(header), site))
	fmt.Fprintf(&b, "jwt claims %s\n", claimTypes(string(payload)))
	exp, _ := claims["exp"].(float64)
	iat, _ := claims["iat"].(float64)
	fmt.Fprintf(&b, "jwt exp-iat %v, iss %s, aud %v\n", exp-iat, strings.Replace(fmt.Sprint(claims["iss"]), site, "<site>", 1), claims["aud"])
	fmt.Fprintf(&b, "jwt verifies against JWKS: %v\n", verifies(token, jwks))
	return b.String()
}

// claimTypes lists a payload's claims in order with their JSON types.
func claimTypes(payload string) string {
	dec := json.NewDecoder(strings.NewReader(payload))
	dec.Token()
	var out []string
	for dec.More() {
		k, _ := dec.Token()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return "bad payload"
		}
		out = append(out, fmt.Sprintf("%s:%s", k, jsonType(v)))
	}
	return strings.Join(out, " ")
}

func jsonType(v json.RawMessage) string {
	switch c := strings.TrimSpace(string(v))[0]; {
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	default:
		return "number"
	}
}

func verifies(token string, jwks []byte) bool {
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(jwks, &set); err != nil {
		return false
	}
	jws, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil || len(jws.Signatures) != 1 {
		return false
	}
	keys := set.Key(jws.Signatures[0].Header.KeyID)
	if len(keys) != 1 {
		return false
	}
	_, err = jws.Verify(keys[0])
	return err == nil
}
