package betterauth

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func FuzzCookieValue(f *testing.F) {
	f.Add("better-auth.session_token=abc.def; x=1", "better-auth.session_token")
	f.Add(`a="quoted"; a=second`, "a")
	f.Add("=;;; =x; a", "a")
	f.Fuzz(func(t *testing.T, header, name string) {
		h := http.Header{"Cookie": {header}}
		v, ok := cookieValue(h, name)
		if !ok {
			if v != "" {
				t.Fatalf("value %q without ok", v)
			}
			return
		}
		if v == "" || len(v) > maxCookieValue || !strings.Contains(header, v) {
			t.Fatalf("accepted value %q from %q", v, header)
		}
	})
}

func FuzzVerify(f *testing.F) {
	c := newClock()
	site := newFakeSite(f, c)
	a := site.newAuth()
	good := site.token()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add(strings.Replace(good, ".", "..", 1))
	segs := strings.Split(good, ".")
	for i := range segs {
		for _, v := range base64Spellings(segs[i]) {
			variant := slices.Clone(segs)
			variant[i] = v
			f.Add(strings.Join(variant, "."))
		}
	}
	f.Fuzz(func(t *testing.T, tok string) {
		s, err := a.verifier.Verify(context.Background(), tok)
		if err != nil {
			if !errors.Is(err, ErrInvalidToken) && !errors.Is(err, ErrJWKS) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if tok != good {
			// The fake site signed only good: anything else that verifies
			// is another spelling of it, which must not exist.
			t.Fatalf("accepted %q, a token other than the one signed (subject %q)", tok, s.Subject)
		}
	})
}

func FuzzCanonicalBase64URL(f *testing.F) {
	for _, seed := range []string{"", "A", "AA", "AB", "AAA", "AAB", "AAAA", "AQ", "AQ==", "A\nQ", "-_-_", "+/+/", "eyJhbGciOiJSUzI1NiJ9"} {
		f.Add(seed)
	}
	strict := base64.RawURLEncoding.Strict()
	f.Fuzz(func(t *testing.T, s string) {
		b, err := strict.DecodeString(s)
		// Strict decoding still skips \r and \n: re-encoding catches those.
		want := err == nil && strict.EncodeToString(b) == s
		if got := canonicalBase64URL(s); got != want {
			t.Fatalf("canonicalBase64URL(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzBearerToken(f *testing.F) {
	f.Add("Bearer a.b.c")
	f.Add("bearer   a.b.c  ")
	f.Add("Basic dTpw")
	f.Add("Bearer a b")
	f.Add("Bearer\ta")
	f.Fuzz(func(t *testing.T, header string) {
		tok := bearerToken(http.Header{"Authorization": {header}})
		if tok == "" {
			return
		}
		scheme, _, _ := strings.Cut(strings.TrimSpace(header), " ")
		if !strings.EqualFold(scheme, "bearer") || !strings.Contains(header, tok) ||
			len(tok) > maxTokenBytes || strings.ContainsAny(tok, " \t\r\n") {
			t.Fatalf("bearerToken(%q) = %q", header, tok)
		}
	})
}
