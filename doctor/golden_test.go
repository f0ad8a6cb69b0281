package doctor

import (
	"flag"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite doctor/testdata/*.golden from the current output")

// TestGoldenHumanOutput pins the human-readable report. Ports and temporary
// paths vary between runs, so they are replaced before comparing.
func TestGoldenHumanOutput(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fakeDeployment)
	}{
		{name: "healthy"},
		{name: "broken", setup: func(f *fakeDeployment) {
			f.issuer = f.site.URL + "/"
			f.rejectForwardedHost = true
			f.throwUnauthenticated = true
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			if tt.setup != nil {
				tt.setup(f)
			}
			dir := t.TempDir()
			mpath := filepath.Join(dir, "authgen.yaml")
			writeFile(t, mpath, healthyManifest)
			epath := filepath.Join(dir, ".env")
			writeFile(t, epath, "CONVEX_URL="+f.api.URL+"\nCONVEX_SITE_URL="+f.site.URL+"\n")
			o := runArgs(t, []string{"-f", mpath, "--env-file", epath, "--cookie", "better-auth.session_token=" + testSessionValue})
			got := normalize(o.stdout, f, dir)

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

func normalize(out string, f *fakeDeployment, dir string) string {
	r := strings.NewReplacer(
		f.site.URL, "http://127.0.0.1:SITE_PORT",
		f.api.URL, "http://127.0.0.1:API_PORT",
		dir, "$TMP",
		strconv.Itoa(f.site.Listener.Addr().(*net.TCPAddr).Port), "SITE_PORT",
		strconv.Itoa(f.api.Listener.Addr().(*net.TCPAddr).Port), "API_PORT",
	)
	return r.Replace(out)
}
