package authtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// SignUp creates a user through POST {BasePath}/sign-up/email, as a browser
// would, and returns the cookies Better Auth set (the session cookie and the
// convex_jwt cookie). It fails the test on any other answer than 200.
func (d *Deployment) SignUp(t testing.TB, email, password, name string) []*http.Cookie {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": password, "name": name})
	cookies, err := d.postAuth("sign-up/email", body)
	if err != nil {
		t.Fatalf("authtest: sign-up %s: %v", email, err)
	}
	return cookies
}

// SignIn opens a new session for an existing user through POST
// {BasePath}/sign-in/email and returns the cookies Better Auth set. It fails
// the test on any other answer than 200.
func (d *Deployment) SignIn(t testing.TB, email, password string) []*http.Cookie {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	cookies, err := d.postAuth("sign-in/email", body)
	if err != nil {
		t.Fatalf("authtest: sign-in %s: %v", email, err)
	}
	return cookies
}

// Token mints a Convex JWT for the session in cookies through GET
// {BasePath}/convex/token. It fails the test on any other answer than 200.
func (d *Deployment) Token(t testing.TB, cookies []*http.Cookie) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, d.AuthURL("convex/token"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	status, body, _, err := roundTrip(req)
	if err != nil {
		t.Fatalf("authtest: token: %v", err)
	}
	var resp struct {
		Token string `json:"token"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &resp) != nil || resp.Token == "" {
		t.Fatalf("authtest: token: status %d: %s", status, body)
	}
	return resp.Token
}

func (d *Deployment) postAuth(endpoint string, body []byte) ([]*http.Cookie, error) {
	req, err := http.NewRequest(http.MethodPost, d.AuthURL(endpoint), strings.NewReader(string(body)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", d.site.URL)
	status, respBody, cookies, err := roundTrip(req)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("status %d: %s", status, respBody)
	}
	return cookies, nil
}

func roundTrip(req *http.Request) (int, []byte, []*http.Cookie, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("reading response: %w", err)
	}
	return resp.StatusCode, body, resp.Cookies(), nil
}
