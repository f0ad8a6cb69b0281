package betterauth

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAccountsUnavailable(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	f.srv.Close()
	r := request("/sign-in", "better-auth.session_token=sess-abc.sig")
	_, err := a.SignInEmail(r, SignInEmail{Email: "a@example.com", Password: "pw"})
	var apiErr *APIError
	if !errors.Is(err, ErrAuthUnavailable) || !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadGateway {
		t.Errorf("sign-in with Better Auth down: %v", err)
	}
	if errors.Is(err, ErrInvalidEmailOrPassword) {
		t.Error("an outage matched ErrInvalidEmailOrPassword")
	}
	// Sign-out still clears the browser's cookies, and says it could not
	// reach Better Auth.
	cookies, err := a.SignOut(r)
	if !errors.Is(err, ErrAuthUnavailable) {
		t.Errorf("sign-out with Better Auth down: %v", err)
	}
	joined := strings.Join(cookies, "\n")
	if !strings.Contains(joined, "better-auth.session_token=;") || !strings.Contains(joined, "better-auth.convex_jwt=;") {
		t.Errorf("sign-out cookies %q do not clear both cookies", cookies)
	}
}

func TestAccountsSignOutThroughFakeSite(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	cookies, err := a.SignOut(request("/sign-out", f.validCookie))
	if err != nil || f.signOuts.Load() != 1 || len(cookies) != 2 {
		t.Fatalf("sign-out: %q, %v, %d calls", cookies, err, f.signOuts.Load())
	}
	if s, _, _ := sessionOf(a, request("/", "better-auth.session_token=sess-abc.sig")); s != nil {
		t.Error("session cookie still signs in after SignOut")
	}
}

func TestTimeUnmarshal(t *testing.T) {
	want := time.Date(2026, 12, 6, 0, 42, 40, 997e6, time.UTC)
	for _, in := range []string{`"2026-12-06T00:42:40.997Z"`, `1796517760997`, ` 1796517760997 `} {
		var got Time
		if err := got.UnmarshalJSON([]byte(in)); err != nil || !got.Equal(want) {
			t.Errorf("%s: %v, %v", in, got, err)
		}
	}
	var z Time
	if err := z.UnmarshalJSON([]byte("null")); err != nil || !z.IsZero() {
		t.Errorf("null: %v %v", z, err)
	}
	for _, bad := range []string{`"yesterday"`, `true`, `{}`, `"`} {
		if err := new(Time).UnmarshalJSON([]byte(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func FuzzTimeUnmarshal(f *testing.F) {
	for _, s := range []string{`"2026-12-06T00:42:40.997Z"`, `1796517760997`, `null`, `1e400`, `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Time
		_ = v.UnmarshalJSON(b) // must not panic
	})
}

func TestAPIErrorMatching(t *testing.T) {
	e := newAPIError("/sign-up/email", 422, []byte(`{"code":"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL","message":"User already exists. Use another email."}`))
	if !errors.Is(e, ErrUserAlreadyExists) || errors.Is(e, ErrInvalidEmail) || errors.Is(e, ErrAuthUnavailable) {
		t.Errorf("%v matches wrongly", e)
	}
	if e := newAPIError("/list-sessions", 401, []byte(`not json`)); !errors.Is(e, ErrUnauthorized) || e.Message != "Unauthorized" {
		t.Errorf("401 without body: %v", e)
	}
}
