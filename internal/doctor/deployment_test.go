package doctor

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
)

// testNow is the fixed local clock of every scenario.
var testNow = time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC)

const (
	testUserPath = "auth:getCurrentUser"
	testEmail    = "alice@example.com"
	testPassword = "correct horse battery"
)

// clock is the deployment's clock: testNow plus an offset a scenario may
// move, e.g. to mint a token in the past. Handlers read it on their own
// goroutines, hence the atomic.
type clock struct{ offset atomic.Int64 }

func (c *clock) now() time.Time { return testNow.Add(time.Duration(c.offset.Load())) }

func (c *clock) set(offset time.Duration) { c.offset.Store(int64(offset)) }

// testAppOrigin is the app's origin (SITE_URL) the fixture trusts, as Better
// Auth trusts its baseURL. Nothing listens there: checks that would call the
// app itself only do so once the deployment misbehaves.
const testAppOrigin = "http://localhost:3000"

// fixture is an authtest deployment on the fixed clock, checking origins
// like Better Auth with testAppOrigin trusted, with a nullable current-user
// query registered, as a healthy app has it.
type fixture struct {
	*authtest.Deployment
	clock *clock
}

func newFixture(t *testing.T, opts ...authtest.Option) *fixture {
	t.Helper()
	c := &clock{}
	defaults := []authtest.Option{authtest.WithClock(c.now), authtest.WithTrustedOrigins(testAppOrigin)}
	d := authtest.New(t, append(defaults, opts...)...)
	registerCurrentUser(d, false)
	return &fixture{Deployment: d, clock: c}
}

// user is what the current-user query returns for a signed-in caller.
type user struct {
	ID   string `json:"_id"`
	Name string `json:"name"`
}

// registerCurrentUser registers the current-user query: built on
// safeGetAuthUser it returns null when signed out; built on getAuthUser
// (throwSignedOut) it throws ConvexError("Unauthenticated") instead.
func registerCurrentUser(d *authtest.Deployment, throwSignedOut bool) {
	authtest.Query(d, testUserPath, func(_ context.Context, id *authtest.Identity, _ struct{}) (*user, error) {
		switch {
		case id != nil:
			return &user{ID: id.Subject, Name: id.Name()}, nil
		case throwSignedOut:
			return nil, authtest.ConvexError("Unauthenticated")
		}
		return nil, nil
	})
}

// signUp signs a user up and returns the Cookie header a browser then sends:
// the session cookie and the convex_jwt cookie.
func (f *fixture) signUp(t *testing.T) string {
	t.Helper()
	return cookieHeader(f.SignUp(t, testEmail, testPassword, "Alice"))
}

// signIn opens another session for the user signUp created and returns its
// Cookie header.
func (f *fixture) signIn(t *testing.T) string {
	t.Helper()
	return cookieHeader(f.SignIn(t, testEmail, testPassword))
}

// sessionOnly keeps only the session cookie of a Cookie header, as a
// browser sends it once the convex_jwt cache expired.
func (f *fixture) sessionOnly(header string) string {
	var kept []string
	for _, c := range parseCookieHeader(header) {
		if c.Name == f.SessionCookieName() {
			kept = append(kept, c.Name+"="+c.Value)
		}
	}
	return strings.Join(kept, "; ")
}

func cookieHeader(cookies []*http.Cookie) string {
	var parts []string
	for _, c := range cookies {
		if c.Value != "" {
			parts = append(parts, c.Name+"="+c.Value)
		}
	}
	return strings.Join(parts, "; ")
}

// sessionCookies parses a Cookie header back into cookies for authtest.Token.
func sessionCookies(header string) []*http.Cookie {
	var out []*http.Cookie
	for _, c := range parseCookieHeader(header) {
		out = append(out, &http.Cookie{Name: c.Name, Value: c.Value})
	}
	return out
}

// kid returns the key id the deployment publishes (random per deployment).
func (f *fixture) kid(t *testing.T) string {
	t.Helper()
	resp, err := http.Get(f.AuthURL("convex/jwks"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var set struct {
		Keys []struct {
			Kid string `json:"kid"`
		} `json:"keys"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil || len(set.Keys) != 1 {
		t.Fatalf("JWKS: %v (%d keys)", err, len(set.Keys))
	}
	return set.Keys[0].Kid
}
