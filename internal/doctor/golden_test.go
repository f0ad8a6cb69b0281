package doctor

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authgen/authgen/authtest"
)

var update = flag.Bool("update", false, "rewrite internal/doctor/testdata/*.golden from the current output")

// TestGoldenHumanOutput pins the human-readable report against authtest
// deployments. Ports, temporary paths, the deployment's random key id and
// user id vary between runs, so they are replaced before comparing.
func TestGoldenHumanOutput(t *testing.T) {
	tests := []struct {
		name  string
		opts  []authtest.Option
		setup func(t *testing.T, f *fixture) (appURL string)
	}{
		{name: "healthy", setup: func(*testing.T, *fixture) string { return testAppOrigin }},
		{name: "broken", opts: []authtest.Option{authtest.WithIssuerTrailingSlash()}, setup: func(t *testing.T, f *fixture) string {
			f.RejectForwardedHost(true)
			registerCurrentUser(f.Deployment, true)
			// The app is a proxy that forwards X-Forwarded-Host, on an
			// origin Better Auth does not trust.
			return naiveProxy(t, f.SiteURL())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.opts...)
			appURL := tt.setup(t, f)
			cookie := f.sessionOnly(f.signUp(t))
			dir := t.TempDir()
			mpath := filepath.Join(dir, "authgen.yaml")
			writeFile(t, mpath, healthyManifest)
			epath := filepath.Join(dir, ".env")
			writeFile(t, epath, "CONVEX_URL="+f.ConvexURL()+"\nCONVEX_SITE_URL="+f.SiteURL()+"\nSITE_URL="+appURL+"\n")
			o := runArgs(t, []string{"-f", mpath, "--env-file", epath, "--cookie", cookie})
			got := normalize(t, o.stdout, f, dir, appURL)

			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./doctor -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (rerun with -update if intended):\n--- got\n%s\n--- want\n%s", path, got, want)
			}
		})
	}
}

// normalize replaces what differs between runs with stable placeholders.
func normalize(t *testing.T, out string, f *fixture, dir, appURL string) string {
	t.Helper()
	p, err := decodeJWT(f.Token(t, sessionCookies(f.signIn(t))))
	if err != nil {
		t.Fatal(err)
	}
	pairs := []string{
		f.SiteURL(), "http://127.0.0.1:SITE_PORT",
		f.ConvexURL(), "http://127.0.0.1:API_PORT",
		dir, "$TMP",
		port(t, f.SiteURL()), "SITE_PORT",
		port(t, f.ConvexURL()), "API_PORT",
		p.Kid, "KID",
		p.Sub, "USER_ID",
	}
	if appURL != testAppOrigin { // an app server the test started on a random port
		pairs = append([]string{appURL, "http://127.0.0.1:APP_PORT", port(t, appURL), "APP_PORT"}, pairs...)
	}
	return strings.NewReplacer(pairs...).Replace(out)
}

func port(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Port()
}
