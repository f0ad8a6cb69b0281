package manifest

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func parseWith(t *testing.T, manifest, spec string) (*Manifest, []*Error, error) {
	t.Helper()
	return Parse("dir/authgen.yaml", []byte(manifest), func(path string) ([]byte, error) {
		if path != "dir/spec.json" {
			return nil, fmt.Errorf("open %s: %w", path, os.ErrNotExist)
		}
		return []byte(spec), nil
	})
}

func TestParseDefaults(t *testing.T) {
	m, _, err := parseWith(t, "version: 1\npackage: api\n", "")
	if err != nil {
		t.Fatal(err)
	}
	want := Auth{ConvexURLEnv: "CONVEX_URL", SiteURLEnv: "CONVEX_SITE_URL", BasePath: "/api/auth", CookiePrefix: "better-auth", SignInPath: "/sign-in"}
	if m.Auth != want || m.Package.Dir != "api" || m.Dir != "dir" {
		t.Errorf("manifest = %+v", m)
	}
}

// A define entry overrides only the fields it sets; include/exclude select spec entries.
func TestParseMergesSpec(t *testing.T) {
	spec := `{"functions": [
	 {"functionType": "Query", "identifier": "users.js:me", "args": {"type": "object", "value": {}}, "returns": {"type": "object", "value": {"email": {"fieldType": {"type": "string"}, "optional": false}}}, "visibility": {"kind": "public"}},
	 {"functionType": "Query", "identifier": "users.js:raw", "args": {"type": "any"}, "returns": null, "visibility": {"kind": "public"}},
	 {"functionType": "Mutation", "identifier": "admin/ops.js:wipe", "args": {"type": "object", "value": {}}, "returns": {"type": "null"}, "visibility": {"kind": "public"}},
	 {"functionType": "Query", "identifier": "other.js:x", "args": {"type": "object", "value": {}}, "returns": {"type": "null"}, "visibility": {"kind": "public"}}]}`
	m, warnings, err := parseWith(t, `version: 1
package: api
functions:
  spec: spec.json
  include: ["users:*", "admin/**"]
  exclude: ["admin/ops:wipe"]
  define:
    users:me: {returns: "User | null", name: Me}
types:
  User: {email: string}
`, spec)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range m.Functions {
		paths = append(paths, f.Path)
	}
	if got := strings.Join(paths, " "); got != "users:me users:raw" {
		t.Fatalf("functions = %s", got)
	}
	me := m.Functions[0]
	if me.Kind != Query || me.GoName != "Me" || me.Returns.Kind != Union || me.SpecReturns == nil || me.SpecReturns.Kind != Object {
		t.Errorf("users:me = %+v", me)
	}
	if me.Pos.Line != 8 {
		t.Errorf("users:me points at %s, want the define entry (line 8)", me.Pos)
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0].Msg, "users:raw has no args validator") {
		t.Errorf("warnings = %v", warnings)
	}
	skipped := strings.Join(m.Skipped, "; ")
	if !strings.Contains(skipped, "admin/ops:wipe (excluded") || !strings.Contains(skipped, "other:x (excluded") {
		t.Errorf("skipped = %s", skipped)
	}
}

func TestParseErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\npackage: api\ntypes:\n")
	for i := range MaxErrors + 5 {
		fmt.Fprintf(&b, "  T%d: Missing%d\n", i, i)
	}
	_, _, err := parseWith(t, b.String(), "")
	var list ErrorList
	if !errors.As(err, &list) || len(list) != MaxErrors+5 {
		t.Fatalf("err = %v", err)
	}
	text := err.Error()
	if n := strings.Count(text, "unknown type name"); n != MaxErrors {
		t.Errorf("printed %d errors, want %d", n, MaxErrors)
	}
	if !strings.HasSuffix(text, "too many errors (5 more not shown)") {
		t.Errorf("no cap line:\n%s", text)
	}
	if list[0].Pos.Line != 4 || list[0].Pos.Col != 7 {
		t.Errorf("first error at %s, want dir/authgen.yaml:4:7", list[0].Pos)
	}
}

func TestParseMissingSpec(t *testing.T) {
	_, _, err := parseWith(t, "version: 1\npackage: api\nfunctions: {spec: nope.json}\n", "")
	if err == nil || !strings.Contains(err.Error(), "dir/authgen.yaml:3:19: functions.spec: open dir/nope.json") || !strings.Contains(err.Error(), "npx convex function-spec") {
		t.Errorf("err = %v", err)
	}
}

func TestParseHostileInput(t *testing.T) {
	for _, src := range []string{"", "[]", "version: [1]\npackage: {dir: [x]}", "version: 1\npackage: api\ntypes: [a]", "a: &a [*a]", "version: 1\npackage: api\nroutes: {x: y}", "\x00"} {
		if _, _, err := parseWith(t, src, ""); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

// Type-expression errors point at the offending column when the expression
// appears verbatim in the source, and at the expression otherwise (a plain
// scalar folded over lines, a quoted one with escapes); line numbers follow
// YAML's line breaks, including a lone \r.
func TestParseTypeExprColumns(t *testing.T) {
	tests := []struct{ src, want string }{
		{"version: 1\npackage: api\ntypes:\n  A: string | Nope\n", "dir/authgen.yaml:4:15"},
		{"version: 1\npackage: api\ntypes:\n  A: \"string | Nope\"\n", "dir/authgen.yaml:4:16"},
		{"version: 1\npackage: api\ntypes:\n  A: {é: string | Nope}\n", "dir/authgen.yaml:4:19"},
		{"version: 1\npackage: api\ntypes:\n  A: string |\n    Nope\n", "dir/authgen.yaml:4:6"},
		{"version: 1\npackage: api\ntypes:\n  A: \"string | \\x4eope\"\n", "dir/authgen.yaml:4:7"},
		{"version: 1\rpackage: api\rtypes:\r  A: string | Nope\r", "dir/authgen.yaml:4:15"},
	}
	for _, tt := range tests {
		_, _, err := parseWith(t, tt.src, "")
		var list ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%q: err = %v", tt.src, err)
			continue
		}
		if got := list[0].Pos.String(); got != tt.want {
			t.Errorf("%q: first error at %s, want %s (%v)", tt.src, got, tt.want, err)
		}
	}
}

func TestSplitLines(t *testing.T) {
	got := SplitLines([]byte("a\r\nb\rc\nd\u2028e\u0085f"))
	var s []string
	for _, l := range got {
		s = append(s, string(l))
	}
	if strings.Join(s, ",") != "a,b,c,d,e,f" {
		t.Errorf("SplitLines = %q", s)
	}
}

func TestParseRouteRequire(t *testing.T) {
	m, _, err := parseWith(t, `version: 1
package: api
routes:
  - {prefix: /admin, unauthenticated: redirect, require: {role: admin}}
  - {prefix: /api/billing/, unauthenticated: "401", require: {role: [owner, billing], rule: canBill}}
  - {prefix: /api/org/, unauthenticated: "401", require: {rule: org.member}}
  - {prefix: /dashboard, unauthenticated: redirect}
`, "")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(m.Routes[0].Roles, m.Routes[0].Rule, "|", m.Routes[1].Roles, m.Routes[1].Rule, "|", m.Routes[2].Roles, m.Routes[2].Rule, "|", m.Routes[3].Roles, m.Routes[3].Rule)
	if got != "[admin]|[owner billing]canBill|[]org.member|[]" {
		t.Errorf("routes parsed as %s", got)
	}

	for _, tc := range []struct{ require, want string }{
		{`{role: "admin,owner"}`, `4:65: require.role "admin,owner" is not a role name`},
		{`{role: ""}`, `4:65: require.role "" is not a role name`},
		{`{role: []}`, `4:65: require.role lists no roles`},
		{`{role: [admin, [x]]}`, `4:73: require.role must be a string`},
		{`{role: {a: b}}`, `4:65: require.role must be a string`},
		{`{rule: "can bill"}`, `4:65: require.rule "can bill" is not a rule name`},
		{`{rule: "1st"}`, `4:65: require.rule "1st" is not a rule name`},
		{`{roles: admin}`, `4:59: unknown field "roles" in require`},
		{`{}`, `4:58: require is empty`},
		{`admin`, `4:58: require must be a mapping`},
		{`[admin]`, `4:58: require must be a mapping`},
	} {
		_, _, err := parseWith(t, "version: 1\npackage: api\nroutes:\n  - {prefix: /admin, unauthenticated: redirect, require: "+tc.require+"}\n", "")
		if err == nil || !strings.Contains(err.Error(), "dir/authgen.yaml:"+tc.want) {
			t.Errorf("require: %s: %v\nwant dir/authgen.yaml:%s", tc.require, err, tc.want)
		}
	}
}
