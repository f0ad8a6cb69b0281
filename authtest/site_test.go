package authtest

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// do sends a request and returns the status, Set-Cookie headers and body.
func do(t *testing.T, method, url, body string, header http.Header) (int, []string, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Values("Set-Cookie"), string(b)
}

func cookieHeader(cookies []*http.Cookie) http.Header {
	var parts []string
	for _, c := range cookies {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return http.Header{"Cookie": {strings.Join(parts, "; ")}}
}

// attributes returns a Set-Cookie header without its value.
func attributes(setCookie string) string {
	name, rest, _ := strings.Cut(setCookie, "=")
	_, attrs, _ := strings.Cut(rest, ";")
	return name + ";" + attrs
}

func TestSignUpSetsBetterAuthCookies(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		session string
		jwt     string
	}{
		{"default", nil,
			"better-auth.session_token; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax",
			"better-auth.convex_jwt; Max-Age=900; Path=/; HttpOnly; SameSite=Lax"},
		{"secure", []Option{WithSecureCookies()},
			"__Secure-better-auth.session_token; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax",
			"__Secure-better-auth.convex_jwt; Max-Age=900; Path=/; HttpOnly; Secure; SameSite=Lax"},
		{"prefix and lifetimes", []Option{WithCookiePrefix("myapp"), WithSecureCookies(), WithTokenLifetime(time.Minute), WithSessionLifetime(time.Hour)},
			"__Secure-myapp.session_token; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax",
			"__Secure-myapp.convex_jwt; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Lax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(t, tt.opts...)
			status, setCookies, body := do(t, "POST", d.AuthURL("sign-up/email"), `{"email":"a@example.com","password":"password1234","name":"Alice"}`, nil)
			if status != 200 || len(setCookies) != 2 {
				t.Fatalf("sign-up: %d %q %s", status, setCookies, body)
			}
			if got := attributes(setCookies[0]); got != tt.session {
				t.Errorf("session cookie = %q, want %q", got, tt.session)
			}
			if got := attributes(setCookies[1]); got != tt.jwt {
				t.Errorf("jwt cookie = %q, want %q", got, tt.jwt)
			}
			var resp struct {
				Token string         `json:"token"`
				User  map[string]any `json:"user"`
			}
			if err := json.Unmarshal([]byte(body), &resp); err != nil {
				t.Fatal(err)
			}
			// The cookie value is encodeURIComponent(token + "." + base64(HMAC)).
			value := strings.TrimPrefix(strings.SplitN(setCookies[0], ";", 2)[0], d.SessionCookieName()+"=")
			if !strings.HasPrefix(value, resp.Token+".") || !strings.HasSuffix(value, "%3D") || strings.ContainsAny(value, "+/=") {
				t.Errorf("session cookie value %q does not look like encodeURIComponent(%s.<base64 hmac>)", value, resp.Token)
			}
			if resp.User["email"] != "a@example.com" || resp.User["name"] != "Alice" {
				t.Errorf("user = %v", resp.User)
			}
		})
	}
}

func TestSessionCookieIsHMACSigned(t *testing.T) {
	d := New(t, WithSecret("test-secret-test-secret-test-secret-1234"))
	// The Set-Cookie value real better-auth 1.6.15 sent for this session token and secret.
	got := signCookieValue("test-secret-test-secret-test-secret-1234", "rOpIJ7ZX2UFvCL4IAV9H5iI8ywlzbKuO")
	if want := "rOpIJ7ZX2UFvCL4IAV9H5iI8ywlzbKuO.zmfquOUIjKZ15pKwiwCyPdfGmk549BRuPydQly2IRIo%3D"; got != want {
		t.Fatalf("signed value %q, want %q", got, want)
	}
	if v, ok := verifySignedValue(d.settings.secret, got); !ok || v != "rOpIJ7ZX2UFvCL4IAV9H5iI8ywlzbKuO" {
		t.Fatalf("verify(%q) = %q, %v", got, v, ok)
	}
	for _, hostile := range []string{
		"", ".", "rOpIJ7ZX2UFvCL4IAV9H5iI8ywlzbKuO", "rOpIJ7ZX2UFvCL4IAV9H5iI8ywlzbKuO.",
		"rOpIJ7ZX2UFvCL4IAV9H5iI8ywlzbKuO.AAAA", "x" + got, strings.Replace(got, "%3D", "", 1), "%zz.%zz",
	} {
		if v, ok := verifySignedValue(d.settings.secret, hostile); ok {
			t.Errorf("verify(%q) accepted, value %q", hostile, v)
		}
	}
}

func TestTokenEndpoint(t *testing.T) {
	d := New(t)
	cookies := d.SignUp(t, "alice@example.com", "password1234", "Alice")

	status, setCookies, body := do(t, "GET", d.AuthURL("convex/token"), "", cookieHeader(cookies))
	if status != 200 || len(setCookies) != 1 || !strings.HasPrefix(setCookies[0], "better-auth.convex_jwt=ey") {
		t.Fatalf("token: %d %q %s", status, setCookies, body)
	}
	var resp struct{ Token string }
	json.Unmarshal([]byte(body), &resp)

	header, payload := decodeParts(t, resp.Token)
	if want := `{"alg":"RS256","kid":"` + d.keys[0].kid + `"}`; header != want {
		t.Errorf("header = %s, want %s", header, want)
	}
	if keys := jsonKeys(t, payload); !slices.Equal(keys, []string{"iat", "name", "email", "emailVerified", "createdAt", "updatedAt", "sessionId", "sub", "exp", "iss", "aud"}) {
		t.Errorf("claim order = %v", keys)
	}
	var claims map[string]any
	json.Unmarshal([]byte(payload), &claims)
	if claims["iss"] != d.SiteURL() || claims["aud"] != "convex" || claims["exp"].(float64)-claims["iat"].(float64) != 900 {
		t.Errorf("claims = %v", claims)
	}

	// The token verifies against the published JWKS.
	_, _, jwksBody := do(t, "GET", d.AuthURL("convex/jwks"), "", nil)
	var set jose.JSONWebKeySet
	if err := json.Unmarshal([]byte(jwksBody), &set); err != nil {
		t.Fatal(err)
	}
	jws, err := jose.ParseSignedCompact(resp.Token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jws.Verify(set.Key(jws.Signatures[0].Header.KeyID)[0]); err != nil {
		t.Errorf("token does not verify with the JWKS: %v", err)
	}
	if keys := jsonKeys(t, strings.TrimSuffix(strings.TrimPrefix(jwksBody, `{"keys":[`), "]}")); !slices.Equal(keys, []string{"alg", "kty", "n", "e", "kid"}) {
		t.Errorf("JWK key order = %v", keys)
	}

	// Bearer with the session token, signed or not (bearer plugin).
	sessionToken := strings.SplitN(cookies[0].Value, ".", 2)[0]
	for _, auth := range []string{"Bearer " + sessionToken, "Bearer " + cookies[0].Value} {
		if status, _, body := do(t, "GET", d.AuthURL("convex/token"), "", http.Header{"Authorization": {auth}}); status != 200 {
			t.Errorf("%s: %d %s", auth, status, body)
		}
	}
}

func TestTokenEndpointWithoutSession(t *testing.T) {
	d := New(t)
	cookies := d.SignUp(t, "alice@example.com", "password1234", "Alice")
	forged := cookies[0].Value[:len(cookies[0].Value)-6] + "AAA%3D"
	for name, header := range map[string]http.Header{
		"no cookie":         nil,
		"unsigned cookie":   {"Cookie": {d.SessionCookieName() + "=" + strings.SplitN(cookies[0].Value, ".", 2)[0]}},
		"forged signature":  {"Cookie": {d.SessionCookieName() + "=" + forged}},
		"other cookie name": {"Cookie": {"__Secure-better-auth.session_token=" + cookies[0].Value}},
		"bearer garbage":    {"Authorization": {"Bearer nope.nope"}},
	} {
		status, setCookies, body := do(t, "GET", d.AuthURL("convex/token"), "", header)
		if status != 401 || body != `{"message":"Unauthorized","code":"UNAUTHORIZED"}` || len(setCookies) != 0 {
			t.Errorf("%s: %d %q %s", name, status, setCookies, body)
		}
	}
}

func TestGetSession(t *testing.T) {
	d := New(t)
	cookies := d.SignUp(t, "alice@example.com", "password1234", "Alice")
	status, setCookies, body := do(t, "GET", d.AuthURL("get-session"), "", cookieHeader(cookies))
	if status != 200 || len(setCookies) != 1 || !strings.HasPrefix(setCookies[0], "better-auth.convex_jwt=ey") {
		t.Fatalf("get-session: %d %q %s", status, setCookies, body)
	}
	var resp map[string]json.RawMessage
	json.Unmarshal([]byte(body), &resp)
	if keys := jsonKeys(t, string(resp["session"])); !slices.Equal(keys, []string{"expiresAt", "token", "createdAt", "updatedAt", "ipAddress", "userAgent", "userId", "id"}) {
		t.Errorf("session keys = %v", keys)
	}
	if keys := jsonKeys(t, string(resp["user"])); !slices.Equal(keys, []string{"name", "email", "emailVerified", "createdAt", "updatedAt", "id"}) {
		t.Errorf("user keys = %v", keys)
	}

	status, setCookies, body = do(t, "GET", d.AuthURL("get-session"), "", nil)
	if status != 200 || body != "null" || !slices.Equal(setCookies, []string{"better-auth.convex_jwt=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"}) {
		t.Errorf("anonymous get-session: %d %q %s", status, setCookies, body)
	}
}

func TestSignOutClearsCookiesAndSession(t *testing.T) {
	d := New(t, WithSecureCookies())
	d.SignUp(t, "alice@example.com", "password1234", "Alice")
	cookies := d.SignIn(t, "alice@example.com", "password1234")
	header := cookieHeader(cookies)
	header.Set("Origin", d.SiteURL())
	status, setCookies, body := do(t, "POST", d.AuthURL("sign-out"), "{}", header)
	want := []string{
		"__Secure-better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
		"__Secure-better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
		"__Secure-better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
		"__Secure-better-auth.convex_jwt=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
	}
	if status != 200 || body != `{"success":true}` || !slices.Equal(setCookies, want) {
		t.Fatalf("sign-out: %d %q %s", status, setCookies, body)
	}
	// better-auth ≥ 1.6.27: the 401 for a signed cookie whose session is
	// gone clears the session cookies (not convex_jwt).
	status, setCookies, _ = do(t, "GET", d.AuthURL("convex/token"), "", cookieHeader(cookies))
	if status != 401 || !slices.Equal(setCookies, want[:3]) {
		t.Errorf("token after sign-out: %d %q, want 401 clearing %q", status, setCookies, want[:3])
	}
}

func TestSessionExtendedAfterUpdateAge(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	clock := func() time.Time { return time.Unix(0, now.Load()) }
	d := New(t, WithClock(clock), WithSessionLifetime(2*time.Hour), WithSessionUpdateAge(time.Hour))
	cookies := d.SignUp(t, "alice@example.com", "password1234", "Alice")
	token := func() (int, []string) {
		t.Helper()
		status, setCookies, _ := do(t, "GET", d.AuthURL("convex/token"), "", cookieHeader(cookies))
		return status, setCookies
	}

	now.Add(int64(59 * time.Minute))
	if status, setCookies := token(); status != 200 || len(setCookies) != 1 || !strings.HasPrefix(setCookies[0], "better-auth.convex_jwt=") {
		t.Fatalf("within updateAge: %d %q, want 200 setting convex_jwt only", status, setCookies)
	}
	now.Add(int64(2 * time.Minute))
	status, setCookies := token()
	if status != 200 || len(setCookies) != 2 || attributes(setCookies[0]) != "better-auth.session_token; Max-Age=7200; Path=/; HttpOnly; SameSite=Lax" {
		t.Fatalf("after updateAge: %d %q, want 200 re-setting the session cookie with Max-Age=7200, then convex_jwt", status, setCookies)
	}
	// Extended: 1h59m after the extension the session still lives, where
	// the original expiry (2h after sign-up) has passed.
	now.Add(int64(time.Hour + 59*time.Minute))
	if status, setCookies := token(); status != 200 {
		t.Fatalf("after the original expiry: %d %q, want 200: the session was extended", status, setCookies)
	}
	now.Add(int64(2*time.Hour + time.Minute))
	if status, setCookies := token(); status != 401 || len(setCookies) != 3 || !strings.HasPrefix(setCookies[0], "better-auth.session_token=;") {
		t.Fatalf("expired: %d %q, want 401 clearing the session cookies", status, setCookies)
	}
}

func TestSignInErrors(t *testing.T) {
	d := New(t)
	d.SignUp(t, "alice@example.com", "password1234", "Alice")
	for _, tt := range []struct {
		path, body string
		status     int
		want       string
	}{
		{"sign-in/email", `{"email":"alice@example.com","password":"wrong-password"}`, 401, `{"message":"Invalid email or password","code":"INVALID_EMAIL_OR_PASSWORD"}`},
		{"sign-in/email", `{"email":"bob@example.com","password":"password1234"}`, 401, `{"message":"Invalid email or password","code":"INVALID_EMAIL_OR_PASSWORD"}`},
		{"sign-up/email", `{"email":"alice@example.com","password":"password1234","name":"A"}`, 422, `{"message":"User already exists. Use another email.","code":"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"}`},
		{"sign-up/email", `{"email":"b@example.com","password":"short","name":"B"}`, 400, `{"message":"Password too short","code":"PASSWORD_TOO_SHORT"}`},
		{"sign-up/email", `{"email":"not-an-email","password":"password1234","name":"B"}`, 400, `{"message":"[body.email] Invalid email address","code":"VALIDATION_ERROR"}`},
		{"sign-up/email", `{"password":"password1234","name":"B"}`, 400, `{"message":"[body.email] Invalid input: expected string, received undefined","code":"VALIDATION_ERROR"}`},
		{"sign-in/email", `{nope`, 500, ``},
	} {
		status, setCookies, body := do(t, "POST", d.AuthURL(tt.path), tt.body, nil)
		if status != tt.status || body != tt.want || len(setCookies) != 0 {
			t.Errorf("%s %s: %d %q %s, want %d %s", tt.path, tt.body, status, setCookies, body, tt.status, tt.want)
		}
	}
}

func decodeParts(t *testing.T, jwt string) (header, payload string) {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("not a compact JWS: %q", jwt)
	}
	h, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	p, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	if err1 != nil || err2 != nil {
		t.Fatalf("bad base64 in %q", jwt)
	}
	return string(h), string(p)
}

// jsonKeys returns the keys of a JSON object in document order.
func jsonKeys(t *testing.T, object string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(object))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", object)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}
