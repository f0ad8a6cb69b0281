package betterauth

import (
	"encoding/json"
	"strconv"
)

// registeredClaims are the claims Verify checks and Session exposes, read
// straight from the verified payload. Decoding every claim into a map is a
// tenth of a cold verification, and most requests never look at the other
// claims, so Session.Claims decodes them only when asked.
type registeredClaims struct {
	iss, sub      jsonString
	sessionID     jsonString
	email, name   jsonString
	aud           []byte // raw JSON value; nil when absent
	exp, nbf, iat []byte // raw JSON values; nil when absent
	seen          uint8  // bit set of the checked claims met so far
	duplicate     string // first checked claim that appears twice
}

// jsonString is a string claim: set when present and a JSON string.
type jsonString struct {
	value   string
	present bool // the key was present, whatever its type
}

// Bits of registeredClaims.seen for the claims whose duplicates are refused.
const (
	seenIss = 1 << iota
	seenSub
	seenAud
	seenExp
	seenNbf
	seenIat
)

// readClaims extracts the registered claims from a JWT payload in one
// validating pass (jsonscan.go) without building a map. The payload must be exactly what encoding/json
// accepts as an object whose numbers all fit a float64 (as the Convex
// backend's parser requires), so that Session.Claims can decode it later
// without failing. Keys are matched exactly, after JSON unescaping, as a map
// decode would match them. A checked claim (iss, sub, aud, exp, nbf, iat)
// that appears twice is refused: parsers disagree on which copy wins.
func readClaims(p []byte) (registeredClaims, error) {
	var rc registeredClaims
	i := skipSpace(p, 0)
	if i >= len(p) || p[i] != '{' {
		return rc, errPayloadNotObject
	}
	end, err := scanMembers(p, i, rc.set, 1)
	if err != nil {
		return rc, err
	}
	if skipSpace(p, end) != len(p) {
		return rc, errPayloadNotObject
	}
	return rc, nil
}

// set records value under the quoted JSON key if it is a claim we read.
func (rc *registeredClaims) set(quotedKey, value []byte) error {
	inner := quotedKey[1 : len(quotedKey)-1]
	if !isPlain(inner) {
		key, err := decodeString(quotedKey)
		if err != nil {
			return err
		}
		inner = []byte(key)
	}
	var bit uint8
	switch string(inner) { // compiled without allocating
	case "iss":
		bit, rc.iss = seenIss, stringClaim(value)
	case "sub":
		bit, rc.sub = seenSub, stringClaim(value)
	case "aud":
		bit, rc.aud = seenAud, value
	case "exp":
		bit, rc.exp = seenExp, value
	case "nbf":
		bit, rc.nbf = seenNbf, value
	case "iat":
		bit, rc.iat = seenIat, value
	case "sessionId":
		rc.sessionID = stringClaim(value)
	case "email":
		rc.email = stringClaim(value)
	case "name":
		rc.name = stringClaim(value)
	}
	if bit != 0 {
		if rc.seen&bit != 0 && rc.duplicate == "" {
			rc.duplicate = string(inner)
		}
		rc.seen |= bit
	}
	return nil
}

// stringClaim reads a claim that should be a string; other types count as
// present but empty, as a type assertion on a decoded map would.
func stringClaim(value []byte) jsonString {
	if len(value) == 0 || value[0] != '"' {
		return jsonString{present: true}
	}
	s, ok := plainString(value)
	if !ok {
		s, _ = decodeString(value) // valid JSON: cannot fail
	}
	return jsonString{value: s, present: true}
}

// plainString returns the contents of a quoted JSON string that holds only
// ASCII without escapes, the common case, which needs no decoding.
func plainString(quoted []byte) (string, bool) {
	inner := quoted[1 : len(quoted)-1]
	if !isPlain(inner) {
		return "", false
	}
	return string(inner), true
}

// isPlain reports whether the inside of a JSON string is its own value:
// no escapes, and ASCII only (so no invalid UTF-8 to replace).
func isPlain(inner []byte) bool {
	for _, c := range inner {
		if c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}

// decodeString decodes a quoted JSON string with escapes or non-ASCII
// bytes exactly as encoding/json does (invalid UTF-8 becomes U+FFFD).
func decodeString(quoted []byte) (string, error) {
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		return "", errPayloadNotObject
	}
	return s, nil
}

// hasAudience reports whether the raw aud value is "convex" or an array
// containing it.
func hasAudience(raw []byte) bool {
	switch {
	case len(raw) == 0:
		return false
	case raw[0] == '"':
		return stringClaim(raw).value == audience
	case raw[0] != '[':
		return false
	}
	i := skipSpace(raw, 1)
	for i < len(raw) && raw[i] != ']' {
		end, _ := scanValue(raw, i, 1) // validated by readClaims
		if raw[i] == '"' && stringClaim(raw[i:end]).value == audience {
			return true
		}
		i = skipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return false
}

// numericDate parses a raw NumericDate value: a finite, non-negative JSON
// number below 2^40 seconds.
func numericDate(raw []byte) (float64, bool) {
	if len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || f < 0 || f > 1<<40 {
		return 0, false
	}
	return f, true
}
