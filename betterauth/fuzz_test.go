package betterauth

import (
	"context"
	"errors"
	"net/http"
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
	f.Fuzz(func(t *testing.T, tok string) {
		s, err := a.verifier.Verify(context.Background(), tok)
		if err != nil {
			if !errors.Is(err, ErrInvalidToken) && !errors.Is(err, ErrJWKS) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if tok != good && s.Subject != "user_1" {
			t.Fatalf("accepted a foreign token %q", tok)
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
