package convex

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// This file writes JSON text exactly as JavaScript's JSON.stringify does, so
// request bodies are byte-identical to the official client's.

const hexDigits = "0123456789abcdef"

// safeASCII marks the ASCII bytes JSON.stringify copies unescaped: everything
// from 0x20 up, DEL included, except '"' and '\\'. Unlike encoding/json it
// does not escape '<', '>' or '&'.
var safeASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendString appends s as a JSON string literal. U+2028 and U+2029 stay
// raw (JSON.stringify leaves them); invalid UTF-8, which a JavaScript string
// cannot hold, becomes U+FFFD as TextDecoder would make it.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendNumber appends a finite float as JavaScript's Number.prototype.toString
// writes it: the shortest representation that round-trips, in plain decimal
// from 1e-6 up to 1e21 and in exponent form ("1e+21", "5e-324") outside.
// Go's shortest formatting matches the ECMAScript algorithm digit for digit.
func appendNumber(b []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// Go writes a two-digit exponent ("1e-07"); JavaScript does not ("1e-7").
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
