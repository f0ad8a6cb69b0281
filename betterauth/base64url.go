package betterauth

// base64URLValue maps a base64url character (RFC 4648 §5) to its 6-bit
// value; every other byte maps to 0xff.
var base64URLValue = func() (t [256]byte) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for i := range t {
		t[i] = 0xff
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// canonicalBase64URL reports whether s is the one spelling that unpadded
// base64url (RFC 7515 §2) gives its bytes: only alphabet characters, no
// padding or line breaks, a length a whole number of bytes can have, and
// the unused low bits of the last character zero. go-jose decodes
// leniently, so without this check each JWT would have many spellings that
// verify, and a deny list keyed by spelling could be walked around.
func canonicalBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		if base64URLValue[s[i]] == 0xff {
			return false
		}
	}
	var unused byte
	switch len(s) % 4 {
	case 0:
		return true
	case 1:
		return false // 6 bits cannot end a byte
	case 2:
		unused = 0x0f // 12 bits carry one byte
	case 3:
		unused = 0x03 // 18 bits carry two bytes
	}
	return base64URLValue[s[len(s)-1]]&unused == 0
}

// canonicalCompactJWS reports whether token is three canonical base64url
// segments separated by dots.
func canonicalCompactJWS(token string) bool {
	dots := 0
	start := 0
	for i := 0; i <= len(token); i++ {
		if i < len(token) && token[i] != '.' {
			continue
		}
		if !canonicalBase64URL(token[start:i]) {
			return false
		}
		if i < len(token) {
			dots++
		}
		start = i + 1
	}
	return dots == 2
}
