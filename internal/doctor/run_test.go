package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSecretsNeverPrinted(t *testing.T) {
	f := newFixture(t)
	cookie := f.signUp(t)
	cookies := sessionCookies(cookie)
	var session, cookieJWT string
	for _, c := range cookies {
		switch c.Name {
		case f.SessionCookieName():
			session = c.Value
		case f.JWTCookieName():
			cookieJWT = c.Value
		}
	}
	decoded, err := url.QueryUnescape(session)
	if err != nil {
		t.Fatal(err)
	}
	sessionToken, _, _ := strings.Cut(decoded, ".")
	f.clock.set(-2 * time.Minute)
	flagToken := f.Token(t, cookies)
	f.clock.set(0)
	minted := f.Token(t, cookies) // same claims as doctor's mint on the fixed clock
	secrets := map[string]string{
		"session cookie value":   session,
		"decoded session value":  decoded,
		"session token":          sessionToken,
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
		o := runScenarioRaw(t, f.ConvexURL(), f.SiteURL(), args)
		for what, secret := range secrets {
			if strings.Contains(o.stdout, secret) || strings.Contains(o.stderr, secret) {
				t.Errorf("json=%v: output contains the %s", asJSON, what)
			}
		}
		if !strings.Contains(o.stdout, f.kid(t)) {
			t.Errorf("json=%v: the token header should still be shown:\n%s", asJSON, o.stdout)
		}
	}
}

// TestSecretsEchoedByServerAreRedacted puts a hostile proxy in front of an
// authtest site: it answers a token request carrying cookies with a 500
// whose body echoes the Cookie header. authtest never echoes secrets (it
// models Better Auth, which does not), so this one misbehaviour is written
// here rather than added to authtest.
func TestSecretsEchoedByServerAreRedacted(t *testing.T) {
	f := newFixture(t)
	cookie := f.sessionOnly(f.signUp(t))
	target, err := url.Parse(f.SiteURL())
	if err != nil {
		t.Fatal(err)
	}
	forward := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) }}
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/convex/token") && r.Header.Get("Cookie") != "" {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintf(w, `{"message":"bad cookie: %s"}`, r.Header.Get("Cookie"))
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(hostile.Close)

	o := runScenarioRaw(t, f.ConvexURL(), hostile.URL, []string{"--cookie", cookie})
	var rep Report
	if err := json.Unmarshal([]byte(o.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, o.stdout)
	}
	o.report = rep
	got := o.check(t, "cookies.session")
	if got.Status != StatusFail || !strings.Contains(got.Finding, "500") {
		t.Fatalf("cookies.session = %s %q, want a failing 500", got.Status, got.Finding)
	}
	_, value, _ := strings.Cut(cookie, "=")
	if strings.Contains(o.stdout, value) {
		t.Errorf("the echoed session cookie reached the report:\n%s", got.Finding)
	}
	if !strings.Contains(got.Finding, "[redacted]") {
		t.Errorf("finding %q should show where the secret was", got.Finding)
	}
}

// runScenarioRaw runs the healthy manifest against the given URLs with extra
// flags after --json, so a test can turn JSON off again.
func runScenarioRaw(t *testing.T, convexURL, siteURL string, extra []string) outcome {
	t.Helper()
	dir := t.TempDir()
	mpath := filepath.Join(dir, "authgen.yaml")
	writeFile(t, mpath, healthyManifest)
	epath := filepath.Join(dir, ".env")
	writeFile(t, epath, "CONVEX_URL="+convexURL+"\nCONVEX_SITE_URL="+siteURL+"\n")
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

// TestReadsEnvLocalByDefault: `npx convex dev` writes CONVEX_URL to
// .env.local, so doctor reads it without flags, says so, and lets the
// process environment (what the server itself reads) win over it.
func TestReadsEnvLocalByDefault(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	// Closed loopback ports: the checks that dial fail at once, offline.
	writeFile(t, filepath.Join(dir, ".env.local"), "CONVEX_URL=http://127.0.0.1:1\nCONVEX_SITE_URL=http://127.0.0.1:2\n")
	var stdout, stderr bytes.Buffer
	run(context.Background(), []string{"--timeout", "5s"}, &stdout, &stderr, deps{
		now: func() time.Time { return testNow },
		lookupEnv: func(name string) (string, bool) {
			if name == "CONVEX_SITE_URL" {
				return "http://127.0.0.1:3", true
			}
			return "", false
		},
	})
	out := stdout.String()
	if !strings.HasPrefix(out, "note: read .env.local (where `npx convex dev` writes CONVEX_URL)") {
		t.Errorf("the report does not open by saying it read .env.local:\n%s", out)
	}
	if !strings.Contains(out, `CONVEX_URL="http://127.0.0.1:1" (from .env.local)`) {
		t.Errorf("CONVEX_URL was not taken from .env.local:\n%s", out)
	}
	if !strings.Contains(out, `CONVEX_SITE_URL="http://127.0.0.1:3" (from the environment)`) {
		t.Errorf("the process environment should win over the default .env.local:\n%s", out)
	}

	// --env-file names another file, which wins over the environment; no note.
	other := filepath.Join(dir, "other.env")
	writeFile(t, other, "CONVEX_URL=http://127.0.0.1:4\n")
	o := runArgs(t, []string{"--env-file", other, "--timeout", "5s"})
	if strings.Contains(o.stdout, "note:") || !strings.Contains(o.stdout, `(from `+other+`)`) {
		t.Errorf("with --env-file:\n%s", o.stdout)
	}
}

// TestHelpLikeOtherVerbs: -h prints "Usage: authgen doctor …", the
// description and the flags on stdout and exits 0, like every other verb.
func TestHelpLikeOtherVerbs(t *testing.T) {
	o := runArgs(t, []string{"-h"})
	if o.code != exitOK || o.stderr != "" {
		t.Fatalf("exit %d, stderr %q", o.code, o.stderr)
	}
	if !strings.HasPrefix(o.stdout, "Usage: authgen doctor [-f authgen.yaml]") || !strings.Contains(o.stdout, "\n\nRuns every check") ||
		!strings.Contains(o.stdout, "  -env-file file") {
		t.Errorf("doctor -h printed:\n%s", o.stdout)
	}
	o = runArgs(t, []string{"--nope"})
	if !strings.HasSuffix(o.stderr, "usage: authgen "+synopsis+"\nRun 'authgen doctor -h' for details.\n") {
		t.Errorf("a bad flag printed:\n%s", o.stderr)
	}
}

// TestURLShapeFindings: doctor names the same URL mistakes as the runtime's
// configuration check: http on a Convex cloud host, stray whitespace.
func TestURLShapeFindings(t *testing.T) {
	for _, tc := range []struct{ convex, site, id, want string }{
		{"http://happy-otter-123.convex.cloud", "https://happy-otter-123.convex.site", "env.convex_url", "uses http, but Convex cloud deployments are served over https only"},
		{"https://happy-otter-123.convex.cloud", "http://happy-otter-123.convex.site", "env.site_url", "uses http"},
		{"https://happy-otter-123.convex.cloud", `"https://happy-otter-123.convex.site "`, "env.site_url", "has surrounding whitespace"},
	} {
		o := runScenarioRaw(t, tc.convex, tc.site, []string{"--timeout", "1s"})
		if err := json.Unmarshal([]byte(o.stdout), &o.report); err != nil {
			t.Fatalf("%v\n%s", err, o.stdout)
		}
		if got := o.check(t, tc.id); got.Status != StatusFail || !strings.Contains(got.Finding, tc.want) {
			t.Errorf("%s=%s: %s %q, want fail saying %q", tc.id, tc.site, got.Status, got.Finding, tc.want)
		}
	}
}
