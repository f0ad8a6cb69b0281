package doctor

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// testNow is the fixed local clock of every scenario.
var testNow = time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC)

const (
	testKid          = "kid-published"
	testSessionValue = "sessTOKENsecret123.c2lnbmF0dXJlLXNlY3JldA%3D%3D"
	testUserPath     = "auth:getCurrentUser"
)

var (
	keysOnce             sync.Once
	publishedKey, hidden *rsa.PrivateKey
)

func testKeys(t *testing.T) (*rsa.PrivateKey, *rsa.PrivateKey) {
	keysOnce.Do(func() {
		var err error
		if publishedKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
		if hidden, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	})
	return publishedKey, hidden
}

// fakeDeployment is a small Convex deployment running Better Auth with the
// convex() plugin: the site serves discovery, the JWKS and the token
// endpoint; the API serves /api/query for the current-user function. Each
// field is a misconfiguration a scenario can inject before calling doctor.
type fakeDeployment struct {
	site, api *httptest.Server

	key, otherKey *rsa.PrivateKey

	issuer               string        // iss served and put in tokens; default the site URL
	configIssuer         string        // auth.config.ts issuer Convex matches; default the site URL
	dateOffset           time.Duration // server clock minus testNow
	sessionCookieName    string        // the name Better Auth reads the session from
	pluginMissing        bool
	jwksDown             bool
	rejectForwardedHost  bool
	throwUnauthenticated bool
	signWithUnknownKid   bool
	echoCookieOn500      bool // a hostile deployment echoing the Cookie header in an error body
}

func newFake(t *testing.T) *fakeDeployment {
	t.Helper()
	key, other := testKeys(t)
	f := &fakeDeployment{key: key, otherKey: other, sessionCookieName: "better-auth.session_token"}
	apiLn, siteLn := consecutiveListeners(t)
	f.api = httptest.NewUnstartedServer(http.HandlerFunc(f.serveAPI))
	f.api.Listener = apiLn
	f.site = httptest.NewUnstartedServer(http.HandlerFunc(f.serveSite))
	f.site.Listener = siteLn
	f.api.Start()
	f.site.Start()
	t.Cleanup(f.api.Close)
	t.Cleanup(f.site.Close)
	f.issuer, f.configIssuer = f.site.URL, f.site.URL
	return f
}

// consecutiveListeners returns loopback listeners on ports N and N+1, the
// layout of a self-hosted backend, so a healthy fake passes env.twins.
func consecutiveListeners(t *testing.T) (net.Listener, net.Listener) {
	t.Helper()
	for range 50 {
		a, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := a.Addr().(*net.TCPAddr).Port
		b, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port+1))
		if err == nil {
			return a, b
		}
		a.Close()
	}
	t.Fatal("no two consecutive free loopback ports")
	return nil, nil
}

func (f *fakeDeployment) serverNow() time.Time { return testNow.Add(f.dateOffset) }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (f *fakeDeployment) serveSite(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Date", f.serverNow().Format(http.TimeFormat))
	if f.rejectForwardedHost && r.Header.Get("X-Forwarded-Host") != "" {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	path, found := strings.CutPrefix(r.URL.Path, "/api/auth/convex/")
	if !found || f.pluginMissing {
		http.NotFound(w, r)
		return
	}
	switch path {
	case ".well-known/openid-configuration":
		writeJSON(w, 200, map[string]string{"issuer": f.issuer, "jwks_uri": f.site.URL + "/api/auth/convex/jwks"})
	case "jwks":
		if f.jwksDown {
			writeJSON(w, 500, map[string]string{"message": "internal error"})
			return
		}
		writeJSON(w, 200, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &f.key.PublicKey, KeyID: testKid, Algorithm: "RS256"}}})
	case "token":
		if f.echoCookieOn500 && r.Header.Get("Cookie") != "" {
			writeJSON(w, 500, map[string]string{"message": "bad cookie: " + r.Header.Get("Cookie")})
			return
		}
		c, err := r.Cookie(f.sessionCookieName)
		if err != nil || c.Value != testSessionValue {
			writeJSON(w, 401, map[string]string{"message": "Unauthorized", "code": "UNAUTHORIZED"})
			return
		}
		writeJSON(w, 200, map[string]string{"token": f.mint(f.serverNow(), 15*time.Minute)})
	default:
		http.NotFound(w, r)
	}
}

// mint signs a token as the convex() plugin does: RS256, kid, iss, aud "convex".
func (f *fakeDeployment) mint(iat time.Time, lifetime time.Duration) string {
	key, kid := f.key, testKid
	if f.signWithUnknownKid {
		key, kid = f.otherKey, "kid-rotated-away"
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithHeader("kid", kid))
	if err != nil {
		panic(err)
	}
	claims, _ := json.Marshal(map[string]any{
		"iat": iat.Unix(), "name": "Alice", "sessionId": "session-1", "sub": "user-1",
		"exp": iat.Add(lifetime).Unix(), "iss": f.issuer, "aud": "convex",
	})
	jws, err := signer.Sign(claims)
	if err != nil {
		panic(err)
	}
	s, err := jws.CompactSerialize()
	if err != nil {
		panic(err)
	}
	return s
}

func (f *fakeDeployment) serveAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Date", f.serverNow().Format(http.TimeFormat))
	if r.URL.Path != "/api/query" || r.Header.Get("Content-Type") != "application/json" {
		writeJSON(w, 400, map[string]string{"code": "BadJsonBody", "message": "bad request"})
		return
	}
	var body struct {
		Path string `json:"path"`
	}
	json.NewDecoder(r.Body).Decode(&body)
	signedIn := false
	if auth := r.Header.Get("Authorization"); auth != "" {
		if code, msg := f.verify(strings.TrimPrefix(auth, "Bearer ")); code != "" {
			writeJSON(w, 401, map[string]string{"code": code, "message": msg})
			return
		}
		signedIn = true
	}
	switch {
	case body.Path != testUserPath:
		writeJSON(w, 200, map[string]any{"status": "error", "errorMessage": fmt.Sprintf("[Request ID: 1] Server Error\nCould not find public function for '%s'.\n", body.Path)})
	case signedIn:
		writeJSON(w, 200, map[string]any{"status": "success", "value": map[string]string{"_id": "user-1", "name": "Alice"}})
	case f.throwUnauthenticated:
		writeJSON(w, 200, map[string]any{"status": "error", "errorMessage": "[Request ID: 1] Server Error\nUncaught ConvexError: Unauthenticated\n    at getAuthUser (auth.ts:12)\n", "errorData": "Unauthenticated"})
	default:
		writeJSON(w, 200, map[string]any{"status": "success", "value": nil})
	}
}

// verify applies the backend's customJwt rules and returns its error code.
func (f *fakeDeployment) verify(token string) (code, message string) {
	p, err := decodeJWT(token)
	if err != nil {
		return "InvalidAuthHeader", "Could not parse JWT payload."
	}
	if strings.TrimRight(p.Iss, "/") != strings.TrimRight(f.configIssuer, "/") || !p.hasAudience("convex") {
		return "NoAuthProvider", fmt.Sprintf("No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [CustomJWT(issuer=%s, app_id=convex)]", f.configIssuer)
	}
	jws, err := jose.ParseSigned(token, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil || p.Kid != testKid {
		return "InvalidAuthHeader", "Could not decode token: kid not found"
	}
	if _, err := jws.Verify(&f.key.PublicKey); err != nil {
		return "InvalidAuthHeader", "Could not decode token: bad signature"
	}
	if f.serverNow().After(p.Exp.Add(5 * time.Second)) {
		return "InvalidAuthHeader", "Could not validate token: Token expired"
	}
	return "", ""
}
