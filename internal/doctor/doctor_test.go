package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// healthyManifest declares a nullable current-user query and a route table
// that leaves sign-in reachable. Scenarios append routes, so routes stay last.
const healthyManifest = `version: 1
package: {dir: convexapi}
auth:
  base_path: /api/auth
  sign_in_path: /sign-in
current_user: auth:getCurrentUser
functions:
  define:
    auth:getCurrentUser: {kind: query, args: {}, returns: "User | null"}
types:
  User: {_id: string, name: string}
routes:
  - {prefix: /dashboard, unauthenticated: redirect}
  - {prefix: /api/messages/, unauthenticated: "401"}
`

// scenario is one doctor run: files it writes and the flags it passes.
type scenario struct {
	manifest string            // "" uses healthyManifest
	env      map[string]string // overrides of the env file; "" deletes a variable
	args     []string
}

type outcome struct {
	code   int
	stdout string
	stderr string
	report Report
}

func (o outcome) check(t *testing.T, id string) Result {
	t.Helper()
	for _, c := range o.report.Checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no check %q in report:\n%s", id, o.stdout)
	return Result{}
}

// runScenario writes the manifest and an env file pointing at f, runs doctor
// with a fixed clock and no process environment, and decodes the JSON report.
func runScenario(t *testing.T, f *fixture, sc scenario) outcome {
	t.Helper()
	dir := t.TempDir()
	manifest := sc.manifest
	if manifest == "" {
		manifest = healthyManifest
	}
	mpath := filepath.Join(dir, "authgen.yaml")
	writeFile(t, mpath, manifest)
	env := map[string]string{"CONVEX_URL": f.ConvexURL(), "CONVEX_SITE_URL": f.SiteURL()}
	for k, v := range sc.env {
		if v == "" {
			delete(env, k)
		} else {
			env[k] = v
		}
	}
	var envText strings.Builder
	envText.WriteString("# written by the test\n")
	for k, v := range env {
		envText.WriteString("export " + k + "=\"" + v + "\"\n")
	}
	epath := filepath.Join(dir, ".env")
	writeFile(t, epath, envText.String())

	args := append([]string{"-f", mpath, "--env-file", epath, "--json"}, sc.args...)
	o := runArgs(t, args)
	if err := json.Unmarshal([]byte(o.stdout), &o.report); err != nil {
		t.Fatalf("doctor --json output does not parse: %v\n%s\nstderr: %s", err, o.stdout, o.stderr)
	}
	return o
}

func runArgs(t *testing.T, args []string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr, deps{
		now:       func() time.Time { return testNow },
		lookupEnv: func(string) (string, bool) { return "", false },
	})
	return outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
