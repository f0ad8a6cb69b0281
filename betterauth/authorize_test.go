package betterauth

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestClaimsAsDecodesOncePerToken(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	cl := claimsFor(f.srv.URL, f.clock.Now())
	cl["role"] = "admin,editor"
	cl["org"] = map[string]any{"id": "org_1", "plan": "pro"}
	tok := signToken(t, f.key, f.kid, cl)

	type appClaims struct {
		Role string         `json:"role"`
		Org  map[string]any `json:"org"`
	}
	var got []appClaims
	for range 2 {
		s, _, err := sessionOf(a, request("/", "better-auth.convex_jwt="+tok))
		if err != nil || s == nil {
			t.Fatal(s, err)
		}
		ctx := context.WithValue(context.Background(), ctxKey{}, func() *requestAuth { ra := &requestAuth{}; ra.session.Store(s); return ra }())
		c, err := ClaimsAs[appClaims](ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	if got[0].Role != "admin,editor" || got[0].Org["plan"] != "pro" {
		t.Errorf("decoded %+v", got[0])
	}
	// The second request carrying the token got the cached decoding: the
	// very same map, not a second decode.
	if reflect.ValueOf(got[0].Org).Pointer() != reflect.ValueOf(got[1].Org).Pointer() {
		t.Error("claims were decoded again for the same token")
	}
	if _, err := ClaimsAs[appClaims](context.Background()); err != ErrNoSession {
		t.Errorf("anonymous: %v, want ErrNoSession", err)
	}
	// A type the payload does not fit is an error, cached too.
	type wrong struct {
		Role int `json:"role"`
	}
	s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+tok))
	for range 2 {
		if _, err := SessionClaimsAs[wrong](s); err == nil || !strings.Contains(err.Error(), "decoding claims") {
			t.Errorf("wrong type: %v", err)
		}
	}
	if r := s.Roles(); !reflect.DeepEqual(r, []string{"admin", "editor"}) || !s.HasRole("editor") || s.HasRole("user") {
		t.Errorf("roles %v", r)
	}
}

func TestProtectRequire(t *testing.T) {
	f := newFakeSite(t, newClock())
	tokenWith := func(mod func(map[string]any)) string {
		cl := claimsFor(f.srv.URL, f.clock.Now())
		mod(cl)
		return "better-auth.convex_jwt=" + signToken(t, f.key, f.kid, cl)
	}
	admin := tokenWith(func(m map[string]any) { m["role"] = "user,admin"; m["org"] = "acme" })
	user := tokenWith(func(m map[string]any) { m["role"] = "user"; m["org"] = "acme" })
	other := tokenWith(func(m map[string]any) { m["role"] = "admin"; m["org"] = "globex" })
	noRole := tokenWith(func(m map[string]any) {})

	type orgClaims struct {
		Org string `json:"org"`
	}
	a := f.newAuth(WithRule("acmeOnly", func(r *http.Request, s *Session) bool {
		c, err := SessionClaimsAs[orgClaims](s)
		return err == nil && c.Org == "acme"
	}))
	h := a.Protect([]Route{
		{Prefix: "/admin", Unauthenticated: Redirect, Require: Requirement{Roles: []string{"admin"}}},
		{Prefix: "/api/acme/", Unauthenticated: Status401, Require: Requirement{Rule: "acmeOnly"}},
		{Prefix: "/api/acme/admin", Unauthenticated: Status401, Require: Requirement{Roles: []string{"admin"}, Rule: "acmeOnly"}},
		{Prefix: "/dashboard", Unauthenticated: Redirect},
	})(okHandler)

	for _, tc := range []struct {
		path, cookie string
		want         int
	}{
		{"/admin", admin, http.StatusTeapot},
		{"/ADMIN/users", admin, http.StatusTeapot},
		{"/admin", user, http.StatusForbidden},
		{"/Admin/%2e%2e/admin/x", user, http.StatusForbidden},
		{"/admin", noRole, http.StatusForbidden},
		{"/admin", "", http.StatusSeeOther}, // anonymous: still sent to sign in
		{"/api/acme/x", user, http.StatusTeapot},
		{"/api/acme/x", other, http.StatusForbidden},
		{"/api/acme/x", "", http.StatusUnauthorized},
		{"/api/acme/admin", user, http.StatusForbidden},
		{"/api/acme/admin", other, http.StatusForbidden},
		{"/api/acme/admin", admin, http.StatusTeapot},
		{"/dashboard", noRole, http.StatusTeapot},
		{"/elsewhere", user, http.StatusTeapot},
	} {
		w := serve(h, request(tc.path, tc.cookie))
		if w.Code != tc.want {
			t.Errorf("%s with %.30q: %d, want %d", tc.path, tc.cookie, w.Code, tc.want)
		}
		if w.Code == http.StatusForbidden && w.Header().Get("Location") != "" {
			t.Errorf("%s: a 403 must not redirect", tc.path)
		}
	}
	// An API request gets the JSON body.
	r := request("/admin", user)
	r.Header.Set("Accept", "application/json")
	if w := serve(h, r); w.Code != 403 || !strings.Contains(w.Body.String(), `"forbidden"`) {
		t.Errorf("API 403: %d %s", w.Code, w.Body)
	}

	// A custom handler sees ReasonForbidden.
	var got ReasonCode
	b := f.newAuth(WithUnauthorizedHandler(func(w http.ResponseWriter, r *http.Request, reason ReasonCode) {
		got = reason
		w.WriteHeader(499)
	}))
	hb := b.Protect([]Route{{Prefix: "/admin", Require: Requirement{Roles: []string{"admin"}}}})(okHandler)
	if w := serve(hb, request("/admin", user)); w.Code != 499 || got != ReasonForbidden {
		t.Errorf("custom handler: %d %q", w.Code, got)
	}
}

func TestProtectUnknownRule(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth(WithRule("known", func(*http.Request, *Session) bool { return true }))
	routes := []Route{{Prefix: "/billing", Require: Requirement{Rule: "billingOwner"}}}
	err := a.CheckRoutes(routes)
	if err == nil || !strings.Contains(err.Error(), `"billingOwner"`) || !strings.Contains(err.Error(), `registered: "known"`) {
		t.Fatalf("CheckRoutes: %v", err)
	}
	defer func() {
		if p := recover(); p == nil || !strings.Contains(p.(error).Error(), "WithRule") {
			t.Errorf("Protect did not panic with the fix: %v", p)
		}
	}()
	a.Protect(routes)
}

// Concurrent first calls for one token agree on one cached value (run with -race).
func TestClaimsAsConcurrent(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	s, _, err := sessionOf(a, request("/", "better-auth.convex_jwt="+f.token()))
	if err != nil || s == nil {
		t.Fatal(s, err)
	}
	type claims struct {
		Email string `json:"email"`
	}
	var wg sync.WaitGroup
	got := make([]claims, 16)
	for i := range got {
		wg.Go(func() {
			c, err := SessionClaimsAs[claims](s)
			if err != nil {
				t.Error(err)
			}
			got[i] = c
		})
	}
	wg.Wait()
	for _, c := range got {
		if c.Email != "alice@example.com" {
			t.Errorf("decoded %+v", c)
		}
	}
}

// BenchmarkClaimsAs is the cached typed accessor; BenchmarkDecodeClaims the
// per-call decode it replaces.
func BenchmarkClaimsAs(b *testing.B) {
	s := benchSession(b)
	type claims struct {
		Email string `json:"email"`
		Role  string `json:"role"`
	}
	for b.Loop() {
		if _, err := SessionClaimsAs[claims](s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeClaims(b *testing.B) {
	s := benchSession(b)
	var c struct {
		Email string `json:"email"`
		Role  string `json:"role"`
	}
	for b.Loop() {
		if err := s.DecodeClaims(&c); err != nil {
			b.Fatal(err)
		}
	}
}

func benchSession(b *testing.B) *Session {
	f := newFakeSite(b, newClock())
	s, _, err := sessionOf(f.newAuth(), request("/", "better-auth.convex_jwt="+f.token()))
	if err != nil || s == nil {
		b.Fatal(s, err)
	}
	return s
}
