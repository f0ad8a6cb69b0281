package interop

import (
	"strings"
	"testing"
)

// TestObservationsTellConfigurationsApart guards the conformance suite
// against comparing too little: configurations that differ in cookie
// names, attributes or token lifetime must give different observations.
func TestObservationsTellConfigurationsApart(t *testing.T) {
	seen := map[string]string{}
	for _, cfg := range authConfigs {
		tg := startAuthtest(t, cfg)
		obs := scenarios[0].run(t, tg) // sign-up: both cookies
		for other, o := range seen {
			if o == obs {
				t.Errorf("configs %s and %s give the same sign-up observation:\n%s", cfg.name, other, obs)
			}
		}
		seen[cfg.name] = obs
	}
	if obs := seen["prefix"]; !strings.Contains(obs, "set-cookie __Secure-myapp.session_token=<value>; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax") {
		t.Errorf("prefix observation lacks the full cookie line:\n%s", obs)
	}
}

func TestShape(t *testing.T) {
	site := "http://127.0.0.1:1234"
	for _, tt := range []struct{ body, want string }{
		{``, `<empty>`},
		{`null`, `null`},
		{`{nope`, `<not JSON> {nope`},
		{`{"token":"abc","user":{"name":"A","emailVerified":false,"createdAt":1,"id":"x"}}`, `{"token":<string>,"user":{"name":"A","emailVerified":false,"createdAt":<number>,"id":<string>}}`},
		{`{"issuer":"http://127.0.0.1:1234","jwks_uri":"http://127.0.0.1:1234/api/auth/convex/jwks","a":["x",2]}`, `{"issuer":"<site>","jwks_uri":"<site>/api/auth/convex/jwks","a":["x",<number>]}`},
	} {
		if got := shape(tt.body, site); got != tt.want {
			t.Errorf("shape(%s) = %s, want %s", tt.body, got, tt.want)
		}
	}
}
