package betterauth

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authgen/authgen/convex"
)

// withAuthorization returns a request carrying the given Authorization
// header values and Cookie header.
func withAuthorization(cookie string, authorization ...string) *http.Request {
	r := request("/api/x", cookie)
	for _, v := range authorization {
		r.Header.Add("Authorization", v)
	}
	return r
}

func TestBearerJWT(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	tok := f.token()
	for name, value := range map[string]string{
		"canonical":         "Bearer " + tok,
		"lower-case scheme": "bearer " + tok,
		"upper-case scheme": "BEARER " + tok,
		"extra spaces":      "  Bearer    " + tok + "   ",
	} {
		s, w, err := sessionOf(a, withAuthorization("", value))
		if err != nil || s == nil || s.Token != tok || s.Subject != "user_1" {
			t.Errorf("%s: session %v err %v", name, s, err)
		}
		if c := setCookies(w); c != "" {
			t.Errorf("%s: Set-Cookie %q, want none for a bearer token", name, c)
		}
	}
	if n := f.mints.Load(); n != 0 {
		t.Errorf("token endpoint calls = %d, want 0", n)
	}
}

func TestBearerHostileValuesAreAnonymous(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	tok := f.token()
	parts := strings.Split(tok, ".")
	for name, values := range map[string][]string{
		"session token":         {"Bearer sess-abc.sig"},
		"session token, signed": {"Bearer sess-abc.c2lnbmF0dXJl%3D"},
		"other scheme":          {"Basic " + tok},
		"no scheme":             {tok},
		"scheme only":           {"Bearer"},
		"scheme and spaces":     {"Bearer    "},
		"tab separator":         {"Bearer\t" + tok},
		"two tokens":            {"Bearer " + tok + " " + tok},
		"comma-joined":          {"Bearer " + tok + ", Bearer " + tok},
		"two headers":           {"Bearer " + tok, "Bearer " + tok},
		"alg none":              {"Bearer " + parts[0] + "." + parts[1] + "."},
		"tampered":              {"Bearer " + parts[0] + "." + b64(`{"sub":"admin"}`) + "." + parts[2]},
		"oversized":             {"Bearer " + strings.Repeat("a", maxTokenBytes+1)},
		"newline":               {"Bearer " + tok + "\nX-Evil: 1"},
	} {
		s, w, err := sessionOf(a, withAuthorization("", values...))
		if s != nil || err != nil {
			t.Errorf("%s: session %v err %v, want anonymous without error", name, s, err)
		}
		if c := setCookies(w); c != "" {
			t.Errorf("%s: Set-Cookie %q", name, c)
		}
	}
	if n := f.mints.Load(); n != 0 {
		t.Errorf("token endpoint calls = %d, want 0: a bearer value never mints", n)
	}
}

func TestBearerPrecedence(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	key, _ := rsaKeys(t)
	other := claimsFor(f.srv.URL, c.Now())
	other["sub"] = "user_2"
	bearer := signToken(t, key, "kid-1", other)

	// A convex_jwt cookie wins over the header.
	if s, _, _ := sessionOf(a, withAuthorization("better-auth.convex_jwt="+f.token(), "Bearer "+bearer)); s == nil || s.Subject != "user_1" {
		t.Errorf("cookie and bearer: session %v, want the cookie's user_1", s)
	}
	// A valid bearer wins over a session cookie, and close to expiry it is
	// still used as is: the caller refreshes its own token.
	c.Add(15*time.Minute - 10*time.Second)
	s, w, err := sessionOf(a, withAuthorization(sessionCookie, "Bearer "+bearer))
	if err != nil || s == nil || s.Subject != "user_2" || f.mints.Load() != 0 || setCookies(w) != "" {
		t.Errorf("bearer and session cookie: session %v err %v mints %d Set-Cookie %q", s, err, f.mints.Load(), setCookies(w))
	}
	// A bearer that does not verify leaves the request to its cookies.
	s, w, err = sessionOf(a, withAuthorization(sessionCookie, "Bearer sess-abc.sig"))
	if err != nil || s == nil || s.Subject != "user_1" || f.mints.Load() != 1 || !strings.Contains(setCookies(w), "convex_jwt=") {
		t.Errorf("bad bearer and session cookie: session %v err %v mints %d", s, err, f.mints.Load())
	}
}

func TestRequireAuthWithRejectedBearer(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	w := serve(a.RequireAuth(okHandler), withAuthorization("", "Bearer not-a-jwt"))
	if w.Code != http.StatusUnauthorized || w.Header().Get("WWW-Authenticate") != `Bearer realm="convex", error="invalid_token"` {
		t.Errorf("rejected bearer: %d %q, want 401 with error=invalid_token", w.Code, w.Header().Get("WWW-Authenticate"))
	}
	// Any Authorization header marks an API client: 401, never a redirect.
	w = serve(a.RequireAuth(okHandler), withAuthorization("", "Basic dTpw"))
	if w.Code != http.StatusUnauthorized || w.Header().Get("WWW-Authenticate") != `Bearer realm="convex"` {
		t.Errorf("other scheme: %d %q", w.Code, w.Header().Get("WWW-Authenticate"))
	}
	if w := serve(a.RequireAuth(okHandler), withAuthorization("", "Bearer "+f.token())); w.Code != http.StatusTeapot {
		t.Errorf("valid bearer: %d", w.Code)
	}
}

func TestBearerJWKSOutageIsAnError(t *testing.T) {
	f := newFakeSite(t, newClock())
	tok := f.token()
	f.mu.Lock()
	f.jwks = []byte("{}")
	f.mu.Unlock()
	a := f.newAuth()
	if s, _, err := sessionOf(a, withAuthorization("", "Bearer "+tok)); s != nil || !errors.Is(err, ErrJWKS) {
		t.Errorf("session %v err %v, want ErrJWKS", s, err)
	}
}

func TestBearerQueryIsNotRetriedByMinting(t *testing.T) {
	f := newFakeSite(t, newClock())
	fc := newFakeConvex(t)
	a := newConvexAuth(t, f, fc)
	tok := f.token()
	fc.rejected[tok] = true
	q := convex.NewQuery[struct{}, string]("messages:list")
	var qerr error
	a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, qerr = FetchAuthQuery(r.Context(), a, q, struct{}{})
	})).ServeHTTP(httptest.NewRecorder(), withAuthorization(sessionCookie, "Bearer "+tok))
	if !errors.Is(qerr, convex.ErrUnauthenticated) || f.mints.Load() != 0 || len(fc.tokens("/api/query")) != 1 {
		t.Errorf("err %v, mints %d, calls %d: a bearer token is never replaced by a minted one", qerr, f.mints.Load(), len(fc.tokens("/api/query")))
	}
}
