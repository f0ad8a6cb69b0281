package authtest_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
)

// The betterauth server-side client works against authtest as against the
// real Better Auth (betterauth/accounts_real_test.go): sign-up, sign-in,
// get-session, list and revoke sessions, sign-out.
func TestAccountsClient(t *testing.T) {
	const origin = "http://app.test"
	d := authtest.New(t, authtest.WithTrustedOrigins(origin))
	auth, err := betterauth.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	jar := func(set betterauth.SetCookies) func(method string) *http.Request {
		return func(method string) *http.Request {
			r := httptest.NewRequest(method, origin+"/account", nil)
			r.Header.Set("Origin", origin)
			for _, line := range set {
				if c, err := http.ParseSetCookie(line); err == nil && c.MaxAge >= 0 && c.Value != "" {
					r.AddCookie(c)
				}
			}
			return r
		}
	}
	anon := jar(nil)

	up, err := auth.SignUpEmail(anon("POST"), betterauth.SignUpEmail{Name: "Alice", Email: "alice@example.com", Password: "password1234"})
	if err != nil || up.User.Email != "alice@example.com" || up.Token == "" {
		t.Fatalf("sign-up: %+v, %v", up, err)
	}
	if _, err := auth.SignUpEmail(anon("POST"), betterauth.SignUpEmail{Name: "A", Email: "alice@example.com", Password: "password1234"}); !errors.Is(err, betterauth.ErrUserAlreadyExists) {
		t.Errorf("duplicate sign-up: %v", err)
	}
	if _, err := auth.SignInEmail(anon("POST"), betterauth.SignInEmail{Email: "alice@example.com", Password: "wrong-password"}); !errors.Is(err, betterauth.ErrInvalidEmailOrPassword) {
		t.Errorf("wrong password: %v", err)
	}
	in, err := auth.SignInEmail(anon("POST"), betterauth.SignInEmail{Email: "alice@example.com", Password: "password1234"})
	if err != nil {
		t.Fatal(err)
	}
	laptop, phone := jar(up.Cookies), jar(in.Cookies)

	info, _, err := auth.GetSession(laptop("GET"))
	if err != nil || info == nil || info.User.Email != "alice@example.com" || info.Session.ExpiresAt.IsZero() {
		t.Fatalf("get-session: %+v, %v", info, err)
	}
	if none, _, err := auth.GetSession(anon("GET")); none != nil || err != nil {
		t.Errorf("anonymous get-session: %+v, %v", none, err)
	}
	sessions, err := auth.ListSessions(laptop("GET"))
	if err != nil || len(sessions) != 2 {
		t.Fatalf("list-sessions: %v, %v", sessions, err)
	}
	if _, err := auth.ListSessions(anon("GET")); !errors.Is(err, betterauth.ErrUnauthorized) {
		t.Errorf("anonymous list-sessions: %v", err)
	}
	if err := auth.RevokeOtherSessions(laptop("POST")); err != nil {
		t.Fatal(err)
	}
	if info, _, _ := auth.GetSession(phone("GET")); info != nil {
		t.Error("the phone's session survived revoke-other-sessions")
	}
	if sessions, _ := auth.ListSessions(laptop("GET")); len(sessions) != 1 || sessions[0].ID != info.Session.ID {
		t.Errorf("after revoke-other-sessions: %v", sessions)
	}
	if err := auth.RevokeSession(laptop("POST"), info.Session.Token); err != nil {
		t.Fatal(err)
	}
	if info, _, _ := auth.GetSession(laptop("GET")); info != nil {
		t.Error("the laptop's session survived revoke-session")
	}
	if cookies, err := auth.SignOut(laptop("POST")); err != nil || len(cookies) == 0 {
		t.Errorf("sign-out: %q, %v", cookies, err)
	}
}
