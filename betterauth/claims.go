package betterauth

import (
	"encoding/json"
	"strconv"
	"strings"
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
	payload       []byte // what readClaims reads
}

// jsonString is a string claim: set when present and a JSON string.
type jsonString struct {
	value   string
	present bool // the key was present, whatever its type
	// inPlace marks a string without escapes, whose value is still
	// payload[start:end]: readClaims copies all of them into one string at
	// the end, one allocation instead of one per claim.
	inPlace    bool
	start, end int
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
	rc := registeredClaims{payload: p}
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
	rc.copyStrings()
	return rc, nil
}

// copyStrings gives the in-place string claims their values, all cut from
// one string holding their bytes end to end.
func (rc *registeredClaims) copyStrings() {
	claims := [...]*jsonString{&rc.iss, &rc.sub, &rc.sessionID, &rc.email, &rc.name}
	n := 0
	for _, c := range claims {
		if c.inPlace {
			n += c.end - c.start
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range claims {
		if c.inPlace {
			b.Write(rc.payload[c.start:c.end])
		}
	}
	all := b.String()
	for _, c := range claims {
		if c.inPlace {
			c.value, all = all[:c.end-c.start], all[c.end-c.start:]
			c.inPlace = false
		}
	}
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
		bit, rc.iss = seenIss, rc.stringClaim(value)
	case "sub":
		bit, rc.sub = seenSub, rc.stringClaim(value)
	case "aud":
		bit, rc.aud = seenAud, value
	case "exp":
		bit, rc.exp = seenExp, value
	case "nbf":
		bit, rc.nbf = seenNbf, value
	case "iat":
		bit, rc.iat = seenIat, value
	case "sessionId":
		rc.sessionID = rc.stringClaim(value)
	case "email":
		rc.email = rc.stringClaim(value)
	case "name":
		rc.name = rc.stringClaim(value)
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
// present but empty, as a type assertion on a decoded map would. value is
// a subslice of rc.payload.
func (rc *registeredClaims) stringClaim(value []byte) jsonString {
	if len(value) == 0 || value[0] != '"' {
		return jsonString{present: true}
	}
	if !isPlain(value[1 : len(value)-1]) {
		s, _ := decodeString(value) // valid JSON: cannot fail
		return jsonString{value: s, present: true}
	}
	// value is rc.payload[i:j], so cap(value) = cap(rc.payload)-i; the
	// contents sit between the quotes.
	start := cap(rc.payload) - cap(value) + 1
	return jsonString{present: true, inPlace: true, start: start, end: start + len(value) - 2}
}

// isAudience reports whether the quoted JSON string is "convex", without
// building the string when it needs no decoding.
func isAudience(quoted []byte) bool {
	inner := quoted[1 : len(quoted)-1]
	if isPlain(inner) {
		return string(inner) == audience
	}
	s, _ := decodeString(quoted) // validated by readClaims
	return s == audience
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
		return isAudience(raw)
	case raw[0] != '[':
		return false
	}
	i := skipSpace(raw, 1)
	for i < len(raw) && raw[i] != ']' {
		end, _ := scanValue(raw, i, 1) // validated by readClaims
		if raw[i] == '"' && isAudience(raw[i:end]) {
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
