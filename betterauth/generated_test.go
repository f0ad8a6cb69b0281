package betterauth

import (
	"errors"
	"fmt"
	"testing"

	"github.com/authgen/authgen/convex"
)

// FetchCurrentUser treats exactly these failures as "nobody is signed in".
func TestIsUnauthenticated(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"rejected token", fmt.Errorf("query: %w", convex.ErrUnauthenticated), true},
		{"getAuthUser's ConvexError", &convex.ConvexError{Data: convex.StringValue("Unauthenticated")}, true},
		{"wrapped ConvexError", fmt.Errorf("call: %w", &convex.ConvexError{Data: convex.StringValue("Unauthenticated")}), true},
		{"other ConvexError data", &convex.ConvexError{Data: convex.StringValue("Forbidden")}, false},
		{"null ConvexError data", &convex.ConvexError{Data: convex.NullValue()}, false},
		{"network failure", errors.New("dial tcp: connection refused"), false},
	} {
		if got := isUnauthenticated(tc.err); got != tc.want {
			t.Errorf("%s: isUnauthenticated = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// NewClientBaseFromEnv applies the generated settings on top of the environment.
func TestNewClientBaseFromEnv(t *testing.T) {
	t.Setenv("TEST_CONVEX_URL", "https://happy-otter-123.convex.cloud")
	t.Setenv("TEST_SITE_URL", "https://happy-otter-123.convex.site")
	s := &Settings{
		Env:      EnvNames{ConvexURL: "TEST_CONVEX_URL", SiteURL: "TEST_SITE_URL"},
		BasePath: "/auth", CookiePrefix: "myapp", SignInPath: "/login",
		Routes: []Route{{Prefix: "/api/", Unauthenticated: Status401}},
	}
	base, err := NewClientBaseFromEnv(s)
	if err != nil {
		t.Fatal(err)
	}
	cfg := base.Auth().Config()
	if cfg.BasePath != "/auth" || cfg.CookiePrefix != "myapp" || cfg.SignInPath != "/login" || cfg.ConvexURL != "https://happy-otter-123.convex.cloud" {
		t.Errorf("config = %+v", cfg)
	}
	if len(base.routes) != 1 || base.routes[0].Prefix != "/api/" {
		t.Errorf("routes = %+v", base.routes)
	}
	t.Setenv("TEST_CONVEX_URL", "")
	if _, err := NewClientBaseFromEnv(s); err == nil {
		t.Error("NewClientBaseFromEnv without TEST_CONVEX_URL succeeded")
	}
}
