package betterauth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
)

var okHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func mustParse(t testing.TB, jwks string) []jose.JSONWebKey {
	keys, problems := parseJWKS([]byte(jwks), []string{"RS256"})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return keys
}

func TestRequireAuth(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	h := a.RequireAuth(okHandler)

	w := serve(h, request("/dashboard/x?tab=a&b=%2F", ""))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("page: %d", w.Code)
	}
	loc, _ := url.Parse(w.Header().Get("Location"))
	if loc.Path != "/sign-in" || loc.Query().Get("redirect_to") != "/dashboard/x?tab=a&b=%2F" {
		t.Errorf("Location %q", loc)
	}
	w = serve(h, request("/dashboard/%2F%2Fevil.com", ""))
	if loc, _ := url.Parse(w.Header().Get("Location")); loc.Query().Get("redirect_to") != "/" {
		t.Errorf("unsafe original path kept: Location %q", loc)
	}
	w = serve(h, request("/dashboard/x?tab=a", ""))
	if got := w.Header().Get("Location"); got != "/sign-in?redirect_to=%2Fdashboard%2Fx%3Ftab%3Da" {
		t.Errorf("Location %q", got)
	}

	for name, mod := range map[string]func(*http.Request){
		"accept json": func(r *http.Request) { r.Header.Set("Accept", "application/json") },
		"fetch cors":  func(r *http.Request) { r.Header.Set("Sec-Fetch-Mode", "cors") },
	} {
		r := request("/dashboard", "")
		mod(r)
		w := serve(h, r)
		var body map[string]string
		json.Unmarshal(w.Body.Bytes(), &body)
		if w.Code != 401 || w.Header().Get("WWW-Authenticate") == "" || body["error"] != "unauthenticated" {
			t.Errorf("%s: %d %q %v", name, w.Code, w.Header().Get("WWW-Authenticate"), body)
		}
	}
	r := request("/dashboard", "")
	r.Header.Set("Accept", "text/html,application/json")
	r.Header.Set("Sec-Fetch-Mode", "navigate")
	if w := serve(h, r); w.Code != http.StatusSeeOther {
		t.Errorf("navigation: %d", w.Code)
	}
	if w := serve(h, request("/sign-in", "")); w.Code != http.StatusTeapot {
		t.Errorf("sign-in path: %d, want it to pass", w.Code)
	}
	// A router that does not clean paths sends this to the handler RequireAuth
	// guards: only the sign-in path as spelled exactly is exempt.
	for _, p := range []string{"/admin/../sign-in", "/admin/%2e%2e/sign-in", "//sign-in"} {
		if w := serve(h, request(p, "")); w.Code == http.StatusTeapot {
			t.Errorf("%s reached the protected handler anonymously", p)
		}
	}
	if w := serve(h, request("/dashboard", "better-auth.convex_jwt="+f.token())); w.Code != http.StatusTeapot {
		t.Errorf("signed in: %d", w.Code)
	}
}

func TestProtect(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	h := a.Protect([]Route{
		{Prefix: "/dashboard", Unauthenticated: Redirect},
		{Prefix: "/api/", Unauthenticated: Status401},
	})(okHandler)
	cases := map[string]int{
		"/":                            http.StatusTeapot,
		"/public":                      http.StatusTeapot,
		"/dashboardx":                  http.StatusTeapot,
		"/sign-in":                     http.StatusTeapot,
		"/dashboard":                   http.StatusSeeOther,
		"/dashboard/":                  http.StatusSeeOther,
		"/dashboard/a/b":               http.StatusSeeOther,
		"//dashboard":                  http.StatusSeeOther,
		"/public/../dashboard":         http.StatusSeeOther,
		"/./dashboard":                 http.StatusSeeOther,
		"/%64ashboard":                 http.StatusSeeOther,
		"/DASHBOARD":                   http.StatusSeeOther,
		"/public/%2e%2e/dashboard":     http.StatusSeeOther,
		"/public%2f..%2fdashboard":     http.StatusSeeOther,
		"/public/%252e%252e/dashboard": http.StatusSeeOther,
		// Routers that do not clean paths send these to the /dashboard handler.
		"/dashboard/../public":     http.StatusSeeOther,
		"/dashboard/%2e%2e/public": http.StatusSeeOther,
		"/api/../sign-in":          http.StatusUnauthorized,
		"/api":                     http.StatusUnauthorized,
		"/api/x":                   http.StatusUnauthorized,
		"//api//x":                 http.StatusUnauthorized,
		"/Api/x":                   http.StatusUnauthorized,
		"/%61pi/x":                 http.StatusUnauthorized,
	}
	for p, want := range cases {
		r := httptest.NewRequest(http.MethodGet, "http://app.test"+p, nil)
		if w := serve(h, r); w.Code != want {
			t.Errorf("%s: %d, want %d", p, w.Code, want)
		}
	}
	r := httptest.NewRequest(http.MethodGet, "/dashboard", nil)
	r.URL.Path = `/public\..\dashboard`
	if w := serve(h, r); w.Code != http.StatusSeeOther {
		t.Errorf("backslash path: %d", w.Code)
	}
}

func TestMiddlewareLeavesAuthPathsAlone(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	s, w, err := sessionOf(a, request("/api/auth/sign-out", sessionCookie))
	if s != nil || err != nil || f.mints.Load() != 0 || setCookies(w) != "" {
		t.Errorf("auth path resolved: session %v err %v mints %d", s, err, f.mints.Load())
	}
}

func TestMiddlewareResolvesOnce(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	h := a.Middleware(a.RequireAuth(a.Middleware(okHandler)))
	if w := serve(h, request("/x", sessionCookie)); w.Code != http.StatusTeapot || f.mints.Load() != 1 {
		t.Fatalf("code %d mints %d", w.Code, f.mints.Load())
	}
}
