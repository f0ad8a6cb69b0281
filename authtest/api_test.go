package authtest

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

type listArgs struct {
	Channel string `json:"channel"`
	Limit   *int64 `json:"limit,omitempty"`
}

type message struct {
	Body   string `json:"body"`
	Author string `json:"author"`
	Seq    int64  `json:"seq"`
}

// newMessages is a deployment with a messages module used by the tests below.
func newMessages(t *testing.T, opts ...Option) *Deployment {
	d := New(t, opts...)
	Query(d, "messages:list", func(ctx context.Context, id *Identity, args listArgs) ([]message, error) {
		author := "anonymous"
		if id != nil {
			author = id.Email()
		}
		return []message{{Body: "hello " + args.Channel, Author: author, Seq: math.MaxInt64}}, nil
	})
	Mutation(d, "messages:send", func(ctx context.Context, id *Identity, args struct{ Body string }) (string, error) {
		if id == nil {
			return "", ConvexError(map[string]any{"code": "Unauthenticated", "n": int64(7)})
		}
		if args.Body == "" {
			return "", errors.New("empty body")
		}
		return "id:" + args.Body, nil
	})
	return d
}

// call posts a function request and decodes the JSON answer.
func call(t *testing.T, d *Deployment, kind, body string, header http.Header) (int, map[string]any) {
	t.Helper()
	h := http.Header{"Content-Type": {"application/json"}}
	for k, v := range header {
		h[k] = v
	}
	status, _, respBody := do(t, "POST", d.ConvexURL()+"/api/"+kind, body, h)
	var out map[string]any
	if err := json.Unmarshal([]byte(respBody), &out); err != nil {
		t.Fatalf("%s %s: not JSON: %q", kind, body, respBody)
	}
	return status, out
}

func bearer(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }

func TestFunctionCalls(t *testing.T) {
	d := newMessages(t)
	token := d.Token(t, d.SignUp(t, "alice@example.com", "password1234", "Alice"))

	status, out := call(t, d, "query", `{"path":"messages:list","format":"convex_encoded_json","args":[{"channel":"general"}]}`, bearer(token))
	want := `[{"author":"alice@example.com","body":"hello general","seq":{"$integer":"/////////38="}}]`
	if got, _ := json.Marshal(out["value"]); status != 200 || out["status"] != "success" || string(got) != want {
		t.Errorf("authenticated query: %d %v", status, out)
	}
	// Clean format (format omitted): int64 as a decimal string.
	_, out = call(t, d, "query", `{"path":"messages.js:list","args":{"channel":"x"}}`, nil)
	if got, _ := json.Marshal(out["value"]); string(got) != `[{"author":"anonymous","body":"hello x","seq":"9223372036854775807"}]` {
		t.Errorf("clean query value = %s", got)
	}
	if calls := d.CallsTo("/api/query"); len(calls) != 2 || calls[0].Function != "messages:list" || !calls[0].Authorization || calls[1].Authorization || calls[0].Status != 200 {
		t.Errorf("calls = %+v", calls)
	}
}

func TestFunctionErrors(t *testing.T) {
	d := newMessages(t)
	token := d.Token(t, d.SignUp(t, "alice@example.com", "password1234", "Alice"))
	tests := []struct {
		name, kind, body string
		header           http.Header
		message          string // prefix after "[Request ID: …] Server Error\n"
		data             string // errorData JSON, "" when absent
	}{
		{"ConvexError", "mutation", `{"path":"messages:send","format":"convex_encoded_json","args":[{"Body":"x"}]}`, nil,
			`Uncaught ConvexError: {"code":"Unauthenticated","n":7}` + "\n", `{"code":"Unauthenticated","n":{"$integer":"BwAAAAAAAAA="}}`},
		{"plain error", "mutation", `{"path":"messages:send","format":"convex_encoded_json","args":[{"Body":""}]}`, bearer(token),
			"Uncaught Error: empty body\n", ""},
		{"unknown function", "query", `{"path":"messages:nope","format":"convex_encoded_json","args":[{}]}`, nil,
			"Could not find public function for 'messages:nope'.", ""},
		{"wrong kind", "mutation", `{"path":"messages:list","format":"convex_encoded_json","args":[{}]}`, nil,
			"Trying to execute messages:list as Mutation, but it is defined as Query.", ""},
		{"bad arguments", "query", `{"path":"messages:list","format":"convex_encoded_json","args":[{"channel":5}]}`, nil,
			"ArgumentValidationError: ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out := call(t, d, tt.kind, tt.body, tt.header)
			msg, _ := out["errorMessage"].(string)
			_, rest, ok := strings.Cut(msg, "] Server Error\n")
			if status != 200 || out["status"] != "error" || !strings.HasPrefix(msg, "[Request ID: ") || !ok || !strings.HasPrefix(rest, tt.message) {
				t.Fatalf("%d %v", status, out)
			}
			data, hasData := out["errorData"]
			if got, _ := json.Marshal(data); hasData != (tt.data != "") || (hasData && string(got) != tt.data) {
				t.Errorf("errorData = %s (present %v), want %s", got, hasData, tt.data)
			}
		})
	}
}

func TestRequestErrors(t *testing.T) {
	d := newMessages(t)
	for _, tt := range []struct {
		name   string
		header http.Header
		body   string
		status int
		code   string
	}{
		{"no content type", http.Header{"Content-Type": {"text/plain"}}, `{"path":"messages:list","args":[{}]}`, 400, "BadJsonBody"},
		{"malformed JSON", nil, `{"path":`, 400, "BadJsonBody"},
		{"bad format", nil, `{"path":"messages:list","format":"yaml","args":[{}]}`, 400, "BadFormat"},
		{"bad path", nil, `{"path":"messages.ts:list","args":[{}]}`, 400, "BadConvexFunctionIdentifier"},
		{"admin key", http.Header{"Authorization": {"Convex prod:abc"}}, `{"path":"messages:list","args":[{}]}`, 400, "InvalidAdminKey"},
		{"short header", http.Header{"Authorization": {"Bear"}}, `{"path":"messages:list","args":[{}]}`, 400, "InvalidHeaderFailure"},
	} {
		status, out := call(t, d, "query", tt.body, tt.header)
		if status != tt.status || out["code"] != tt.code || out["message"] == "" {
			t.Errorf("%s: %d %v, want %d %s", tt.name, status, out, tt.status, tt.code)
		}
	}
}

// testClock is a settable clock, safe for the servers' goroutines.
type testClock struct{ unixNano atomic.Int64 }

func newTestClock(now time.Time) *testClock {
	c := &testClock{}
	c.set(now)
	return c
}

func (c *testClock) set(now time.Time) { c.unixNano.Store(now.UnixNano()) }
func (c *testClock) Now() time.Time    { return time.Unix(0, c.unixNano.Load()) }

func TestJWTChecks(t *testing.T) {
	now := time.Now()
	clock := newTestClock(now)
	d := newMessages(t, WithClock(clock.Now))
	cookies := d.SignUp(t, "alice@example.com", "password1234", "Alice")
	good := d.Token(t, cookies)
	body := `{"path":"messages:list","format":"convex_encoded_json","args":[{"channel":"c"}]}`

	reject := func(name, token, code, message string) {
		t.Helper()
		status, out := call(t, d, "query", body, bearer(token))
		if status != 401 || out["code"] != code || !strings.HasPrefix(out["message"].(string), message) {
			t.Errorf("%s: %d %v, want 401 %s %q", name, status, out, code, message)
		}
	}
	reject("not a JWT", "nope", "InvalidAuthHeader", "Could not parse JWT payload.")
	kid := d.keys[0].kid
	header := func(h string) string { return base64URL.EncodeToString([]byte(h)) }
	parts := strings.Split(good, ".")
	reject("alg none", header(`{"alg":"none","kid":"`+kid+`"}`)+"."+parts[1]+".", "InvalidAuthHeader", "Could not decode token. The JWT's 'kid' (key ID) header is '"+kid+"'")
	reject("alg HS256", header(`{"alg":"HS256","kid":"`+kid+`"}`)+"."+parts[1]+"."+parts[2], "InvalidAuthHeader", "Could not decode token. The JWT's 'kid' (key ID) header is '"+kid+"'")
	reject("no kid", header(`{"alg":"RS256"}`)+"."+parts[1]+"."+parts[2], "InvalidAuthHeader", "Could not decode token. JWT may be missing a 'kid' (key ID) header.")
	reject("no iss", parts[0]+"."+base64URL.EncodeToString([]byte(`{"sub":"x","aud":"convex"}`))+"."+parts[2], "InvalidAuthHeader", "Missing issuer claim ('iss') in JWT payload.")
	reject("tampered payload", tamper(good, `"sub":"`, `"sub":"x`), "InvalidAuthHeader", "Could not decode token. The JWT's 'kid' (key ID) header is '")

	// An expired token: 5 s of leeway, then biscuit's message.
	clock.set(now.Add(15*time.Minute + 4*time.Second))
	if status, _ := call(t, d, "query", body, bearer(good)); status != 200 {
		t.Errorf("token 4 s past exp: %d, want 200 (5 s leeway)", status)
	}
	clock.set(now.Add(15*time.Minute + 10*time.Second))
	reject("expired", good, "InvalidAuthHeader", "Could not validate token: Token expired 10 seconds ago")
	clock.set(now.Add(-time.Minute))
	reject("issued in the future", good, "InvalidAuthHeader", "Could not validate token: Token will be valid in 60 seconds")
	clock.set(now)

	if err := d.RotateKeys(); err != nil {
		t.Fatal(err)
	}
	reject("rotated key", good, "InvalidAuthHeader", "Could not decode token. The JWT's 'kid' (key ID) header is '")
	fresh := d.Token(t, cookies)
	d.FailJWKS(true)
	reject("JWKS down", fresh, "InvalidAuthHeader", "Could not fetch JWKS from URL '"+d.AuthURL("convex/jwks")+"': HTTP 500")
	d.FailJWKS(false)
	if status, out := call(t, d, "query", body, bearer(fresh)); status != 200 || out["status"] != "success" {
		t.Errorf("fresh token after rotation: %d %v", status, out)
	}
	if err := d.SignWithUnpublishedKey(true); err != nil {
		t.Fatal(err)
	}
	reject("unpublished key", d.Token(t, cookies), "InvalidAuthHeader", "Could not decode token. The JWT's 'kid'")
}

func TestIssuerAndAudienceMatching(t *testing.T) {
	body := `{"path":"messages:list","format":"convex_encoded_json","args":[{"channel":"c"}]}`
	check := func(name string, opts []Option, wantStatus int, wantCode string) {
		t.Helper()
		d := newMessages(t, opts...)
		token := d.Token(t, d.SignUp(t, "alice@example.com", "password1234", "Alice"))
		status, out := call(t, d, "query", body, bearer(token))
		if status != wantStatus || (wantCode != "" && out["code"] != wantCode) {
			t.Errorf("%s: %d %v, want %d %s", name, status, out, wantStatus, wantCode)
		}
	}
	check("default", nil, 200, "")
	check("wrong host", []Option{WithIssuer("https://other.convex.site")}, 401, "NoAuthProvider")
	check("other applicationID", []Option{WithApplicationID("my-app")}, 401, "NoAuthProvider")

	// A trailing slash passes the backend (it trims) but shows in the token
	// and in discovery.
	d := newMessages(t, WithIssuerTrailingSlash())
	token := d.Token(t, d.SignUp(t, "alice@example.com", "password1234", "Alice"))
	status, out := call(t, d, "query", body, bearer(token))
	if status != 200 || out["status"] != "success" {
		t.Errorf("trailing slash: %d %v", status, out)
	}
	if claims, _ := unverifiedPayload(token); claims["iss"] != d.SiteURL()+"/" {
		t.Errorf("trailing slash: token iss = %v, want %q", claims["iss"], d.SiteURL()+"/")
	}
	_, _, doc := do(t, "GET", d.AuthURL("convex/.well-known/openid-configuration"), "", nil)
	if want := `"issuer":"` + d.SiteURL() + `/"`; !strings.Contains(doc, want) {
		t.Errorf("trailing slash: discovery %s, want %s", doc, want)
	}
}

func TestProviderMatching(t *testing.T) {
	d := New(t)
	host := strings.TrimPrefix(d.SiteURL(), "http://")
	for _, tt := range []struct {
		iss  string
		aud  []string
		want bool
	}{
		{d.SiteURL(), []string{"convex"}, true},
		{d.SiteURL() + "/", []string{"convex"}, true},
		{d.SiteURL() + "//", []string{"other", "convex"}, true},
		{host, []string{"convex"}, false}, // no scheme: https:// is assumed
		{"https://" + host, []string{"convex"}, false},
		{d.SiteURL() + "/api", []string{"convex"}, false},
		{d.SiteURL(), nil, false},
		{d.SiteURL(), []string{"Convex"}, false},
		{"", []string{"convex"}, false},
	} {
		if got := d.providerMatches(tt.iss, tt.aud); got != tt.want {
			t.Errorf("providerMatches(%q, %q) = %v, want %v", tt.iss, tt.aud, got, tt.want)
		}
	}
}

func TestIdentityFlattensCustomClaims(t *testing.T) {
	id := identityFromClaims(map[string]any{
		"iss": "https://x.convex.site", "sub": "u1", "aud": "convex", "exp": 1.0, "iat": 1.0, "jti": "j", "fva": []any{1.0},
		"email": "a@example.com", "org": map[string]any{"id": 7.0, "team": map[string]any{"name": "core"}}, "given_name": "A",
	})
	if id.TokenIdentifier != "https://x.convex.site|u1" || id.Issuer != "https://x.convex.site" || id.Subject != "u1" {
		t.Errorf("identity = %+v", id)
	}
	if id.String("subject") != "u1" || id.String("tokenIdentifier") != id.TokenIdentifier || id.String("sub") != "" || id.String("org.id") != "" {
		t.Errorf("String: subject %q, tokenIdentifier %q, sub %q, org.id %q", id.String("subject"), id.String("tokenIdentifier"), id.String("sub"), id.String("org.id"))
	}
	want := map[string]any{"email": "a@example.com", "org.id": 7.0, "org.team.name": "core", "given_name": "A"}
	if got, _ := json.Marshal(id.Claims); string(got) != mustJSON(want) {
		t.Errorf("claims = %s, want %s", got, mustJSON(want))
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// tamper replaces old with new inside a JWT's payload, keeping the signature.
func tamper(token, old, new string) string {
	parts := strings.Split(token, ".")
	payload, _ := base64URL.DecodeString(parts[1])
	parts[1] = base64URL.EncodeToString([]byte(strings.Replace(string(payload), old, new, 1)))
	return strings.Join(parts, ".")
}

func TestCleanJSON(t *testing.T) {
	in := `{"a":[{"$integer":"//////////8="},{"$float":"AAAAAAAA+H8="},{"$float":"AAAAAAAA8H8="},{"$float":"AAAAAAAA8P8="},{"$float":"AAAAAAAAAIA="}],"b":{"$bytes":"AAEC/f7/"},"c":"<&>","d":{"x":1.5}}`
	want := `{"a":["-1","NaN","Infinity","-Infinity",-0],"b":"AAEC/f7/","c":"<&>","d":{"x":1.5}}`
	got, err := cleanJSON([]byte(in))
	if err != nil || string(got) != want {
		t.Errorf("cleanJSON = %s, %v\nwant %s", got, err, want)
	}
	for _, bad := range []string{`{"$integer":"AAAA"}`, `{"$float":"%%"}`, `{`} {
		if _, err := cleanJSON([]byte(bad)); err == nil {
			t.Errorf("cleanJSON(%s) accepted", bad)
		}
	}
}
