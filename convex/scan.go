package convex

import (
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeState reads JSON in one pass, straight into Go values: there is no
// separate validation pass and no intermediate tree.
type decodeState struct {
	data    []byte
	off     int
	size    int64  // Convex size of what was read so far (see MaxValueSize)
	scratch []byte // unescaped string contents
}

func (d *decodeState) syntaxError(format string, args ...any) error {
	return &SyntaxError{Offset: int64(d.off), msg: fmt.Sprintf(format, args...)}
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (d *decodeState) peek() byte {
	for d.off < len(d.data) {
		switch c := d.data[d.off]; c {
		case ' ', '\t', '\n', '\r':
			d.off++
		default:
			return c
		}
	}
	return 0
}

func (d *decodeState) describe(c byte) string {
	switch {
	case c == 0:
		return "end of input"
	case c < 0x20 || c >= 0x7f:
		return fmt.Sprintf("byte %#x", c)
	default:
		return fmt.Sprintf("%q", c)
	}
}

// expect consumes c (after whitespace).
func (d *decodeState) expect(c byte) error {
	if got := d.peek(); got != c {
		return d.syntaxError("expected %q, found %s", c, d.describe(got))
	}
	d.off++
	return nil
}

func (d *decodeState) readLiteral(lit string) error {
	if len(d.data)-d.off < len(lit) || string(d.data[d.off:d.off+len(lit)]) != lit {
		return d.syntaxError("invalid literal, expected %s", lit)
	}
	d.off += len(lit)
	return nil
}

// readString reads a string literal at d.off and returns its unescaped
// UTF-8 contents. The result aliases the input or d.scratch and is valid
// only until the next readString.
func (d *decodeState) readString() ([]byte, error) {
	if d.peek() != '"' {
		return nil, d.syntaxError("expected string, found %s", d.describe(d.peek()))
	}
	d.off++
	start := d.off
	// Fast path: no escapes, ASCII or valid UTF-8.
	for i := start; i < len(d.data); {
		c := d.data[i]
		switch {
		case c == '"':
			d.off = i + 1
			return d.data[start:i], nil
		case c == '\\':
			return d.readStringSlow(start, i)
		case c < 0x20:
			d.off = i
			return nil, d.syntaxError("invalid control character %#x in string", c)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size == 1 {
				return d.readStringSlow(start, i)
			}
			i += size
		}
	}
	d.off = len(d.data)
	return nil, d.syntaxError("unterminated string")
}

// readStringSlow unescapes into d.scratch from i on, having copied the clean
// prefix data[start:i]. Lone surrogates and invalid UTF-8 become U+FFFD, as
// they would in a Go string built by encoding/json.
func (d *decodeState) readStringSlow(start, i int) ([]byte, error) {
	buf := append(d.scratch[:0], d.data[start:i]...)
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.off = i + 1
			d.scratch = buf
			return buf, nil
		case c < 0x20:
			d.off = i
			return nil, d.syntaxError("invalid control character %#x in string", c)
		case c == '\\':
			if i+1 >= len(d.data) {
				d.off = i
				return nil, d.syntaxError("unterminated string escape")
			}
			switch e := d.data[i+1]; {
			case unescaped[e] != 0:
				buf = append(buf, unescaped[e])
				i += 2
			case e == 'u':
				r, ok := hex4(d.data, i+2)
				if !ok {
					d.off = i
					return nil, d.syntaxError(`invalid \u escape`)
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(d.data, i+2); ok && i+1 < len(d.data) && d.data[i] == '\\' && d.data[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							i += 6
							buf = utf8.AppendRune(buf, dec)
							continue
						}
					}
					r = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r)
			default:
				d.off = i
				return nil, d.syntaxError("invalid escape character %q", e)
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size == 1 {
				buf = append(buf, "\uFFFD"...)
			} else {
				buf = append(buf, d.data[i:i+size]...)
			}
			i += size
		}
	}
	d.off = len(d.data)
	d.scratch = buf
	return nil, d.syntaxError("unterminated string")
}

// unescaped maps the character after a backslash to the byte it stands for,
// or 0 where it is not a one-character escape.
var unescaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// readNumber returns the text of the number at d.off, checked against the
// JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *decodeState) readNumber() ([]byte, error) {
	start, i, b := d.off, d.off, d.data
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		for i++; i < len(b) && isDigit(b[i]); i++ {
		}
	default:
		d.off = i
		return nil, d.syntaxError("invalid number")
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || !isDigit(b[i]) {
			d.off = i
			return nil, d.syntaxError("invalid number: digit expected after decimal point")
		}
		for ; i < len(b) && isDigit(b[i]); i++ {
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			d.off = i
			return nil, d.syntaxError("invalid number: digit expected in exponent")
		}
		for ; i < len(b) && isDigit(b[i]); i++ {
		}
	}
	d.off = i
	return b[start:i], nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// base64Rev maps a base64 character to its 6-bit value, or 0xff. Like the
// decoder in convex/values it accepts both the standard and the URL-safe
// alphabet; unlike it, it rejects characters from neither.
var base64Rev = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range len(std) {
		t[std[i]] = byte(i)
	}
	t['-'], t['_'] = 62, 63
	return t
}()

// decodeBase64 appends the decoding of src to dst. The length must be a
// multiple of 4 (padded), as convex/values requires.
func decodeBase64(dst, src []byte) ([]byte, error) {
	if len(src)%4 != 0 {
		return dst, fmt.Errorf("invalid base64 %.20q: length must be a multiple of 4", src)
	}
	pad := 0
	if n := len(src); n > 0 && src[n-1] == '=' {
		pad = 1
		if src[n-2] == '=' {
			pad = 2
		}
	}
	for i := 0; i < len(src); i += 4 {
		var q uint32
		valid := 4
		if i+4 == len(src) {
			valid -= pad
		}
		for j := range 4 {
			var v byte
			if j < valid {
				v = base64Rev[src[i+j]]
				if v == 0xff {
					return dst, fmt.Errorf("invalid base64 %.20q: illegal character %q", src, src[i+j])
				}
			}
			q = q<<6 | uint32(v)
		}
		switch valid {
		case 4:
			dst = append(dst, byte(q>>16), byte(q>>8), byte(q))
		case 3:
			dst = append(dst, byte(q>>16), byte(q>>8))
		case 2:
			dst = append(dst, byte(q>>16))
		}
	}
	return dst, nil
}

// readSpecial finishes an object whose first key, already read, starts with
// '$': it must be exactly {"$integer": s}, {"$float": s}, {"$bytes": s} or
// {"$commitTs": null}, as jsonToConvex accepts. The result is a scalar of
// kind scalarInt64, scalarFloat, scalarBytes or scalarCommitTs.
func (d *decodeState) readSpecial(key []byte) (scalar, error) {
	var kind scalarKind
	switch string(key) {
	case "$integer":
		kind = scalarInt64
	case "$float":
		kind = scalarFloat
	case "$bytes":
		kind = scalarBytes
	case "$commitTs":
		kind = scalarCommitTs
	case "$set", "$map":
		return scalar{}, fmt.Errorf("received a %s, which is no longer supported as a Convex type", key[1:])
	default:
		return scalar{}, validateFieldNameBytes(key)
	}
	name := string(key)
	if err := d.expect(':'); err != nil {
		return scalar{}, err
	}
	if kind == scalarCommitTs {
		if d.peek() != 'n' || d.readLiteral("null") != nil {
			return scalar{}, fmt.Errorf("malformed %s field: value must be null", name)
		}
		d.size += sizeNumber // it stands for an int64
		return d.endSpecial(scalar{kind: kind}, name)
	}
	if d.peek() != '"' {
		return scalar{}, fmt.Errorf("malformed %s field: value must be a base64 string", name)
	}
	text, err := d.readString()
	if err != nil {
		return scalar{}, err
	}
	s := scalar{kind: kind}
	switch kind {
	case scalarBytes:
		if s.bytes, err = decodeBase64(make([]byte, 0, len(text)/4*3), text); err != nil {
			return scalar{}, err
		}
		d.size += sizeContainer + int64(len(s.bytes))
	default:
		var buf [9]byte // room to notice a ninth byte without allocating
		raw, err := decodeBase64(buf[:0], text[:min(len(text), 12)])
		if err == nil && len(text) > 12 {
			err = fmt.Errorf("received more than 9 bytes, expected 8 for %s", name)
		}
		if err != nil {
			return scalar{}, err
		}
		if len(raw) != 8 {
			return scalar{}, fmt.Errorf("received %d bytes, expected 8 for %s", len(raw), name)
		}
		u := binary.LittleEndian.Uint64(raw)
		if kind == scalarInt64 {
			s.i = int64(u)
		} else {
			s.f = math.Float64frombits(u)
			if !isSpecialFloat(s.f) {
				return scalar{}, fmt.Errorf("float %v should be encoded as a number, not $float", s.f)
			}
		}
		d.size += sizeNumber
	}
	return d.endSpecial(s, name)
}

// endSpecial consumes the '}' closing the one-key object s was read from.
func (d *decodeState) endSpecial(s scalar, name string) (scalar, error) {
	switch c := d.peek(); c {
	case '}':
		d.off++
		return s, nil
	case ',':
		// jsonToConvex treats an object with more keys as a plain object,
		// whose '$' key is then rejected.
		return scalar{}, validateFieldName(name)
	default:
		return scalar{}, d.syntaxError("expected ',' or '}' after object value, found %s", d.describe(c))
	}
}

// skipValue consumes one value, applying every Convex rule (field names,
// $-objects, limits) without building anything. With convexRules false it
// checks only the JSON grammar and the nesting limit (which bounds the
// recursion), for envelope fields that are decoded later or not at all.
func (d *decodeState) skipValue(depth int, convexRules bool) error {
	switch c := d.peek(); c {
	case '{':
		if depth++; depth > MaxNesting {
			return errNesting()
		}
		d.off++
		d.size += sizeContainer
		if d.peek() == '}' {
			d.off++
			return nil
		}
		for n := 0; ; n++ {
			key, err := d.readString()
			if err != nil {
				return err
			}
			if convexRules {
				if n == 0 && len(key) > 0 && key[0] == '$' {
					_, err := d.readSpecial(key)
					return err
				}
				if n >= MaxObjectFields {
					return errObjectFields()
				}
				if err := validateFieldNameBytes(key); err != nil {
					return err
				}
				d.size += int64(len(key)) + 1
			}
			if err := d.expect(':'); err != nil {
				return err
			}
			if err := d.skipValue(depth, convexRules); err != nil {
				return err
			}
			if done, err := d.nextMember('}'); done || err != nil {
				return err
			}
		}
	case '[':
		if depth++; depth > MaxNesting {
			return errNesting()
		}
		d.off++
		d.size += sizeContainer
		if d.peek() == ']' {
			d.off++
			return nil
		}
		for n := 1; ; n++ {
			if n > MaxArrayLength && convexRules {
				return errArrayLength()
			}
			if err := d.skipValue(depth, convexRules); err != nil {
				return err
			}
			if done, err := d.nextMember(']'); done || err != nil {
				return err
			}
		}
	case '"':
		s, err := d.readString()
		d.size += sizeContainer + int64(len(s))
		return err
	case 'n':
		d.size += sizeNullOrBool
		return d.readLiteral("null")
	case 't':
		d.size += sizeNullOrBool
		return d.readLiteral("true")
	case 'f':
		d.size += sizeNullOrBool
		return d.readLiteral("false")
	default:
		d.size += sizeNumber
		_, err := d.readNumber()
		return err
	}
}

// nextMember consumes the ',' between members or the closing bracket;
// done reports the closing bracket.
func (d *decodeState) nextMember(closing byte) (done bool, err error) {
	switch c := d.peek(); c {
	case ',':
		d.off++
		return false, nil
	case closing:
		d.off++
		return true, nil
	default:
		return false, d.syntaxError("expected ',' or %q, found %s", closing, d.describe(c))
	}
}
