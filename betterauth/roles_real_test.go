package betterauth_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/internal/nodeharness"
)

// TestRealRoleClaim checks where roles come from: with better-auth's
// admin() plugin, the user record has a role field, and
// @convex-dev/better-auth's convex() plugin copies it into the Convex JWT
// (its default definePayload is the user minus id and image). Protect's
// Require.Roles reads it.
func TestRealRoleClaim(t *testing.T) {
	a := startApp(t, nodeharness.BetterAuthOptions{AdminPlugin: true}, nil)
	auth := a.auth
	protect := auth.Protect([]betterauth.Route{{Prefix: "/admin", Require: betterauth.Requirement{Roles: []string{"admin"}}}})
	signIn := func(email string) *browser {
		b := newBrowser(a)
		res, err := auth.SignInEmail(b.request("POST", "/sign-in"), betterauth.SignInEmail{Email: email, Password: "correct-horse-battery"})
		if err != nil {
			t.Fatal(err)
		}
		b.store(res.Cookies)
		delete(b.cookies, "better-auth.convex_jwt") // mint through the runtime
		return b
	}
	visit := func(b *browser) (roles []string, status int) {
		w := httptest.NewRecorder()
		auth.Middleware(protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, _ := betterauth.SessionFromContext(r.Context())
			roles = s.Roles()
		}))).ServeHTTP(w, b.request(http.MethodGet, "/admin"))
		if roles == nil {
			s := sessionFor(t, auth, b)
			roles = s.Roles()
		}
		return roles, w.Code
	}

	for _, email := range []string{"admin@example.com", "user@example.com"} {
		res, err := auth.SignUpEmail(newBrowser(a).request("POST", "/sign-up"), betterauth.SignUpEmail{Name: "U", Email: email, Password: "correct-horse-battery"})
		if err != nil {
			t.Fatal(err)
		}
		if res.User.Role != "user" {
			t.Errorf("%s: sign-up user role %q, want the admin plugin's default \"user\"", email, res.User.Role)
		}
	}
	if err := a.ba.SetRole("admin@example.com", "admin"); err != nil {
		t.Fatal(err)
	}

	roles, status := visit(signIn("user@example.com"))
	if !slices.Equal(roles, []string{"user"}) || status != http.StatusForbidden {
		t.Errorf("plain user: roles %v, status %d; want [user], 403", roles, status)
	}
	roles, status = visit(signIn("admin@example.com"))
	if !slices.Equal(roles, []string{"admin"}) || status != http.StatusOK {
		t.Errorf("admin: roles %v, status %d; want [admin], 200", roles, status)
	}
}

// sessionFor resolves b's session through Middleware.
func sessionFor(t *testing.T, auth *betterauth.Auth, b *browser) *betterauth.Session {
	t.Helper()
	var s *betterauth.Session
	auth.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ = betterauth.SessionFromContext(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), b.request(http.MethodGet, "/me"))
	if s == nil {
		t.Fatal("not signed in")
	}
	return s
}
