package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withTypes parses a manifest declaring the given `types:` entries and one
// query q:f returning ret.
func withTypes(t *testing.T, types, ret string) *Manifest {
	t.Helper()
	src := "version: 1\npackage: {dir: api}\ntypes:\n" + types +
		"functions:\n  define:\n    q:f: {kind: query, args: {}, returns: " + ret + "}\n"
	m, _, err := parseWith(t, src, "")
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return m
}

func TestNullable(t *testing.T) {
	types := `  User: {name: string}
  MaybeUser: "User | null"
  AlsoMaybe: MaybeUser
  Loop: "Loop2"
  Loop2: "Loop"
  Bound: {go: "example.com/m.User"}
`
	for _, tc := range []struct {
		ret  string
		want bool
	}{
		{`"null"`, true},
		{`"User | null"`, true},
		{`"string | null"`, true},
		{`MaybeUser`, true},
		{`AlsoMaybe`, true},                    // through two names
		{`"string | MaybeUser"`, true},         // a nullable member
		{`User`, false},                        // an object
		{`"(User | null)[]"`, false},           // an array of nullable values is not null itself
		{`Bound`, false},                       // a Go binding decodes into a struct
		{`Loop`, false},                        // a cycle of names ends the walk
		{`"any"`, false},                       // may hold null, but says nothing about it
		{`{u: MaybeUser}`, false},              // nullable field, object result
		{`"'a' | 'b'"`, false},                 // literal union
		{`"record<string, MaybeUser>"`, false}, // nullable values, record result
	} {
		m := withTypes(t, types, tc.ret)
		if got := m.Nullable(m.Function("q:f").Returns); got != tc.want {
			t.Errorf("Nullable(%s) = %v, want %v", tc.ret, got, tc.want)
		}
	}
}

func TestCurrentUserShape(t *testing.T) {
	types := `  User: {name: string}
  MaybeUser: "User | null"
  Alias: User
  Bound: {go: "example.com/m.User"}
  Tags: "string[]"
`
	for _, tc := range []struct {
		args, ret string
		unusable  string // "" when usable
	}{
		{"{}", "User", ""},
		{"{}", `"User | null"`, ""},
		{"{}", `{name: string}`, ""},
		{"{}", "Alias", ""},
		{"{}", `"Alias | null"`, ""},
		{"{}", "Bound", ""},
		{"{}", `"Bound | null"`, ""},
		{"{id: string}", "User", "must take no arguments"},
		{"{}", "MaybeUser", "must return an object or null"}, // a name for a nullable type has no pointer to return
		{"{}", `"null"`, ""},                                 // untyped: CurrentUser returns Better Auth's user document
		{"{}", "any", ""},
		{"{id: string}", "any", "must take no arguments"},
		{"{}", "string", "must return an object or null"},
		{"{}", "Tags", "must return an object or null"},
		{"{}", `"User | Alias"`, "must return an object or null"},
	} {
		src := "version: 1\npackage: {dir: api}\ncurrent_user: q:me\ntypes:\n" + types +
			"functions:\n  define:\n    q:me: {kind: query, args: " + tc.args + ", returns: " + tc.ret + "}\n"
		m, _, err := parseWith(t, src, "")
		if err != nil {
			t.Fatalf("args %s returns %s: %v", tc.args, tc.ret, err)
		}
		cu := m.CurrentUser
		if cu.Function == nil || cu.Function.Path != "q:me" {
			t.Fatalf("args %s returns %s: CurrentUser.Function = %+v", tc.args, tc.ret, cu.Function)
		}
		if untyped := tc.ret == "any" || tc.ret == `"null"`; cu.Untyped != untyped {
			t.Errorf("args %s returns %s: Untyped = %v", tc.args, tc.ret, cu.Untyped)
		}
		switch {
		case tc.unusable == "" && cu.Unusable != nil:
			t.Errorf("args %s returns %s: unusable: %v", tc.args, tc.ret, cu.Unusable)
		case tc.unusable != "" && (cu.Unusable == nil || !strings.Contains(cu.Unusable.Msg, tc.unusable)):
			t.Errorf("args %s returns %s: Unusable = %v, want %q", tc.args, tc.ret, cu.Unusable, tc.unusable)
		case tc.unusable != "" && cu.Unusable.Pos.Line != 3:
			t.Errorf("args %s returns %s: reported at %s, want the current_user line", tc.args, tc.ret, cu.Unusable.Pos)
		}
	}
}

func TestCurrentUserMustBeAQuery(t *testing.T) {
	src := "version: 1\npackage: {dir: api}\ncurrent_user: q:me\nfunctions:\n  define:\n    q:me: {kind: mutation, args: {}, returns: \"{a: string}\"}\n"
	_, _, err := parseWith(t, src, "")
	if err == nil || !strings.Contains(err.Error(), "authgen.yaml:3:15: current_user: q:me is a mutation") {
		t.Fatalf("err = %v", err)
	}
}

func TestFindModule(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "internal", "convexapi")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := FindModule(sub); !errors.Is(err, ErrNoModule) && err != nil && !strings.Contains(err.Error(), "no module line") {
		// A go.mod above the temporary directory (unlikely) may govern it.
		t.Fatalf("without go.mod: %v", err)
	}
	write := func(data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go 1.26\n")
	if _, err := FindModule(sub); err == nil || !strings.Contains(err.Error(), "go.mod has no module line") {
		t.Fatalf("go.mod without module line: %v", err)
	}
	write("module example.com/app\n\ngo 1.26\n")
	mod, err := FindModule(sub)
	if err != nil || mod.Path != "example.com/app" || mod.Dir != root {
		t.Fatalf("FindModule = %+v, %v", mod, err)
	}
	for dir, want := range map[string]string{sub: "example.com/app/internal/convexapi", root: "example.com/app"} {
		if got, err := mod.ImportPath(dir); err != nil || got != want {
			t.Errorf("ImportPath(%s) = %q, %v; want %q", dir, got, err, want)
		}
	}
	if got, err := mod.ImportPath(filepath.Dir(root)); err == nil {
		t.Errorf("ImportPath outside the module = %q, want an error", got)
	}
}

func TestDirPackageName(t *testing.T) {
	for dir, want := range map[string]string{
		"internal/convexapi": "convexapi",
		"/abs/Convex-API":    "convexapi",
		"api_v2":             "apiv2",
		"2fa":                "",
		"func":               "",
		"---":                "",
	} {
		if got := DirPackageName(dir); got != want {
			t.Errorf("DirPackageName(%q) = %q, want %q", dir, got, want)
		}
	}
}

func TestDocComments(t *testing.T) {
	src := `version: 1
package: {dir: api}
types:
  # A user of the app.
  # Second line.
  User:
    # Shown to others.
    name: string
    email: string # never shown
  Plain: {a: string}
functions:
  define:
    # Lists the messages of a channel.
    messages:list:
      kind: query
      args: {channel: string}
    messages:send: {kind: mutation} # Sends one.
`
	m, _, err := parseWith(t, src, "")
	if err != nil {
		t.Fatal(err)
	}
	user, plain := m.Named("User"), m.Named("Plain")
	if user.Doc != "A user of the app.\nSecond line." || plain.Doc != "" {
		t.Errorf("type docs = %q, %q", user.Doc, plain.Doc)
	}
	if f := user.Type.Fields; f[0].Doc != "Shown to others." || f[1].Doc != "never shown" {
		t.Errorf("field docs = %q, %q", f[0].Doc, f[1].Doc)
	}
	if d := m.Function("messages:list").Doc; d != "Lists the messages of a channel." {
		t.Errorf("messages:list doc = %q", d)
	}
	if d := m.Function("messages:send").Doc; d != "Sends one." {
		t.Errorf("messages:send doc = %q", d)
	}
}
