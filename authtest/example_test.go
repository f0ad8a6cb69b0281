package authtest_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/convex"
)

type ListArgs struct {
	Channel string `json:"channel"`
}

// A Go server in front of a fake deployment: the browser signs up through
// the app's /api/auth proxy, and the app's handler calls a Convex query with
// the signed-in user's token. In a test, use authtest.New(t) instead of
// Start and Close.
func Example() {
	d, err := authtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()

	// The fake's messages:list, as the real Convex function would behave.
	authtest.Query(d, "messages:list", func(ctx context.Context, id *authtest.Identity, args ListArgs) ([]string, error) {
		if id == nil {
			return nil, authtest.ConvexError("Unauthenticated")
		}
		return []string{"hello " + id.Name() + " in #" + args.Channel}, nil
	})

	// The app under test, configured exactly as in production.
	auth, err := betterauth.New(d.Config())
	if err != nil {
		log.Fatal(err)
	}
	list := convex.NewQuery[ListArgs, []string]("messages:list")
	mux := http.NewServeMux()
	mux.Handle("/api/auth/", auth.AuthHandler())
	mux.Handle("/messages", auth.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		messages, err := betterauth.FetchAuthQuery(r.Context(), auth, list, ListArgs{Channel: "general"})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, strings.Join(messages, "\n"))
	})))
	app := httptest.NewServer(mux)
	defer app.Close()

	// A browser: sign up through the app, then load the page.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	resp, err := browser.Post(app.URL+"/api/auth/sign-up/email", "application/json",
		strings.NewReader(`{"email":"alice@example.com","password":"password1234","name":"Alice"}`))
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	resp, err = browser.Get(app.URL + "/messages")
	if err != nil {
		log.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Print(string(page))

	// What reached the deployment: the sign-up, the JWKS the app fetched to
	// verify the convex_jwt cookie, one token mint that tells the app which
	// session the session cookie names (a JWT cookie of another session must
	// not win over it; later requests need no mint), then the query.
	for _, c := range d.Calls() {
		fmt.Println(c.Method, c.Path, c.Function, c.Authorization, c.Status)
	}
	// Output:
	// hello Alice in #general
	// POST /api/auth/sign-up/email  false 200
	// GET /api/auth/convex/jwks  false 200
	// GET /api/auth/convex/token  false 200
	// POST /api/query messages:list true 200
}
