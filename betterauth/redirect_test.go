package betterauth

import (
	"net/url"
	"strings"
	"testing"
)

// hostileRedirects all must fall back: each would leave the origin in some
// browser, or smuggles something a later decoder could turn into that.
var hostileRedirects = []string{
	"", "evil.com", "//evil.com", "///evil.com", "////evil.com", "/\\evil.com", "\\\\evil.com", "\\/evil.com",
	"/\\/evil.com", "https://evil.com", "http://evil.com", "HTTPS://evil.com", "javascript:alert(1)",
	"JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "//evil.com/%2e%2e",
	"/\t/evil.com", "/\n/evil.com", "/\r/evil.com", "\t//evil.com", " //evil.com", "/ /evil.com",
	"/%09/evil.com", "/%0a/evil.com", "/%0d/evil.com", "/%00", "/%2f/evil.com", "/%2F%2Fevil.com",
	"%2F%2Fevil.com", "/%5cevil.com", "/%5C%5Cevil.com", "/%252f%252fevil.com", "/%25252f/evil.com",
	"/x/%2f%2fevil.com", "/\x00evil", "/\x7fevil", "/evil\u2028.com", "/\u00a0/evil.com", "/%",
	"/%zz", "/.%5C/evil.com", "http:evil.com", "//user@evil.com", "/" + strings.Repeat("a", 3000),
	"/\\x", "/ok\\..\\..\\evil", "/%09", "https:/evil.com", "\x01/evil",
	"/.//evil.com", "/..//evil.com", "/a/..//evil.com", "/a/b/../..//evil.com", "/%2e//evil.com",
	"/%2E%2E//evil.com", "/a/%2e%2e//evil.com", "/%252e//evil.com", "/.//evil.com?x=1",
}

func TestSafeRedirectRejectsHostile(t *testing.T) {
	if len(hostileRedirects) < 40 {
		t.Fatalf("corpus has %d entries, want ≥ 40", len(hostileRedirects))
	}
	for _, raw := range hostileRedirects {
		if got := SafeRedirect(raw, "/dashboard"); got != "/dashboard" {
			t.Errorf("SafeRedirect(%q) = %q, want the fallback", raw, got)
		}
	}
}

func TestSafeRedirectKeepsSafePaths(t *testing.T) {
	for _, raw := range []string{"/", "/settings", "/settings?tab=a", "/a/b?x=1&y=%20#frag", "/a%20b", "/@user", "/search?q=a%2Fb%5C", "/a/../b", "/?redirect=https://x",
		"/a//b", "/x/../../evil", "/a/..", "/./a", "/a/.%2e/b", "/.well-known/x", "/..."} {
		if got := SafeRedirect(raw, "/fallback"); got != raw {
			t.Errorf("SafeRedirect(%q) = %q", raw, got)
		}
	}
	if got := SafeRedirect("//evil", "//also-evil"); got != "/" {
		t.Errorf("unsafe fallback: %q", got)
	}
}

var appOrigin, _ = url.Parse("https://app.example/some/page")

func FuzzSafeRedirect(f *testing.F) {
	for _, s := range hostileRedirects {
		f.Add(s)
	}
	f.Add("/settings?tab=a")
	f.Fuzz(func(t *testing.T, raw string) {
		got := SafeRedirect(raw, "/fb")
		if got != raw && got != "/fb" {
			t.Fatalf("returned %q, neither input nor fallback", got)
		}
		if got == "/fb" {
			return
		}
		if len(got) > 1 && (got[1] == '/' || got[1] == '\\') || strings.ContainsAny(got, "\\\t\r\n") {
			t.Fatalf("accepted %q", got)
		}
		// Resolved against the page the way a browser resolves a Location,
		// the target stays on the origin and its path cannot be mistaken
		// for a network path by a later redirect.
		ref, err := url.Parse(got)
		if err != nil {
			t.Fatalf("accepted unparsable %q", got)
		}
		if u := appOrigin.ResolveReference(ref); u.Host != appOrigin.Host || strings.HasPrefix(u.Path, "//") {
			t.Fatalf("accepted %q, which resolves to %s", got, u)
		}
	})
}
