package interop

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"
	"github.com/authgen/authgen/internal/nodeharness"
)

// backend starts one Better Auth implementation for an app at appOrigin
// and returns the runtime configuration pointing at it.
type backend func(t *testing.T, cfg authConfig, appOrigin string) betterauth.Config

func authtestBackend(t *testing.T, cfg authConfig, _ string) betterauth.Config {
	var opts []authtest.Option
	if cfg.cookiePrefix != "" {
		opts = append(opts, authtest.WithCookiePrefix(cfg.cookiePrefix))
	}
	if cfg.secure {
		opts = append(opts, authtest.WithSecureCookies())
	}
	return authtest.New(t, opts...).Config()
}

func realBackend(t *testing.T, cfg authConfig, appOrigin string) betterauth.Config {
	opts := nodeharness.BetterAuthOptions{CookiePrefix: cfg.cookiePrefix, TrustedOrigins: []string{appOrigin}}
	secure := cfg.secure
	opts.UseSecureCookies = &secure
	ba := nodeharness.StartBetterAuth(t, opts)
	prefix := cfg.cookiePrefix
	if prefix == "" {
		prefix = "better-auth"
	}
	return betterauth.Config{
		ConvexURL:     "http://127.0.0.1:1", // unused: no Convex calls here
		SiteURL:       ba.URL,
		CookiePrefix:  prefix,
		SecureCookies: &secure,
		HTTPClient:    nodeharness.NewHTTPClient(),
	}
}

// browser keeps cookies by name as a browser would for the app's origin,
// including __Secure- ones (the test servers speak plain HTTP).
type browser struct {
	t       *testing.T
	origin  string
	client  *http.Client
	cookies map[string]string
}

func (b *browser) do(method, path, body string) (status int, setCookies []string, respBody string) {
	b.t.Helper()
	req, _ := http.NewRequest(method, b.origin+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Origin", b.origin)
	for name, value := range b.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return resp.StatusCode, resp.Header.Values("Set-Cookie"), string(data)
}

// cookieNames lists the Set-Cookie names, "-" marking a cleared cookie.
func cookieNames(setCookies []string) string {
	var names []string
	for _, sc := range setCookies {
		name, value, _ := splitSetCookie(sc)
		if value == "" {
			name = "-" + name
		}
		names = append(names, name)
	}
	return strings.Join(names, " ")
}

// runtimeStory is a user's visit through a Go app using the runtime:
// sign-up through AuthHandler, a page the middleware resolves from the JWT
// cookie, the same page once the JWT cookie is gone (refresh through the
// token endpoint), sign-out through AuthHandler, and the page again.
func runtimeStory(t *testing.T, start backend, cfg authConfig) string {
	srv := httptest.NewUnstartedServer(nil)
	origin := "http://" + srv.Listener.Addr().String()
	auth, err := betterauth.New(start(t, cfg, origin), betterauth.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/auth/", auth.AuthHandler())
	mux.Handle("/me", auth.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := betterauth.SessionFromContext(r.Context())
		switch {
		case ok:
			fmt.Fprintf(w, "signed in as %s (%s)", s.Email, s.Name)
		case betterauth.SessionErr(r.Context()) != nil:
			fmt.Fprintf(w, "error: %v", betterauth.SessionErr(r.Context()))
		default:
			fmt.Fprint(w, "anonymous")
		}
	})))
	srv.Config.Handler = mux
	srv.Start()
	t.Cleanup(srv.Close)

	b := &browser{t: t, origin: origin, client: nodeharness.NewHTTPClient(), cookies: map[string]string{}}
	var story strings.Builder
	step := func(name, method, path, body string) {
		status, setCookies, respBody := b.do(method, path, body)
		if strings.HasPrefix(path, "/api/auth/") && status == 200 {
			respBody = "" // bodies are compared by the conformance suite
		}
		fmt.Fprintf(&story, "%s: %d [%s] %s\n", name, status, cookieNames(setCookies), respBody)
	}
	step("sign-up", "POST", "/api/auth/sign-up/email", `{"email":"alice@example.com","password":"password1234","name":"Alice"}`)
	step("page", "GET", "/me", "")
	for name := range b.cookies {
		if strings.HasSuffix(name, ".convex_jwt") {
			delete(b.cookies, name)
		}
	}
	step("page without the JWT cookie", "GET", "/me", "")
	step("page with the refreshed cookie", "GET", "/me", "")
	step("sign-out", "POST", "/api/auth/sign-out", "{}")
	step("page after sign-out", "GET", "/me", "")
	return story.String()
}

// TestRuntimeAgainstRealBetterAuth runs the same visit through the Go
// runtime against authtest and against the real Better Auth; the stories
// must be identical, and right.
func TestRuntimeAgainstRealBetterAuth(t *testing.T) {
	for _, cfg := range []authConfig{authConfigs[0], authConfigs[2]} {
		t.Run(cfg.name, func(t *testing.T) {
			fake := runtimeStory(t, authtestBackend, cfg)
			real := runtimeStory(t, realBackend, cfg)
			t.Logf("\n--- authtest\n%s--- real\n%s", fake, real)
			if fake != real {
				t.Errorf("the runtime sees authtest and the real Better Auth differently")
			}
			prefix := "better-auth"
			if cfg.cookiePrefix != "" {
				prefix = cfg.cookiePrefix
			}
			if cfg.secure {
				prefix = "__Secure-" + prefix
			}
			for _, want := range []string{
				fmt.Sprintf("sign-up: 200 [%[1]s.session_token %[1]s.convex_jwt]", prefix),
				"page: 200 [] signed in as alice@example.com (Alice)",
				fmt.Sprintf("page without the JWT cookie: 200 [%s.convex_jwt] signed in as alice@example.com (Alice)", prefix),
				"page with the refreshed cookie: 200 [] signed in as alice@example.com (Alice)",
				fmt.Sprintf("sign-out: 200 [-%[1]s.session_token -%[1]s.session_data -%[1]s.dont_remember -%[1]s.convex_jwt]", prefix),
				"page after sign-out: 200 [] anonymous",
			} {
				if !strings.Contains(real, want) {
					t.Errorf("real story lacks %q", want)
				}
			}
		})
	}
}
