package manifest

import (
	"strings"
	"testing"
)

func TestCanonicalPath(t *testing.T) {
	good := map[string]string{
		"messages.js:list":        "messages:list",
		"messages:list":           "messages:list",
		"messages":                "messages:default",
		"admin/users.ts:get":      "admin/users:get",
		"ai/summarize.js:default": "ai/summarize:default",
		"a-b/c_d:$e":              "a-b/c_d:$e",
	}
	for in, want := range good {
		if got, err := CanonicalPath(in); err != nil || got != want {
			t.Errorf("CanonicalPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", ":list", "a//b:c", "/a:b", "a b:c", "a:1x", "a:b-c", "a.b:c", "../x:y"} {
		if got, err := CanonicalPath(bad); err == nil {
			t.Errorf("CanonicalPath(%q) = %q, want an error", bad, got)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"messages:*", "messages:list", true},
		{"messages:*", "messages/sub:list", false},
		{"admin/**", "admin/users/deep:get", true},
		{"*:get", "users:get", true},
		{"*:get", "a/users:get", false},
		{"**:get", "a/users:get", true},
		{"users:g?t", "users:get", true},
		{"users.js:get", "usersXjs:get", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.path); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v", tt.pattern, tt.path, got)
		}
	}
}

// The convex-helpers example of reference/convex-http-api.md §5, verbatim
// except for the abridged "body" field, which is a string like "author".
const convexHelpersSpec = `{"url": "https://test-convex-url.convex.cloud",
 "functions": [
  {"args": {"type": "object","value": {}}, "functionType": "Query", "identifier": "messages.js:list",
   "returns": {"type": "array","value": {"type": "object","value": {
      "_creationTime": {"fieldType": {"type": "number"},"optional": false},
      "_id": {"fieldType": {"tableName": "messages","type": "id"},"optional": false},
      "author": {"fieldType": {"type": "string"},"optional": false}, "body": {"fieldType": {"type": "string"},"optional": false}}}},
   "visibility": {"kind": "public"}},
  {"args": {"type":"object","value":{"author":{"fieldType":{"type":"string"},"optional":false},"body":{"fieldType":{"type":"string"},"optional":false}}},
   "functionType": "Mutation","identifier": "messages.js:send","returns": {"type": "null"},"visibility": {"kind": "public"}},
  {"functionType": "HttpAction","method": "POST","path": "/getMessage"}]}`

func TestParseSpecConvexHelpers(t *testing.T) {
	fns, skipped, errs := ParseSpec("spec.json", []byte(convexHelpersSpec))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(fns) != 2 || fns[0].Path != "messages:list" || fns[1].Path != "messages:send" {
		t.Fatalf("functions = %+v", fns)
	}
	if fns[0].Kind != Query || fns[1].Kind != Mutation {
		t.Errorf("kinds = %s, %s", fns[0].Kind, fns[1].Kind)
	}
	list := fns[0].Returns
	if list.Kind != Array || list.Elem.Kind != Object {
		t.Fatalf("messages:list returns %s", render(list))
	}
	var names []string
	for _, f := range list.Elem.Fields {
		names = append(names, f.Name)
	}
	// function-spec sorts keys; the generator keeps that order.
	if got := strings.Join(names, ","); got != "_creationTime,_id,author,body" {
		t.Errorf("field order = %s", got)
	}
	if id := list.Elem.Fields[1].Type; id.Kind != ID || id.Table != "messages" {
		t.Errorf("_id = %s", render(id))
	}
	if fns[1].Returns.Kind != Null || len(fns[1].Args.Fields) != 2 {
		t.Errorf("messages:send = %s -> %s", render(fns[1].Args), render(fns[1].Returns))
	}
	if len(skipped) != 1 || skipped[0] != "HTTP action POST /getMessage" {
		t.Errorf("skipped = %q", skipped)
	}
}

func TestParseSpecValidators(t *testing.T) {
	spec := `{"functions": [{"functionType": "Action", "identifier": "x.js:y", "visibility": {"kind": "public"},
	  "args": {"type": "object", "value": {
	    "big": {"fieldType": {"type": "literal", "value": {"$integer": "AQAAAAAAAAA="}}, "optional": false},
	    "rec": {"fieldType": {"type": "record", "keys": {"type": "id", "tableName": "t"}, "values": {"fieldType": {"type": "bytes"}, "optional": false}}, "optional": true},
	    "set": {"fieldType": {"type": "set"}, "optional": false}}},
	  "returns": {"type": "union", "value": [{"type": "literal", "value": "a"}, {"type": "literal", "value": 2}, {"type": "literal", "value": false}]}}]}`
	fns, _, errs := ParseSpec("s.json", []byte(spec))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	args := fns[0].Args.Fields
	if args[0].Type.Value != int64(1) {
		t.Errorf("bigint literal = %#v", args[0].Type.Value)
	}
	if render(args[1].Type) != "record<id<t>,bytes>" || !args[1].Optional {
		t.Errorf("record = %s optional=%v", render(args[1].Type), args[1].Optional)
	}
	if args[2].Type.Kind != Any {
		t.Errorf("set = %s", render(args[2].Type))
	}
	if got := render(fns[0].Returns); got != `("a"|2|false)` {
		t.Errorf("returns = %s", got)
	}
}

// A validator type this version does not know (a newer Convex release's)
// parses as any, remembering its name so the generator can warn; it never
// fails the spec. v.function() is read as a function reference.
func TestParseSpecFutureValidators(t *testing.T) {
	spec := `{"functions": [{"functionType": "Query", "identifier": "a:b", "visibility": {"kind": "public"},
	  "args": {"type": "object", "value": {"f": {"fieldType": {"type": "function"}, "optional": false}}},
	  "returns": {"type": "array", "value": {"type": "commitTs", "value": {"x": 1}}}}]}`
	fns, _, errs := ParseSpec("s.json", []byte(spec))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if k := fns[0].Args.Fields[0].Type.Kind; k != FunctionRef {
		t.Errorf("v.function() parsed as kind %d, want FunctionRef", k)
	}
	elem := fns[0].Returns.Elem
	if elem.Kind != Any || elem.Unknown != "commitTs" {
		t.Errorf("unknown validator parsed as %+v, want Any remembering commitTs", elem)
	}
}

func TestParseSpecHostile(t *testing.T) {
	tests := map[string]string{
		`not json`: "the function spec is not a JSON object",
		" \n\t":    "the function spec is empty",
		`{"functions": [{"functionType": "Query", "identifier": "a:b", "args": {"type": "object", "value": {}}, "returns": {"type": "record", "keys": {"type": "number"}, "values": {"fieldType": {"type": "string"}}}}]}`: "unsupported record key",
		`{"functions": [{"functionType": "Query", "identifier": "a:b", "args": {"type": "object", "value": []}, "returns": null}]}`:                                                                                        "must be a JSON object",
		`{"functions": [{"functionType": "Query", "identifier": "a:b", "args": {"type": "object", "value": {}}, "returns": {"type": "id"}}]}`:                                                                              "without tableName",
		`{"functions": [{"functionType": "Query", "identifier": "a:b", "args": {"type": "object", "value": {}}, "returns": {"type": "literal", "value": {"$integer": "AQ=="}}}]}`:                                          "unsupported literal",
		`{"functions": [{"functionType": "Query", "identifier": "a:b", "args": {"type": "string"}, "returns": null}]}`:                                                                                                     "args validator must be an object",
	}
	for spec, want := range tests {
		_, _, errs := ParseSpec("s.json", []byte(spec))
		if len(errs) == 0 || !strings.Contains(errs.Error(), want) {
			t.Errorf("%s: errors %v, want one containing %q", spec, errs, want)
		}
	}
}

// Problems in the spec name the line and column of the offending value,
// like manifest errors, including syntax and type errors from encoding/json.
func TestParseSpecPositions(t *testing.T) {
	entry := func(identifier, returns string) string {
		return `{"functionType": "Query", "identifier": ` + identifier + `, "visibility": {"kind": "public"},
  "args": {"type": "object", "value": {}},
  "returns": ` + returns + `}`
	}
	tests := []struct{ spec, want string }{
		{"{\"functions\": [\n" + entry(`"a:b"`, `{"type": "object", "value": {
    "ok": {"fieldType": {"type": "string"}, "optional": false},
    "bad": {"fieldType": {"type": "record", "keys": {"type": "number"}, "values": {"fieldType": {"type": "string"}}}, "optional": false}}}`) + "]}", "s.json:6:53: a:b: returns.bad: unsupported record key type"},
		{"{\"functions\": [\n" + entry(`"a:b"`, `{"type": "array", "value": {"type": "union", "value": [{"type": "string"}, {"type": "id"}]}}`) + "]}", "s.json:4:89: a:b: returns[]: id validator without tableName"},
		{"{\"functions\": [\n" + entry(`"bad path!"`, `null`) + "]}", "s.json:2:41: functions[0]: invalid function path"},
		{"{\"functions\": [\n" + entry(`7`, `null`) + "]}", "s.json:2:41: functions[0]: identifier: unexpected JSON number"},
		{"{\"functions\": [\r\n  {,}]}", "s.json:2:4: invalid function spec: invalid character ','"},
		{"{\"functions\": [", "s.json:1:16: invalid function spec: unexpected end of JSON input"},
		{"{\"functions\": {}}", "s.json:1:15: invalid function spec: functions: unexpected JSON object"},
	}
	for _, tt := range tests {
		_, _, errs := ParseSpec("s.json", []byte(tt.spec))
		if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), tt.want) {
			t.Errorf("%s\nerrors %v\nwant one starting %q", tt.spec, errs, tt.want)
		}
	}
}

// Functions and their types carry the position of their spec entries, so
// later problems (Go name collisions, untyped warnings) point there too.
func TestParseSpecFunctionPositions(t *testing.T) {
	fns, _, errs := ParseSpec("spec.json", []byte(convexHelpersSpec))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := fns[1].Pos.String(); got != "spec.json:10:45" {
		t.Errorf("messages:send at %s, want its identifier at spec.json:10:45", got)
	}
	if got := fns[0].Returns.Elem.Fields[1].Pos.String(); got != "spec.json:6:14" {
		t.Errorf("messages:list returns._id at %s, want spec.json:6:14", got)
	}
}
