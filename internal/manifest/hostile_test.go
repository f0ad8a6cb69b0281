package manifest

import (
	"strings"
	"testing"
)

// errorsOf parses manifest and returns its errors, one per line.
func errorsOf(t *testing.T, manifest, spec string) string {
	t.Helper()
	_, errs, err := parseWith(t, manifest, spec)
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// Control characters in a path end a generated comment ("\n*/ func
// init() {...}"): they are refused where they are written.
func TestControlCharactersInPathsRefused(t *testing.T) {
	for _, tc := range []struct{ name, manifest, pos string }{
		{"base_path", "version: 1\npackage: api\nauth:\n  base_path: \"/api/auth\\n*/ func init() { panic(1) } /*\"\n", "dir/authgen.yaml:4:14"},
		{"sign_in_path", "version: 1\npackage: api\nauth:\n  sign_in_path: \"/sign-in\\r\"\n", "dir/authgen.yaml:4:17"},
		{"route prefix", "version: 1\npackage: api\nroutes:\n  - prefix: \"/app\\n*/ func init() {} /*\"\n", "dir/authgen.yaml:4:13"},
		{"route prefix, tab", "version: 1\npackage: api\nroutes:\n  - prefix: \"/app\\t\"\n", "dir/authgen.yaml:4:13"},
		{"route prefix, U+2028", "version: 1\npackage: api\nroutes:\n  - prefix: \"/app\\u2028x\"\n", "dir/authgen.yaml:4:13"},
		{"cookie_prefix", "version: 1\npackage: api\nauth:\n  cookie_prefix: \"ba\\nx\"\n", "dir/authgen.yaml:4:18"},
	} {
		got := errorsOf(t, tc.manifest, "")
		if !strings.Contains(got, tc.pos+": ") || !strings.Contains(got, "control character") {
			t.Errorf("%s: errors %q, want one at %s naming the control character", tc.name, got, tc.pos)
		}
	}
}

// A field name the json struct tag cannot carry would change the wire
// name (`json:"to,omitempty"`) or be ignored by encoding/json.
func TestTagUnsafeFieldNamesRefused(t *testing.T) {
	for _, name := range []string{"to,omitempty", `a"b`, `a\\b`, "a`b", "a'b"} {
		manifest := "version: 1\npackage: api\nfunctions:\n  define:\n    m:f:\n      kind: query\n      args:\n        '" + strings.ReplaceAll(name, "'", "''") + "': string\n      returns: string\n"
		got := errorsOf(t, manifest, "")
		if !strings.Contains(got, "dir/authgen.yaml:8:9: ") || !strings.Contains(got, "struct tag") {
			t.Errorf("yaml field %q: errors %q, want one at 8:9 about the struct tag", name, got)
		}
		spec := `{"functions":[{"functionType":"Query","identifier":"m.js:f","visibility":{"kind":"public"},` +
			`"args":{"type":"object","value":{` + jsonString(name) + `:{"fieldType":{"type":"string"},"optional":false}}},"returns":{"type":"string"}}]}`
		_, _, errs := ParseSpec("spec.json", []byte(spec))
		var b strings.Builder
		for _, e := range errs {
			b.WriteString(e.Error() + "\n")
		}
		if !strings.Contains(b.String(), "spec.json:1:") || !strings.Contains(b.String(), "struct tag") {
			t.Errorf("spec field %q: errors %q, want one with a position about the struct tag", name, b.String())
		}
	}
	// Names Convex apps use stay accepted.
	for _, name := range []string{"_id", "_creationTime", "user-name", "a.b", "naïve", "x y"} {
		manifest := "version: 1\npackage: api\nfunctions:\n  define:\n    m:f:\n      kind: query\n      args:\n        '" + name + "': string\n      returns: string\n"
		if got := errorsOf(t, manifest, ""); strings.Contains(got, "struct tag") {
			t.Errorf("field %q refused: %s", name, got)
		}
	}
}

func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
