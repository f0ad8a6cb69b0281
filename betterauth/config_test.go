package betterauth

import (
	"errors"
	"strings"
	"testing"
)

func TestNewListsEveryProblem(t *testing.T) {
	_, err := New(Config{
		ConvexURL:    "happy-otter-123.convex.cloud",
		SiteURL:      "https://happy-otter-123.convex.cloud/",
		BasePath:     "api/auth/",
		CookiePrefix: "bad prefix",
		SignInPath:   "//evil",
		Algorithms:   []string{"HS256", "none"},
		JWKS:         "{not json",
	})
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("err %v, want *ConfigError", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"ConvexURL: \"happy-otter-123.convex.cloud\" is not an absolute http(s) URL",
		"SiteURL: \"https://happy-otter-123.convex.cloud/\" ends with a slash",
		"BasePath: \"api/auth/\" is not a clean absolute path",
		"CookiePrefix: \"bad prefix\"",
		"SignInPath: \"//evil\"",
		"Algorithms: \"HS256\"",
		"Algorithms: \"none\"",
		"JWKS: JWKS is not JSON",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	for _, p := range ce.Problems {
		if p.Fix == "" || p.Field == "" {
			t.Errorf("problem without field or fix: %+v", p)
		}
	}
}

func TestValidateConfigURLRules(t *testing.T) {
	cases := []struct {
		convex, site string
		want         string // substring of one problem; "" = no errors
		sev          Severity
	}{
		{"https://a.convex.cloud", "https://a.convex.site", "", 0},
		{"https://a.eu-west-1.convex.cloud", "https://a.eu-west-1.convex.site", "", 0},
		{"https://a.convex.cloud", "https://a.convex.cloud", "ends in .convex.cloud", SeverityError},
		{"https://a.convex.cloud", "https://b.convex.site", "belongs to deployment \"b\"", SeverityError},
		{"https://a.convex.cloud", "https://a.convex.site/api", "has a path", SeverityError},
		{"", "https://a.convex.site", "ConvexURL: is empty", SeverityError},
		{"https://a.convex.cloud", "ftp://a.convex.site", "not an absolute http(s) URL", SeverityError},
		{"https://a.convex.cloud", "https://u:p@a.convex.site", "credentials", SeverityError},
		{"http://127.0.0.1:3210", "http://127.0.0.1:3211", "", 0},
		{"http://127.0.0.1:3210", "http://127.0.0.1:3210", "equals ConvexURL", SeverityError},
		{"http://127.0.0.1:3210", "http://127.0.0.1:4000", "is not ConvexURL's port 3210 + 1", SeverityWarning},
		{"https://a.convex.cloud", "https://auth.example.com", "", 0}, // custom HTTP-actions domain
	}
	cases = append(cases, []struct {
		convex, site string
		want         string
		sev          Severity
	}{
		{"http://a.convex.cloud", "https://a.convex.site", "ConvexURL: \"http://a.convex.cloud\" uses http, but Convex cloud deployments are served over https only; fix: use https://a.convex.cloud", SeverityError},
		{"https://a.convex.cloud", "http://a.convex.site", "SiteURL: \"http://a.convex.site\" uses http", SeverityError},
		{"https://a.convex.cloud ", "https://a.convex.site", "ConvexURL: \"https://a.convex.cloud \" has surrounding whitespace; fix: remove it: \"https://a.convex.cloud\"", SeverityError},
		{"https://a.convex.cloud", "\thttps://a.convex.site\n", "has surrounding whitespace", SeverityError},
		{"http://localhost:3210", "http://localhost:3211", "", 0},
		{"http://convex.internal:3210", "http://convex.internal:3211", "", 0}, // self-hosted over plain http
	}...)
	for _, c := range cases {
		ps := ValidateConfig(Config{ConvexURL: c.convex, SiteURL: c.site})
		if c.want == "" {
			if errs := errorsOnly(ps); len(errs) > 0 {
				t.Errorf("%s / %s: unexpected %v", c.convex, c.site, errs)
			}
			continue
		}
		found := false
		for _, p := range ps {
			if strings.Contains(p.String(), c.want) && p.Severity == c.sev {
				found = true
			}
		}
		if !found {
			t.Errorf("%s / %s: want %s %q in %v", c.convex, c.site, c.sev, c.want, ps)
		}
	}
}

// TestValidateConfigOneProblemPerMistake: each of these values is one
// mistake and gets exactly one problem, not several overlapping ones.
func TestValidateConfigOneProblemPerMistake(t *testing.T) {
	for _, c := range []struct{ convex, site, want string }{
		{"https://a.convex.cloud", "https://a.convex.cloud", "ends in .convex.cloud"},
		{"http://a.convex.cloud", "http://a.convex.site", "uses http"},
		{"https://a.convex.cloud", "https://a.convex.site ", "surrounding whitespace"},
	} {
		var bad []Problem
		for _, p := range ValidateConfig(Config{ConvexURL: c.convex, SiteURL: c.site}) {
			if p.Field == "SiteURL" {
				bad = append(bad, p)
			}
		}
		if len(bad) != 1 || !strings.Contains(bad[0].Message, c.want) {
			t.Errorf("%s / %s: SiteURL problems %v, want one saying %q", c.convex, c.site, bad, c.want)
		}
	}
}

func TestValidateStaticJWKS(t *testing.T) {
	key, other := rsaKeys(t)
	two := string(jwksJSON(t, []string{"", ""}, key, other))
	cases := map[string]string{
		`{"keys":[]}`: "no usable key",
		`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"EdDSA","kid":"a"}]}`: "has algorithm EdDSA",
		two:       "2 of 2 keys have no kid",
		"[1]":     "not a list of key rows",
		"data:xx": "no comma",
	}
	for jwks, want := range cases {
		ps := ValidateConfig(Config{ConvexURL: "https://a.convex.cloud", SiteURL: "https://a.convex.site", JWKS: jwks})
		if len(ps) == 0 || !strings.Contains(ps[0].String(), want) || ps[0].Field != "JWKS" {
			t.Errorf("JWKS %.40q: %v, want %q", jwks, ps, want)
		}
	}
}

func TestStaticJWKSFormats(t *testing.T) {
	key, _ := rsaKeys(t)
	doc := jwksJSON(t, []string{"k1"}, key)
	var set struct{ Keys []map[string]any }
	if err := jsonUnmarshal(doc, &set); err != nil {
		t.Fatal(err)
	}
	pub := set.Keys[0]
	delete(pub, "alg")
	delete(pub, "kid")
	pubJSON, _ := jsonMarshal(pub)
	rows, _ := jsonMarshal([]map[string]any{{"id": "k1", "publicKey": string(pubJSON), "privateKey": "enc", "alg": "RS256", "createdAt": 1}})
	for name, s := range map[string]string{
		"jwks":     string(doc),
		"data uri": "data:text/plain;charset=utf-8;base64," + b64std(doc),
		"rows":     string(rows),
	} {
		keys, problems := parseStaticJWKS(s, []string{"RS256"})
		if len(problems) > 0 || len(keys) != 1 || keys[0].KeyID != "k1" {
			t.Errorf("%s: keys %v problems %v", name, keys, problems)
		}
	}
}

func TestLoadConfigFromEnvNamesVariables(t *testing.T) {
	t.Setenv("MY_CONVEX", "https://a.convex.cloud")
	t.Setenv("MY_SITE", "https://a.convex.cloud")
	cfg, err := LoadConfigFromEnv(EnvNames{ConvexURL: "MY_CONVEX", SiteURL: "MY_SITE"})
	if err == nil || !strings.Contains(err.Error(), "SiteURL (env MY_SITE)") {
		t.Fatalf("err %v", err)
	}
	t.Setenv("MY_SITE", "https://a.convex.site")
	t.Setenv("JWKS_ENV", "")
	cfg, err = LoadConfigFromEnv(EnvNames{ConvexURL: "MY_CONVEX", SiteURL: "MY_SITE", JWKS: "JWKS_ENV"})
	if err != nil || cfg.SiteURL != "https://a.convex.site" {
		t.Fatalf("cfg %+v err %v", cfg, err)
	}
	if c := cfg.withDefaults(); c.BasePath != "/api/auth" || c.CookiePrefix != "better-auth" || c.SignInPath != "/sign-in" || c.Leeway != DefaultLeeway {
		t.Errorf("defaults %+v", c)
	}
}
