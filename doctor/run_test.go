package doctor

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSecretsNeverPrinted(t *testing.T) {
	f := newFake(t)
	cookieJWT := f.mint(testNow.Add(-time.Minute), 15*time.Minute)
	flagToken := f.mint(testNow.Add(-2*time.Minute), 15*time.Minute)
	minted := f.mint(testNow, 15*time.Minute) // RS256 signatures are deterministic
	cookie := "better-auth.session_token=" + testSessionValue + "; better-auth.convex_jwt=" + cookieJWT
	secrets := map[string]string{
		"session cookie value":   testSessionValue,
		"decoded session value":  "sessTOKENsecret123.c2lnbmF0dXJlLXNlY3JldA==",
		"session token":          "sessTOKENsecret123",
		"cookie JWT":             cookieJWT,
		"cookie JWT signature":   signature(cookieJWT),
		"--token signature":      signature(flagToken),
		"minted token signature": signature(minted),
	}
	for _, asJSON := range []bool{false, true} {
		args := []string{"--cookie", cookie, "--token", "Bearer " + flagToken}
		if !asJSON {
			args = append(args, "--json=false")
		}
		o := runScenarioRaw(t, f, args)
		for what, secret := range secrets {
			if strings.Contains(o.stdout, secret) || strings.Contains(o.stderr, secret) {
				t.Errorf("json=%v: output contains the %s", asJSON, what)
			}
		}
		if !strings.Contains(o.stdout, "kid-published") {
			t.Errorf("json=%v: the token header should still be shown:\n%s", asJSON, o.stdout)
		}
	}
}

func TestSecretsEchoedByServerAreRedacted(t *testing.T) {
	f := newFake(t)
	f.echoCookieOn500 = true
	o := runScenario(t, f, scenario{args: []string{"--cookie", "better-auth.session_token=" + testSessionValue}})
	got := o.check(t, "cookies.session")
	if got.Status != StatusFail || !strings.Contains(got.Finding, "500") {
		t.Fatalf("cookies.session = %s %q, want a failing 500", got.Status, got.Finding)
	}
	if strings.Contains(o.stdout, "sessTOKENsecret123") {
		t.Errorf("the echoed session cookie reached the report:\n%s", got.Finding)
	}
	if !strings.Contains(got.Finding, "[redacted]") {
		t.Errorf("finding %q should show where the secret was", got.Finding)
	}
}

// runScenarioRaw runs the healthy manifest and env against f without forcing --json.
func runScenarioRaw(t *testing.T, f *fakeDeployment, extra []string) outcome {
	t.Helper()
	dir := t.TempDir()
	mpath := filepath.Join(dir, "authgen.yaml")
	writeFile(t, mpath, healthyManifest)
	epath := filepath.Join(dir, ".env")
	writeFile(t, epath, "CONVEX_URL="+f.api.URL+"\nCONVEX_SITE_URL="+f.site.URL+"\n")
	return runArgs(t, append([]string{"-f", mpath, "--env-file", epath, "--json"}, extra...))
}

func TestUsageErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.env")
	writeFile(t, bad, "CONVEX_URL=https://a.convex.cloud\nthis line is not an assignment\n")
	tests := map[string][]string{
		"unknown flag":              {"--nope"},
		"explicit missing manifest": {"-f", filepath.Join(dir, "missing.yaml")},
		"missing env file":          {"--env-file", filepath.Join(dir, "missing.env")},
		"malformed env file":        {"--env-file", bad},
		"stray argument":            {"extra"},
		"bad timeout":               {"--timeout", "0s"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			o := runArgs(t, args)
			if o.code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", o.code, exitUsage, o.stderr)
			}
			if o.stderr == "" {
				t.Error("no message on stderr")
			}
		})
	}
}

func TestNoManifestUsesDefaults(t *testing.T) {
	t.Chdir(t.TempDir())
	o := runArgs(t, []string{"--json"})
	var rep Report
	if err := json.Unmarshal([]byte(o.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, o.stdout)
	}
	o.report = rep
	if o.code != exitFailed {
		t.Errorf("exit %d, want 1 (no URLs set)", o.code)
	}
	if got := o.check(t, "env.site_url"); got.Status != StatusFail || !strings.Contains(got.Finding, "CONVEX_SITE_URL is not set") {
		t.Errorf("env.site_url = %s %q", got.Status, got.Finding)
	}
	if got := o.check(t, "discovery.openid_configuration"); got.Status != StatusSkip {
		t.Errorf("discovery ran without a site URL: %s", got.Status)
	}
}

func TestJSONFieldNamesAreStable(t *testing.T) {
	data, err := json.Marshal(Result{ID: "a", Title: "b", Status: StatusWarn, Finding: "c", Fix: "d", Details: []string{"e"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"a","title":"b","status":"warn","finding":"c","fix":"d","details":["e"]}`
	if string(data) != want {
		t.Errorf("got %s\nwant %s", data, want)
	}
}

func TestParseDotenv(t *testing.T) {
	in := `# comment
export CONVEX_URL=https://a.convex.cloud
CONVEX_SITE_URL = "https://a.convex.site" 
SINGLE='it''s # not a comment'
DOUBLE="line\nnext \"quoted\" # kept"
BARE=value # trailing comment
EMPTY=

`
	got, err := parseDotenv(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"CONVEX_URL":      "https://a.convex.cloud",
		"CONVEX_SITE_URL": "https://a.convex.site",
		"SINGLE":          "it",
		"DOUBLE":          "line\nnext \"quoted\" # kept",
		"BARE":            "value",
		"EMPTY":           "",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

func TestParseDotenvRejectsMalformedLinesWithoutEchoingThem(t *testing.T) {
	for _, in := range []string{
		"SECRET_KEY",
		"1BAD=x",
		`KEY="unterminated`,
		"KEY='unterminated",
		"sk_live_abcdefghijklmnopqrstuvwxyz",
	} {
		_, err := parseDotenv(strings.NewReader(in))
		if err == nil {
			t.Errorf("%q: no error", in)
			continue
		}
		if strings.Contains(err.Error(), "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%q: error echoes the line: %v", in, err)
		}
	}
}

func TestCookieNames(t *testing.T) {
	tests := []struct {
		name string
		want cookieName
		ok   bool
	}{
		{"better-auth.session_token", cookieName{Prefix: "better-auth", Sep: '.', Suffix: sessionSuffix}, true},
		{"__Secure-acme.session_token", cookieName{Secure: true, Prefix: "acme", Sep: '.', Suffix: sessionSuffix}, true},
		{"acme-session_token", cookieName{Prefix: "acme", Sep: '-', Suffix: sessionSuffix}, true},
		{"session_token", cookieName{}, false},
		{".session_token", cookieName{}, false},
		{"better-auth.session_data", cookieName{}, false},
	}
	for _, tt := range tests {
		got, ok := splitCookieName(tt.name, sessionSuffix)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("splitCookieName(%q) = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
		if ok && got.String() != tt.name {
			t.Errorf("String() = %q, want %q", got.String(), tt.name)
		}
	}
}

func TestDecodeJWTRejectsHostileInput(t *testing.T) {
	for _, in := range []string{"", "a.b", "a.b.c.d", "!!!.e30.sig", "e30.!!!.sig", "bnVsbA.bnVsbA.x", "e30.eyJhdWQiOjF9.x"} {
		if _, err := decodeJWT(in); err == nil {
			t.Errorf("decodeJWT(%q): no error", in)
		}
	}
}

func TestIsNullable(t *testing.T) {
	for expr, want := range map[string]bool{
		"User | null": true, "null|User": true, "User": false, "record<string, User | null>": false,
		"(A | null)[]": false, "any": false, `"a" | null`: true,
	} {
		if got := isNullable(expr); got != want {
			t.Errorf("isNullable(%q) = %v, want %v", expr, got, want)
		}
	}
}
