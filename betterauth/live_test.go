package betterauth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCheckLive(t *testing.T) {
	var doc map[string]string
	var jwks []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/auth/convex/.well-known/openid-configuration":
			json.NewEncoder(w).Encode(doc)
		case "/api/auth/convex/jwks":
			w.Write(jwks)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	key, _ := rsaKeys(t)
	a, err := New(Config{ConvexURL: "https://test.convex.cloud", SiteURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	good := map[string]string{"issuer": srv.URL, "jwks_uri": srv.URL + "/api/auth/convex/jwks"}
	cases := []struct {
		name string
		doc  map[string]string
		jwks string
		want string // "" = no error
	}{
		{"ok", good, string(jwksJSON(t, []string{"k"}, key)), ""},
		{"issuer differs", map[string]string{"issuer": "https://other.convex.site"}, "", "announces issuer \"https://other.convex.site\""},
		{"jwks elsewhere", map[string]string{"issuer": srv.URL, "jwks_uri": srv.URL + "/auth/convex/jwks"}, "", "check BasePath"},
		{"jwks empty", good, `{"keys":[]}`, "no usable key"},
	}
	for _, c := range cases {
		doc, jwks = c.doc, []byte(c.jwks)
		err := a.CheckLive(t.Context())
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
		}
	}
	b, err := New(Config{ConvexURL: "https://test.convex.cloud", SiteURL: srv.URL, BasePath: "/auth"})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.CheckLive(t.Context()); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("wrong BasePath: %v", err)
	}
}
