package doctor

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// specWith is `npx convex function-spec` output declaring auth:getCurrentUser
// with the given returns validator ("" for none).
func specWith(returns string) string {
	r := ""
	if returns != "" {
		r = `,"returns":` + returns
	}
	return `{"url":"https://happy-otter-123.convex.cloud","functions":[
  {"functionType":"Query","identifier":"auth.js:getCurrentUser","visibility":{"kind":"public"},
   "args":{"type":"object","value":{}}` + r + `}]}`
}

const (
	userValidator = `{"type":"object","value":{"_id":{"fieldType":{"type":"id","tableName":"users"},"optional":false},"name":{"fieldType":{"type":"string"},"optional":false}}}`
	specManifest  = "version: 1\npackage: {dir: convexapi}\ncurrent_user: auth:getCurrentUser\nfunctions: {spec: convex-spec.json}\n"
)

// defineManifest declares the current-user query with returns and the given types section.
func defineManifest(returns, types string) string {
	return "version: 1\npackage: {dir: convexapi}\ncurrent_user: auth:getCurrentUser\nfunctions:\n  define:\n" +
		"    auth:getCurrentUser: {kind: query, returns: " + returns + "}\n" + types
}

// TestCurrentUserTypeFromTheModel checks manifest.current_user against the
// type internal/manifest resolves: define entries, named types, Go type
// bindings and function-spec imports.
func TestCurrentUserTypeFromTheModel(t *testing.T) {
	userType := "types:\n  User: {_id: string, name: string}\n"
	tests := []struct {
		name     string
		manifest string
		spec     string // convex-spec.json, "" for none
		status   Status
		finding  string
		fix      string
	}{
		{name: "define: User | null", manifest: defineManifest(`"User | null"`, userType), status: StatusOK, finding: `returns "User | null"`},
		{name: "define: null | User", manifest: defineManifest(`"null | User"`, userType), status: StatusOK},
		{
			name: "define: User", manifest: defineManifest("User", userType), status: StatusFail,
			finding: `current_user auth:getCurrentUser (authgen.yaml:3:15) returns "User", which is not nullable`,
			fix:     `declare returns: "User | null" (authgen.yaml:6:49)`,
		},
		{
			name:     "named type standing for a nullable union",
			manifest: defineManifest("MaybeUser", userType+"  MaybeUser: \"User | null\"\n"),
			status:   StatusOK, finding: `returns "MaybeUser"`,
		},
		{
			name:     "Go type binding is never null",
			manifest: defineManifest("User", "types:\n  User: {go: \"example.com/app/models.User\"}\n"),
			status:   StatusFail, finding: "not nullable",
		},
		{name: "array of nullable is not nullable", manifest: defineManifest(`"(User | null)[]"`, userType), status: StatusFail, finding: `"(User | null)[]"`},
		{name: "define: any", manifest: defineManifest("any", ""), status: StatusWarn, finding: "returns any"},
		{
			name: "spec: union with null", manifest: specManifest, spec: specWith(`{"type":"union","value":[` + userValidator + `,{"type":"null"}]}`),
			status: StatusOK, finding: `returns "{_id: id<users>, name: string} | null"`,
		},
		{
			name: "spec: object", manifest: specManifest, spec: specWith(userValidator),
			status: StatusFail, finding: `returns "{_id: id<users>, name: string}", which is not nullable`, fix: "v.null()",
		},
		{name: "spec: no returns validator", manifest: specManifest, spec: specWith(""), status: StatusWarn, finding: "returns any", fix: "v.union(userValidator, v.null())"},
		{
			name: "define overrides the spec",
			manifest: "version: 1\npackage: {dir: convexapi}\ncurrent_user: auth:getCurrentUser\nfunctions:\n  spec: convex-spec.json\n" +
				"  define:\n    auth:getCurrentUser: {returns: \"User | null\"}\n" + userType,
			spec: specWith(userValidator), status: StatusOK, finding: `returns "User | null"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, "authgen.yaml", tt.manifest)
			if tt.spec != "" {
				writeFile(t, "convex-spec.json", tt.spec)
			}
			cfg, err := loadSettings("authgen.yaml", true)
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.Problems) > 0 {
				t.Fatalf("manifest problems: %v", cfg.Problems)
			}
			got := (&doctor{cfg: cfg}).checkCurrentUserType(context.Background())
			if got.Status != tt.status || !strings.Contains(got.Finding, tt.finding) || !strings.Contains(got.Fix, tt.fix) {
				t.Errorf("got %s %q / fix %q; want %s containing %q / %q", got.Status, got.Finding, got.Fix, tt.status, tt.finding, tt.fix)
			}
		})
	}
}

func TestManifestProblemsAreAFailedCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "authgen.yaml")
	writeFile(t, path, "version: 1\npackage: {dir: convexapi}\nauth:\n  base_path: api/auth\ncurrent_user: auth:missing\n")
	cfg, err := loadSettings(path, true)
	if err != nil {
		t.Fatalf("a manifest with problems is a finding, not a usage error: %v", err)
	}
	d := &doctor{cfg: cfg}
	got := d.checkManifestFile(context.Background())
	if got.Status != StatusFail {
		t.Fatalf("manifest.file = %s %q, want fail", got.Status, got.Finding)
	}
	want := []string{
		path + `:4:14: auth.base_path: "api/auth" must be an absolute path on this server (write a path such as "/api/auth")`,
		path + `:5:15: current_user: unknown function auth:missing`,
	}
	details := strings.Join(got.Details, "\n")
	for _, w := range want {
		if !strings.Contains(details, w) {
			t.Errorf("details lack %q:\n%s", w, details)
		}
	}
	if cfg.BasePath != "/api/auth" || cfg.ConvexURLEnv != "CONVEX_URL" {
		t.Errorf("settings after problems = %+v, want the defaults", cfg.Auth)
	}
	for _, c := range []func(*doctor, context.Context) Result{(*doctor).checkCurrentUserType, (*doctor).checkRoutes, (*doctor).checkBasePath} {
		if r := c(d, context.Background()); r.Status != StatusSkip || !strings.Contains(r.Finding, "manifest.file") {
			t.Errorf("a manifest check ran on a manifest with problems: %s %q", r.Status, r.Finding)
		}
	}
}

func TestNoManifestIsSkippedNotFailed(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := loadSettings("authgen.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	got := (&doctor{cfg: cfg}).checkManifestFile(context.Background())
	if got.Status != StatusSkip || !strings.Contains(got.Finding, "using the defaults") {
		t.Errorf("manifest.file = %s %q", got.Status, got.Finding)
	}
}
