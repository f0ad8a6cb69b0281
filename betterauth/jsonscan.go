package betterauth

import (
	"errors"
	"strconv"
)

// A small JSON validator for JWT payloads. readClaims walks the payload
// once with it, validating as it goes, instead of running json.Valid first
// and walking a second time. It accepts exactly what encoding/json accepts
// (FuzzReadClaims checks that against encoding/json on arbitrary input),
// including its nesting limit, and it also refuses numbers that do not fit
// a float64, which encoding/json refuses when decoding into a map.

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

var (
	errPayloadNotObject = errors.New("payload is not a JSON object")
	errNumberRange      = errors.New("payload has a number that does not fit a float64")
)

// scanValue validates the value starting at p[i], nested depth containers
// deep, and returns the index just past it.
func scanValue(p []byte, i, depth int) (int, error) {
	if i >= len(p) {
		return i, errPayloadNotObject
	}
	switch c := p[i]; {
	case c == '{':
		return scanObject(p, i, depth+1)
	case c == '[':
		return scanArray(p, i, depth+1)
	case c == '"':
		return scanString(p, i)
	case c == '-' || isDigit(c):
		return scanNumber(p, i)
	case c == 't':
		return scanLiteral(p, i, "true")
	case c == 'f':
		return scanLiteral(p, i, "false")
	case c == 'n':
		return scanLiteral(p, i, "null")
	}
	return i, errPayloadNotObject
}

// scanObject validates the object whose '{' is at p[i].
func scanObject(p []byte, i, depth int) (int, error) {
	if depth > maxJSONDepth {
		return i, errPayloadNotObject
	}
	return scanMembers(p, i, func(_, _ []byte) error { return nil }, depth)
}

// scanMembers validates the object whose '{' is at p[i], calling member
// with each quoted key and raw value, and returns the index past its '}'.
func scanMembers(p []byte, i int, member func(key, value []byte) error, depth int) (int, error) {
	i = skipSpace(p, i+1)
	if i < len(p) && p[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(p) || p[i] != '"' {
			return i, errPayloadNotObject
		}
		keyEnd, err := scanString(p, i)
		if err != nil {
			return i, err
		}
		key := p[i:keyEnd]
		i = skipSpace(p, keyEnd)
		if i >= len(p) || p[i] != ':' {
			return i, errPayloadNotObject
		}
		start := skipSpace(p, i+1)
		end, err := scanValue(p, start, depth)
		if err != nil {
			return end, err
		}
		if err := member(key, p[start:end]); err != nil {
			return end, err
		}
		i = skipSpace(p, end)
		switch {
		case i >= len(p):
			return i, errPayloadNotObject
		case p[i] == '}':
			return i + 1, nil
		case p[i] != ',':
			return i, errPayloadNotObject
		}
		i = skipSpace(p, i+1)
	}
}

// scanArray validates the array whose '[' is at p[i].
func scanArray(p []byte, i, depth int) (int, error) {
	if depth > maxJSONDepth {
		return i, errPayloadNotObject
	}
	i = skipSpace(p, i+1)
	if i < len(p) && p[i] == ']' {
		return i + 1, nil
	}
	for {
		end, err := scanValue(p, i, depth)
		if err != nil {
			return end, err
		}
		i = skipSpace(p, end)
		switch {
		case i >= len(p):
			return i, errPayloadNotObject
		case p[i] == ']':
			return i + 1, nil
		case p[i] != ',':
			return i, errPayloadNotObject
		}
		i = skipSpace(p, i+1)
	}
}

// scanString validates the string whose quote is at p[i]. Like
// encoding/json it accepts invalid UTF-8 (decoding replaces it).
func scanString(p []byte, i int) (int, error) {
	for i++; i < len(p); i++ {
		switch c := p[i]; {
		case c == '"':
			return i + 1, nil
		case c < 0x20:
			return i, errPayloadNotObject
		case c == '\\':
			i++
			if i >= len(p) {
				return i, errPayloadNotObject
			}
			switch p[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) || !isHex(p[i+3]) || !isHex(p[i+4]) {
					return i, errPayloadNotObject
				}
				i += 4
			default:
				return i, errPayloadNotObject
			}
		}
	}
	return i, errPayloadNotObject
}

// scanNumber validates the number starting at p[i] and its float64 range.
func scanNumber(p []byte, i int) (int, error) {
	start := i
	if p[i] == '-' {
		i++
	}
	switch {
	case i < len(p) && p[i] == '0':
		i++
	case i < len(p) && p[i] >= '1' && p[i] <= '9':
		i = skipDigits(p, i)
	default:
		return i, errPayloadNotObject
	}
	if i < len(p) && p[i] == '.' {
		if i++; i >= len(p) || !isDigit(p[i]) {
			return i, errPayloadNotObject
		}
		i = skipDigits(p, i)
	}
	exponent := i < len(p) && (p[i] == 'e' || p[i] == 'E')
	if exponent {
		if i++; i < len(p) && (p[i] == '+' || p[i] == '-') {
			i++
		}
		if i >= len(p) || !isDigit(p[i]) {
			return i, errPayloadNotObject
		}
		i = skipDigits(p, i)
	}
	// Without an exponent, 300 characters cannot reach 1e308: only then
	// is parsing needed to know whether the number fits.
	if exponent || i-start > 300 {
		if _, err := strconv.ParseFloat(string(p[start:i]), 64); err != nil {
			return i, errNumberRange
		}
	}
	return i, nil
}

func scanLiteral(p []byte, i int, literal string) (int, error) {
	if len(p)-i < len(literal) || string(p[i:i+len(literal)]) != literal {
		return i, errPayloadNotObject
	}
	return i + len(literal), nil
}

func skipSpace(p []byte, i int) int {
	for i < len(p) && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r') {
		i++
	}
	return i
}

func skipDigits(p []byte, i int) int {
	for i < len(p) && isDigit(p[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}
