package betterauth

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestClientIP(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	var err error
	if a.trustedProxies, err = parseTrustedProxies([]string{"10.0.0.0/8", "192.0.2.7"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ remote, xff, want string }{
		{"203.0.113.5:4711", "", "203.0.113.5"},
		{"203.0.113.5:4711", "198.51.100.1", "203.0.113.5"},                 // untrusted peer: header ignored
		{"10.1.2.3:80", "198.51.100.1", "198.51.100.1"},                     // trusted proxy
		{"10.1.2.3:80", "1.2.3.4, 198.51.100.1, 192.0.2.7", "198.51.100.1"}, // rightmost untrusted
		{"10.1.2.3:80", "not-an-ip", "10.1.2.3"},                            // malformed chain not believed
		{"10.1.2.3:80", "", "10.1.2.3"},
		{"[::ffff:203.0.113.9]:1", "", "203.0.113.9"},
		{"[2001:db8::1]:443", "", "2001:db8::1"},
		{"pipe", "", ""},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := a.clientIP(r); addrString(got) != c.want {
			t.Errorf("clientIP(%s, X-Forwarded-For %q) = %q, want %q", c.remote, c.xff, got, c.want)
		}
	}
	if _, err := parseTrustedProxies([]string{"10.0.0.0/33"}); err == nil || !strings.Contains(err.Error(), "TrustedProxies") {
		t.Errorf("bad entry: %v, want an error naming TrustedProxies", err)
	}
}

func TestClearStaleJWT(t *testing.T) {
	a := newFakeSite(t, newClock()).newAuth()
	for _, c := range []struct {
		name string
		in   []string
		want string // the Set-Cookie added, or ""
	}{
		{"verification link: new session, no JWT", []string{"better-auth.session_token=abc.sig; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"}, "better-auth.convex_jwt=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"},
		{"secure", []string{"__Secure-better-auth.session_token=abc.sig; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax"}, "__Secure-better-auth.convex_jwt=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax"},
		{"password sign-in sets both", []string{"better-auth.session_token=abc.sig; Path=/", "better-auth.convex_jwt=eyJ; Path=/"}, ""},
		{"sign-out clears", []string{"better-auth.session_token=; Max-Age=0; Path=/", "better-auth.convex_jwt=; Max-Age=0"}, ""},
		{"other cookies", []string{"theme=dark"}, ""},
	} {
		resp := &http.Response{Header: http.Header{"Set-Cookie": slices.Clone(c.in)}}
		a.clearStaleJWT(resp)
		got := resp.Header.Values("Set-Cookie")[len(c.in):]
		if (c.want == "" && len(got) != 0) || (c.want != "" && (len(got) != 1 || got[0] != c.want)) {
			t.Errorf("%s: added %q, want %q", c.name, got, c.want)
		}
	}
}

// A 429 from the token endpoint is never a logout: a short Retry-After is
// waited for and the mint retried; a long one fails the request as an
// outage (SessionErr) without retrying.
func TestTokenEndpoint429HonoursRetryAfter(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	f.mu.Lock()
	f.tokenStatus, f.retryAfter = []int{http.StatusTooManyRequests}, "1"
	f.mu.Unlock()
	s, _, err := sessionOf(a, request("/", f.validCookie))
	if s == nil || err != nil || f.mints.Load() != 2 {
		t.Fatalf("429 with Retry-After: 1: session %v, error %v after %d mints; want signed in after 2", s, err, f.mints.Load())
	}

	f2 := newFakeSite(t, newClock())
	a2 := f2.newAuth()
	f2.mu.Lock()
	f2.tokenStatus, f2.retryAfter = []int{http.StatusTooManyRequests, http.StatusTooManyRequests}, "60"
	f2.mu.Unlock()
	s, _, err = sessionOf(a2, request("/", f2.validCookie))
	var te *TokenEndpointError
	if s != nil || !errors.As(err, &te) || te.Status != http.StatusTooManyRequests || te.RetryAfter != time.Minute {
		t.Fatalf("429 with Retry-After: 60: session %v, error %v; want an outage error carrying the 429 and its Retry-After", s, err)
	}
	if n := f2.mints.Load(); n != 1 {
		t.Errorf("%d mints, want 1: a wait longer than a mint may take is not retried", n)
	}
}

// addrString is "" for the zero address, as the table writes "unknown".
func addrString(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}
