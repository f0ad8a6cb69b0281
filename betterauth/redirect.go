package betterauth

import (
	"net/url"
	"strings"
)

// maxRedirectLen bounds redirect targets; real return paths are short.
const maxRedirectLen = 2048

// SafeRedirect returns raw if it is a same-origin path, else fallback (or
// "/" when fallback is not safe either). It rejects what browsers would
// send elsewhere: "//host" and "/\host" (browsers read \ as /), schemes,
// control characters (browsers drop tabs and newlines, so "/\t/host" is
// "//host"), percent-encoded controls anywhere, percent-encoded slashes and
// backslashes in the path, dot segments that resolve to a path starting
// with "//" ("/.//host", "/a/..//host", also %2e-encoded), and input longer
// than 2048 bytes.
func SafeRedirect(raw, fallback string) string {
	if isSafeRedirect(raw) {
		return raw
	}
	if isSafeRedirect(fallback) {
		return fallback
	}
	return "/"
}

func isSafeRedirect(raw string) bool {
	if len(raw) == 0 || len(raw) > maxRedirectLen || raw[0] != '/' {
		return false
	}
	if len(raw) > 1 && (raw[1] == '/' || raw[1] == '\\') {
		return false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c <= ' ' || c == 0x7f || c == '\\' || c >= 0x80 {
			return false
		}
	}
	// Decode repeatedly so double-encoded forms (%252F) are judged as the
	// server or browser that decodes them again would see them. Encoded
	// slashes and backslashes matter only in the path: in the query they
	// cannot move the target to another origin ("/search?q=a%2Fb" is fine).
	s := raw
	for range 3 {
		path, _, _ := strings.Cut(s, "?")
		path, _, _ = strings.Cut(path, "#")
		lower := strings.ToLower(path)
		if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || dotsMakeNetworkPath(path) {
			return false
		}
		dec, err := url.PathUnescape(s)
		if err != nil {
			return false
		}
		for i := 0; i < len(dec); i++ {
			if c := dec[i]; c < ' ' || c == 0x7f {
				return false
			}
		}
		if dec == s {
			break
		}
		s = dec
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return false
	}
	return true
}

// dotsMakeNetworkPath reports whether removing the dot segments of the
// absolute path p, as browsers do (RFC 3986 §5.2.4), leaves a path that
// starts with "//". The browser stays on the origin, but the page it lands
// on has the path "//host", which any later redirect built from the path
// (a trailing-slash fix, a sign-in round trip) sends to that host.
func dotsMakeNetworkPath(p string) bool {
	segments := strings.Split(p, "/")[1:]
	out := make([]string, 0, len(segments))
	for i, seg := range segments {
		last := i == len(segments)-1
		switch seg {
		case ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, seg)
			continue
		}
		if last {
			out = append(out, "") // "/a/.." is "/", keeping the trailing slash
		}
	}
	return len(out) > 1 && out[0] == ""
}
