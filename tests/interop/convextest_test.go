package interop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/convex"
	"github.com/authgen/authgen/internal/nodeharness"
)

// The functions of tests/node/interop-convex, as generated code references them.
type (
	currentUser struct {
		ID              string `json:"id"`
		TokenIdentifier string `json:"tokenIdentifier"`
		Email           string `json:"email"`
		Name            string `json:"name"`
		SessionID       string `json:"sessionId"`
	}
	listArgs struct {
		Channel string   `json:"channel"`
		Limit   *float64 `json:"limit,omitempty"`
	}
	sendArgs struct {
		Channel string `json:"channel"`
		Body    string `json:"body"`
	}
	message struct {
		Body   string `json:"body"`
		Author string `json:"author"`
		Seq    int64  `json:"seq"`
	}
)

var (
	getCurrentUser = convex.NewQuery[struct{}, *currentUser]("auth:getCurrentUser")
	listMessages   = convex.NewQuery[listArgs, []message]("messages:list")
	sendMessage    = convex.NewMutation[sendArgs, string]("messages:send")
	purgeMessages  = convex.NewMutation[struct{}, any]("messages:purge")
)

// TestRealFunctionsBehindConvexTest: the real Better Auth issues the
// session and JWT, convex-test runs real Convex function code verifying
// that JWT against the real JWKS, and the Go runtime (what generated code
// calls) goes through both.
func TestRealFunctionsBehindConvexTest(t *testing.T) {
	ba := nodeharness.StartBetterAuth(t, nodeharness.BetterAuthOptions{})
	functions := nodeharness.Start(t, "interop-convex-test-server.mjs", map[string]string{
		"ISSUER":   ba.URL,
		"JWKS_URL": ba.AuthURL("/convex/jwks"),
	})
	auth, err := betterauth.New(betterauth.Config{ConvexURL: functions.URL, SiteURL: ba.URL, HTTPClient: nodeharness.NewHTTPClient()}, betterauth.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	cookies, err := ba.SignUp("alice@example.com", "password1234", "Alice")
	if err != nil {
		t.Fatal(err)
	}

	// The app: every request resolves its session, then calls Convex.
	app := httptest.NewServer(auth.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var out struct {
			User     *currentUser `json:"user"`
			Sent     string       `json:"sent,omitempty"`
			Messages []message    `json:"messages"`
			Error    string       `json:"error,omitempty"`
			Data     string       `json:"data,omitempty"`
		}
		var err error
		if out.User, err = betterauth.FetchAuthQuery(ctx, auth, getCurrentUser, struct{}{}); err != nil {
			http.Error(w, "getCurrentUser: "+err.Error(), 500)
			return
		}
		if body := r.URL.Query().Get("send"); body != "" {
			out.Sent, err = betterauth.FetchAuthMutation(ctx, auth, sendMessage, sendArgs{Channel: "general", Body: body})
			var ce *convex.ConvexError
			if errors.As(err, &ce) {
				data, _ := convex.Marshal(ce.Data)
				out.Error, out.Data = "ConvexError", string(data)
			} else if err != nil {
				out.Error = err.Error()
			}
		}
		if out.Messages, err = betterauth.FetchAuthQuery(ctx, auth, listMessages, listArgs{Channel: "general"}); err != nil {
			http.Error(w, "list: "+err.Error(), 500)
			return
		}
		json.NewEncoder(w).Encode(out)
	})))
	defer app.Close()

	get := func(query string, withCookies bool) string {
		t.Helper()
		req, _ := http.NewRequest("GET", app.URL+"/?"+query, nil)
		if withCookies {
			for _, c := range cookies {
				req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
			}
		}
		resp, err := nodeharness.NewHTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		fmt.Fprint(&b, resp.StatusCode, " ")
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return strings.TrimSpace(b.String())
	}

	signedIn := get("send=hello", true)
	for _, want := range []string{`200 {"user":{"id":"`, `"email":"alice@example.com","name":"Alice","sessionId":"`, `"sent":"`, `"messages":[{"body":"hello","author":"alice@example.com","seq":1}]`} {
		if !strings.Contains(signedIn, want) {
			t.Errorf("signed in: %s\nlacks %s", signedIn, want)
		}
	}
	if !strings.Contains(signedIn, `"tokenIdentifier":"`+ba.URL+`|`) {
		t.Errorf("tokenIdentifier is not <issuer>|<subject>: %s", signedIn)
	}
	anonymous := get("send=spam", false)
	if want := `200 {"user":null,"messages":[{"body":"hello","author":"alice@example.com","seq":1}],"error":"ConvexError","data":"{\"code\":\"UNAUTHENTICATED\",\"retryable\":false}"}`; anonymous != want {
		t.Errorf("anonymous:\n got %s\nwant %s", anonymous, want)
	}

	// Straight through the client: an internal function is not callable, a
	// wrong type is named, a forged token is refused before the function runs.
	client, err := convex.NewClient(functions.URL, convex.WithHTTPClient(nodeharness.NewHTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, err = convex.Mutation(ctx, client, purgeMessages, struct{}{})
	var fe *convex.FunctionError
	if !errors.As(err, &fe) || !strings.Contains(fe.Message, "Could not find public function for 'messages:purge'.") {
		t.Errorf("internal function: %v", err)
	}
	err = client.Call(ctx, convex.KindMutation, "messages:list", listArgs{Channel: "general"}, nil)
	if !errors.As(err, &fe) || !strings.Contains(fe.Message, "Trying to execute messages:list as Mutation, but it is defined as Query.") {
		t.Errorf("wrong type: %v", err)
	}
	token, _, err := ba.Token(cookies)
	if err != nil || token == "" {
		t.Fatalf("token: %q %v", token, err)
	}
	forged := token[:len(token)-4] + "AAAA"
	_, err = convex.Query(ctx, client, getCurrentUser, struct{}{}, convex.WithToken(forged))
	var ae *convex.AuthError
	if !errors.As(err, &ae) || !errors.Is(err, convex.ErrUnauthenticated) || ae.Code != "InvalidAuthHeader" {
		t.Errorf("forged token: %v", err)
	}
	user, err := convex.Query(ctx, client, getCurrentUser, struct{}{}, convex.WithToken(token))
	if err != nil || user == nil || user.Email != "alice@example.com" {
		t.Errorf("real token: %+v %v", user, err)
	}
}
