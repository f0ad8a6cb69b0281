package betterauth

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// routers builds the same application on net/http's ServeMux and on chi:
// AuthHandler at BasePath, a sign-in page and a catch-all page, each
// handler saying who it is in a header.
func routers(a *Auth) map[string]http.Handler {
	tag := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { w.Header().Set("X-Handler", name) }
	}
	mux := http.NewServeMux()
	mux.Handle("/api/auth/", tag("auth"))
	mux.Handle("/sign-in", tag("sign-in"))
	mux.Handle("/auth/sign-in", tag("sign-in"))
	mux.Handle("/{page...}", tag("catch-all"))
	r := chi.NewRouter()
	r.Handle("/api/auth/*", tag("auth"))
	r.Handle("/sign-in", tag("sign-in"))
	r.Handle("/auth/sign-in", tag("sign-in"))
	r.Handle("/*", tag("catch-all"))
	return map[string]http.Handler{"ServeMux": mux, "chi": r}
}

// TestExemptionsHoldOnlyForTheExemptHandler sends spellings that a router
// routes to the catch-all while a decoded or case-folded reading of the
// path looks exempt: none may reach the catch-all anonymously.
func TestExemptionsHoldOnlyForTheExemptHandler(t *testing.T) {
	for _, signIn := range []string{"/sign-in", "/auth/sign-in"} {
		f := newFakeSite(t, newClock())
		cfg := f.config()
		cfg.SignInPath = signIn
		a, err := New(cfg, WithLogger(slog.New(slog.DiscardHandler)))
		if err != nil {
			t.Fatal(err)
		}
		for routerName, router := range routers(a) {
			wrapped := map[string]http.Handler{
				"Protect(/)":     a.Protect([]Route{{Prefix: "/"}})(router),
				"Protect(/api/)": a.Protect([]Route{{Prefix: "/api/", Unauthenticated: Status401}})(router),
				"RequireAuth":    a.RequireAuth(router),
			}
			for wrapName, h := range wrapped {
				for _, target := range []string{
					"/api%2Fauth%2Fx", "/api/auth%2Fx", "/api/auth%2fx", "/api/auth%5Cx", "/api/%61uth/x",
					"/SIGN-IN", "/\u017fign-in", "/sign-in%2F", "/auth%2Fsign-in", "/AUTH/sign-in", "/%73ign-in",
				} {
					if wrapName == "Protect(/api/)" && !strings.HasPrefix(target, "/api") {
						continue // not protected: the catch-all may answer
					}
					w := httptest.NewRecorder()
					h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
					if w.Header().Get("X-Handler") == "catch-all" {
						t.Errorf("SignInPath %s, %s, %s: anonymous GET %s reached the catch-all (status %d)", signIn, routerName, wrapName, target, w.Code)
					}
				}
				// The exemptions themselves still hold.
				for target, want := range map[string]string{"/api/auth/get-session": "auth", signIn: "sign-in"} {
					if wrapName == "Protect(/api/)" && want == "sign-in" || wrapName == "RequireAuth" && want == "auth" {
						continue // not exempt, or not protected at all
					}
					w := httptest.NewRecorder()
					h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
					if got := w.Header().Get("X-Handler"); got != want {
						t.Errorf("SignInPath %s, %s, %s: GET %s reached %q (status %d), want %q", signIn, routerName, wrapName, target, got, w.Code, want)
					}
				}
			}
		}
	}
}
