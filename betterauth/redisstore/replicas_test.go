package redisstore_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/betterauth/redisstore"
)

// fleet is three replicas of one app behind an imaginary load balancer:
// each its own Auth and HTTP server, all on one authtest deployment and,
// through redisstore, one Redis.
type fleet struct {
	d        *authtest.Deployment
	redis    *redisServer
	lists    []*redisstore.DenyList
	servers  []*httptest.Server
	clockOff atomic.Int64 // added to the real time: lets a test mint distinct tokens
}

func (f *fleet) now() time.Time { return time.Now().Add(time.Duration(f.clockOff.Load())) }

func newFleet(t *testing.T, policy redisstore.Unavailable) *fleet {
	f := &fleet{redis: startRedis(t)}
	f.d = authtest.New(t, authtest.WithClock(f.now))
	for range 3 {
		list := redisstore.New(f.redis.client(), quiet, redisstore.WithUnavailable(policy), redisstore.WithHealthCheck(500*time.Millisecond))
		t.Cleanup(func() { list.Close() })
		a, err := betterauth.New(f.d.Config(), betterauth.WithDenyList(list), betterauth.WithLogger(slog.New(slog.DiscardHandler)))
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		mux.Handle("/api/auth/", a.AuthHandler())
		mux.Handle("/", a.RequireAuth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, _ := betterauth.SessionFromContext(r.Context())
			io.WriteString(w, "session "+s.SessionID)
		})))
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		f.lists = append(f.lists, list)
		f.servers = append(f.servers, srv)
	}
	waitSynced(t, f.lists...)
	return f
}

// credential is one way a request can carry a session.
type credential struct {
	name    string
	cookies []*http.Cookie
	bearer  string
}

// get asks replica i for /dashboard as an API client, with c, and returns
// the status and body.
func (f *fleet) get(t *testing.T, i int, c credential) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, f.servers[i].URL+"/dashboard", nil)
	req.Header.Set("Accept", "application/json")
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func named(cookies []*http.Cookie, name string) *http.Cookie {
	for _, c := range cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// signIn signs a user up and returns every credential of the session: the
// session cookie, and two distinct JWTs minted a few seconds apart, each
// as cookie and as bearer.
func (f *fleet) signIn(t *testing.T, email string) (session *http.Cookie, variants []credential) {
	t.Helper()
	cookies := f.d.SignUp(t, email, "password1234", "Alice")
	session = named(cookies, f.d.SessionCookieName())
	jwt1 := f.d.Token(t, []*http.Cookie{session})
	f.clockOff.Add(int64(2 * time.Second))
	jwt2 := f.d.Token(t, []*http.Cookie{session})
	if jwt1 == jwt2 {
		t.Fatal("the two JWTs of the session are the same")
	}
	jwtName := f.d.JWTCookieName()
	return session, []credential{
		{name: "session cookie", cookies: []*http.Cookie{session}},
		{name: "first JWT as cookie", cookies: []*http.Cookie{{Name: jwtName, Value: jwt1}}},
		{name: "second JWT as cookie", cookies: []*http.Cookie{{Name: jwtName, Value: jwt2}}},
		{name: "first JWT as bearer", bearer: jwt1},
		{name: "second JWT as bearer", bearer: jwt2},
		{name: "session cookie and JWT", cookies: []*http.Cookie{session, {Name: jwtName, Value: jwt2}}},
	}
}

// signOut posts a sign-out to replica i with the browser's cookies: the
// session cookie and the convex_jwt cookie.
func (f *fleet) signOut(t *testing.T, i int, session *http.Cookie, jwt credential) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.servers[i].URL+"/api/auth/sign-out", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", f.servers[i].URL)
	req.AddCookie(session)
	req.AddCookie(jwt.cookies[0])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-out through replica %d: %s", i, resp.Status)
	}
}

// TestSignOutOnOneReplicaReachesAll signs a session out through replica
// 0 and expects every replica to refuse every credential of it within a
// second, including JWTs each replica had verified and cached before.
func TestSignOutOnOneReplicaReachesAll(t *testing.T) {
	f := newFleet(t, redisstore.FailOpen)
	session, variants := f.signIn(t, "alice@example.com")
	_, bobVariants := f.signIn(t, "bob@example.com")
	for i := range f.servers {
		for _, v := range variants {
			if status, body := f.get(t, i, v); status != http.StatusOK {
				t.Fatalf("before sign-out, replica %d, %s: %d %s", i, v.name, status, body)
			}
		}
	}

	f.signOut(t, 0, session, variants[2])
	start := time.Now()
	for i := range f.servers {
		for _, v := range variants {
			for {
				status, body := f.get(t, i, v)
				if status == http.StatusUnauthorized {
					break
				}
				if status != http.StatusOK {
					t.Fatalf("replica %d, %s: %d %s, want 200 until refused, then 401", i, v.name, status, body)
				}
				if time.Since(start) > time.Second {
					t.Fatalf("replica %d still accepts the %s more than 1s after the sign-out", i, v.name)
				}
				time.Sleep(5 * time.Millisecond)
			}
		}
	}
	t.Logf("every replica refused every credential %v after the sign-out", time.Since(start))

	// Another user is not affected.
	for i := range f.servers {
		for _, v := range bobVariants {
			if status, body := f.get(t, i, v); status != http.StatusOK {
				t.Errorf("bob on replica %d, %s: %d %s", i, v.name, status, body)
			}
		}
	}
}

func TestRedisRestartMidRunKeepsSignOuts(t *testing.T) {
	f := newFleet(t, redisstore.FailOpen)
	alice, aliceVariants := f.signIn(t, "alice@example.com")
	bob, bobVariants := f.signIn(t, "bob@example.com")
	for i := range f.servers {
		f.get(t, i, aliceVariants[2]) // cache the JWTs everywhere
		f.get(t, i, bobVariants[2])
	}
	f.signOut(t, 0, alice, aliceVariants[2])
	for i := range f.servers {
		if _, err := eventually(time.Second, func() bool { s, _ := f.get(t, i, aliceVariants[2]); return s == http.StatusUnauthorized }); err != nil {
			t.Fatalf("sign-out not seen by replica %d: %v", i, err)
		}
	}
	f.redis.stop()
	if _, err := eventually(10*time.Second, func() bool {
		return !f.lists[0].Synced() && !f.lists[1].Synced() && !f.lists[2].Synced()
	}); err != nil {
		t.Fatalf("replicas did not notice Redis going away: %v", err)
	}

	// Down, fail-open: signed-in users stay signed in (no silent logout),
	// and the sign-out made before holds everywhere.
	for i := range f.servers {
		if status, body := f.get(t, i, bobVariants[2]); status != http.StatusOK {
			t.Errorf("Redis down, bob on replica %d: %d %s, want 200", i, status, body)
		}
		if status, _ := f.get(t, i, aliceVariants[2]); status != http.StatusUnauthorized {
			t.Errorf("Redis down, alice (signed out before) on replica %d: %d, want 401", i, status)
		}
	}
	// A sign-out while Redis is down holds where it was made.
	f.signOut(t, 1, bob, bobVariants[2])
	if status, _ := f.get(t, 1, bobVariants[2]); status != http.StatusUnauthorized {
		t.Errorf("sign-out with Redis down: replica 1 answers %d, want 401", status)
	}

	f.redis.start() // empty
	waitSynced(t, f.lists...)
	for i := range f.servers {
		for _, v := range [][]credential{aliceVariants, bobVariants} {
			if _, err := eventually(5*time.Second, func() bool { s, _ := f.get(t, i, v[4]); return s == http.StatusUnauthorized }); err != nil {
				t.Errorf("after the restart, replica %d accepts a signed-out JWT: %v", i, err)
			}
		}
	}
}

func TestRedisDownWithRefuseAnswers503(t *testing.T) {
	f := newFleet(t, redisstore.Refuse)
	_, variants := f.signIn(t, "alice@example.com")
	jwt := variants[2]
	if status, _ := f.get(t, 2, jwt); status != http.StatusOK {
		t.Fatalf("before: %d", status)
	}
	f.redis.stop()
	if _, err := eventually(10*time.Second, func() bool { return !f.lists[2].Synced() }); err != nil {
		t.Fatal(err)
	}
	for _, v := range []credential{jwt, variants[4]} {
		status, body := f.get(t, 2, v)
		if status != http.StatusServiceUnavailable {
			t.Errorf("Refuse, Redis down, %s: %d %s, want 503 (an outage, not a sign-out)", v.name, status, body)
		}
	}
	// Pages get the 503 too, never the sign-in redirect.
	req, _ := http.NewRequest(http.MethodGet, f.servers[2].URL+"/dashboard", nil)
	req.AddCookie(jwt.cookies[0])
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("Refuse, Redis down, page: %d, want 503", resp.StatusCode)
	}
	f.redis.start()
	waitSynced(t, f.lists[2])
	if status, body := f.get(t, 2, jwt); status != http.StatusOK {
		t.Errorf("Redis back: %d %s", status, body)
	}
}

var (
	_ betterauth.DenyList   = (*redisstore.DenyList)(nil)
	_ betterauth.DenialFeed = (*redisstore.DenyList)(nil)
)
