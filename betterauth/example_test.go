package betterauth_test

import (
	"fmt"
	"log"
	"net/http"

	"github.com/authgen/authgen/betterauth"
)

// A Go server in front of a Convex deployment: /api/auth/* goes to Better
// Auth, every request gets its session resolved, /dashboard needs a user
// and /api/ answers 401 instead of redirecting.
func Example() {
	auth, err := betterauth.New(betterauth.Config{
		ConvexURL: "https://happy-otter-123.convex.cloud",
		SiteURL:   "https://happy-otter-123.convex.site",
	})
	if err != nil {
		log.Fatal(err) // lists every configuration problem with its fix
	}
	mux := http.NewServeMux()
	mux.Handle("/api/auth/", auth.AuthHandler())
	mux.HandleFunc("/dashboard", func(w http.ResponseWriter, r *http.Request) {
		s, _ := betterauth.SessionFromContext(r.Context())
		fmt.Fprintf(w, "hello %s", s.Name)
	})
	protect := auth.Protect([]betterauth.Route{
		{Prefix: "/dashboard", Unauthenticated: betterauth.Redirect},
		{Prefix: "/api/", Unauthenticated: betterauth.Status401},
	})
	_ = http.Handler(protect(mux)) // pass to http.ListenAndServe
	fmt.Println(betterauth.CookieNames("", true).ConvexJWT)
	// Output: __Secure-better-auth.convex_jwt
}
