package spec_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authgen/authgen/internal/spec"
)

// corpusDir is tests/corpus: real apps and the node_modules they import.
const corpusDir = "../../tests/corpus"

// corpusApps are the apps in tests/corpus, each with its expected spec.
var corpusApps = []string{"ai-town", "better-auth-next", "better-auth-react", "chef", "convexpress"}

// requireCorpus fails (never skips) when the corpus packages or Node are
// missing, naming the command that installs them.
func requireCorpus(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is not on PATH: install Node.js %d or newer (apt-get install nodejs)", spec.MinNodeMajor)
	}
	if _, err := os.Stat(filepath.Join(corpusDir, "node_modules", "convex", "package.json")); err != nil {
		t.Fatalf("tests/corpus has no node_modules/convex: run `make corpus-deps` (%v)", err)
	}
}

// TestCorpus extracts every real app and compares with the spec committed
// next to it, byte for byte.
func TestCorpus(t *testing.T) {
	requireCorpus(t)
	for _, app := range corpusApps {
		t.Run(app, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(corpusDir, app, "function_spec.json"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := spec.Extract(context.Background(), spec.Options{Dir: filepath.Join(corpusDir, app, "convex"), NoCache: true})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Spec, want) {
				t.Errorf("authgen spec of tests/corpus/%s differs from its function_spec.json (%d bytes, want %d); regenerate as tests/corpus/README.md says if the extractor changed on purpose", app, len(res.Spec), len(want))
			}
		})
	}
}

// TestCorpusInstalledWithoutScripts pins the condition TestCorpus runs in:
// esbuild's install script never ran (npm 11's default), so esbuild's bin is
// still its JavaScript placeholder and the binary comes from @esbuild/<platform>.
func TestCorpusInstalledWithoutScripts(t *testing.T) {
	requireCorpus(t)
	bin, err := os.ReadFile(filepath.Join(corpusDir, "node_modules", "esbuild", "bin", "esbuild"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(bin, []byte("#!/usr/bin/env node")) {
		t.Fatalf("tests/corpus/node_modules/esbuild/bin/esbuild is not the placeholder script: its install script ran; reinstall with `make corpus-deps` (tests/corpus/.npmrc sets ignore-scripts)")
	}
}

// app writes a Convex app into a temporary directory whose node_modules is
// the corpus install, and returns its functions directory.
func app(t *testing.T, files map[string]string) string {
	t.Helper()
	requireCorpus(t)
	root := t.TempDir()
	modules, err := filepath.Abs(filepath.Join(corpusDir, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(modules, filepath.Join(root, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		path := filepath.Join(root, "convex", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "convex")
}

const messagesTS = `import { queryGeneric as query, internalMutationGeneric as internalMutation } from "convex/server";
import { v } from "convex/values";

export const list = query({
  args: { limit: v.optional(v.number()), tag: v.union(v.literal("a"), v.literal("b")) },
  returns: v.array(v.object({ _id: v.id("messages"), body: v.string(), n: v.int64(), m: v.record(v.string(), v.bytes()) })),
  handler: async () => [],
});

export const purge = internalMutation({ args: {}, handler: async () => null });

export const untyped = query(async () => 1);
`

func TestShapes(t *testing.T) {
	dir := app(t, map[string]string{
		"messages.ts": messagesTS,
		"http.ts": `import { httpRouter, httpActionGeneric as httpAction } from "convex/server";
const http = httpRouter();
const ok = httpAction(async () => new Response("ok"));
http.route({ path: "/hook", method: "POST", handler: ok });
http.route({ pathPrefix: "/files/", method: "GET", handler: ok });
export default http;
`,
		// Not entry points: deploy skips them.
		"messages.test.ts":           `export const x = 1;`,
		"auth.config.ts":             `export default { providers: [] };`,
		"schema.ts":                  `export default {};`,
		"types.d.ts":                 `export type T = string;`,
		"_generated/server.js":       `throw new Error("never loaded as an entry point");`,
		"component/convex.config.ts": `export default {};`,
		"component/fns.ts":           `throw new Error("a local component is not part of the app's spec");`,
		"with space.ts":              `throw new Error("skipped");`,
		"nothing.ts":                 `// no import or export: not a module`,
	})
	t.Setenv("CONVEX_URL", "https://happy-otter-123.convex.cloud")
	res, err := spec.Extract(context.Background(), spec.Options{Dir: dir, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	got := string(res.Spec)
	for _, want := range []string{
		`"url": "https://happy-otter-123.convex.cloud",`,
		`"identifier": "messages.js:list",`,
		`"identifier": "messages.js:purge",`,
		`"kind": "internal"`,
		`"returns": null,`,
		`"type": "bigint"`,
		`"type": "bytes"`,
		`"tableName": "messages",`,
		`"optional": true`,
		`"path": "/hook"`,
		`"path": "/files/*"`,
		`"method": "POST",`,
		`"functionType": "HttpAction",`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("spec lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "test.js") || strings.Contains(got, "fns.js") || strings.Contains(got, "auth.config") {
		t.Errorf("spec lists a module deploy skips:\n%s", got)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "messages.js:untyped") {
		t.Errorf("warnings = %q, want one for messages.js:untyped", res.Warnings)
	}
	// Keys are sorted as the backend's objects are: args before functionType.
	if i, j := strings.Index(got, `"args"`), strings.Index(got, `"functionType": "Query"`); i < 0 || j < i {
		t.Errorf("keys not in the backend's order:\n%s", got)
	}
}

func TestCache(t *testing.T) {
	dir := app(t, map[string]string{"messages.ts": messagesTS})
	cacheDir := t.TempDir()
	opts := spec.Options{Dir: dir, CacheDir: cacheDir}
	first, err := spec.Extract(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if first.Cached {
		t.Fatal("first extraction came from an empty cache")
	}
	// With node gone from PATH, only the cache can answer.
	t.Setenv("PATH", t.TempDir())
	again, err := spec.Extract(context.Background(), opts)
	if err != nil {
		t.Fatalf("unchanged tree started node: %v", err)
	}
	if !again.Cached || !bytes.Equal(again.Spec, first.Spec) || len(again.Warnings) != len(first.Warnings) {
		t.Fatalf("cached = %v, same spec = %v, warnings %q vs %q", again.Cached, bytes.Equal(again.Spec, first.Spec), again.Warnings, first.Warnings)
	}
	// A changed .ts file misses the cache (and needs node again).
	if err := os.WriteFile(filepath.Join(dir, "messages.ts"), []byte(strings.Replace(messagesTS, "limit", "max", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := spec.Extract(context.Background(), opts); spec.KindOf(err) != spec.KindNoNode {
		t.Fatalf("changed tree: err = %v, want the no-node error of a cache miss", err)
	}
}

// TestCacheSeesSharedCode: code the functions import from outside their
// directory is part of the input too.
func TestCacheSeesSharedCode(t *testing.T) {
	dir := app(t, map[string]string{"limits.ts": `import { queryGeneric as query } from "convex/server";
import { v } from "convex/values";
import { field } from "../shared/fields";
export const get = query({ args: { [field]: v.string() }, handler: async () => null });
`})
	shared := filepath.Join(filepath.Dir(dir), "shared", "fields.ts")
	if err := os.MkdirAll(filepath.Dir(shared), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shared, []byte(`export const field = "alpha";`), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := spec.Options{Dir: dir, CacheDir: t.TempDir()}
	if _, err := spec.Extract(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shared, []byte(`export const field = "beta";`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := spec.Extract(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Cached || !bytes.Contains(res.Spec, []byte(`"beta"`)) {
		t.Fatalf("a change in ../shared/fields.ts was not seen (cached = %v):\n%s", res.Cached, res.Spec)
	}
}

func TestErrors(t *testing.T) {
	requireCorpus(t)
	noConvex := filepath.Join(t.TempDir(), "convex")
	if err := os.MkdirAll(noConvex, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(noConvex, "a.ts"), []byte("export const a = 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fakeNode := filepath.Join(t.TempDir(), "node")
	if err := os.WriteFile(fakeNode, []byte("#!/bin/sh\necho 'SyntaxError: Unexpected reserved word' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		opts  spec.Options
		files map[string]string
		kind  spec.Kind
		want  []string
	}{
		{name: "no node", opts: spec.Options{Node: "authgen-no-such-node"}, files: map[string]string{"a.ts": "export const a = 1;"},
			kind: spec.KindNoNode, want: []string{"Node.js 18 or newer", "not on PATH", "https://nodejs.org"}},
		{name: "old or broken node", opts: spec.Options{Node: fakeNode}, files: map[string]string{"a.ts": "export const a = 1;"},
			kind: spec.KindNodeFailed, want: []string{"exited without a function spec", "needs Node.js 18 or newer", "SyntaxError: Unexpected reserved word"}},
		{name: "convex not installed", opts: spec.Options{Dir: noConvex},
			kind: spec.KindConvexMissing, want: []string{"convex package is not installed", "run `npm install`"}},
		{name: "no such dir", opts: spec.Options{Dir: filepath.Join(t.TempDir(), "nope")},
			kind: spec.KindNoDir, want: []string{"is not a directory", "--convex-dir"}},
		{name: "syntax error", files: map[string]string{"ok.ts": "export const ok = 1;\n", "bad.ts": "export const a = 1;\nexport const b = {;\n"},
			kind: spec.KindBuild, want: []string{"convex/bad.ts:2:19: ", "export const b = {;"}},
		{name: "unresolved import", files: map[string]string{"a.ts": "import x from \"left-pad-never-installed\";\nexport const a = x;\n"},
			kind: spec.KindBuild, want: []string{"convex/a.ts:1:", "Could not resolve \"left-pad-never-installed\"", "run `npm install`"}},
		{name: "node API without use node", files: map[string]string{"a.ts": "import fs from \"fs\";\nexport const a = fs.readFileSync;\n"},
			kind: spec.KindBuild, want: []string{"convex/a.ts:1:", "\"use node\""}},
		{name: "throws at import", files: map[string]string{"keys.ts": "export const k = 1;\nthrow new TypeError(\"STRIPE_KEY missing\");\n"},
			kind: spec.KindImport, want: []string{"loading convex/keys.ts failed: TypeError: STRIPE_KEY missing", "--env-file"}},
		// shared.lib.ts is no entry point; esbuild puts it in a chunk both
		// entries import, and the first entry loaded gets its error.
		{name: "throws in shared code", files: map[string]string{
			"a.ts":          "import { x } from \"./shared.lib\";\nexport const a = x;\n",
			"b.ts":          "import { x } from \"./shared.lib\";\nexport const b = x;\n",
			"shared.lib.ts": "export const x = 1;\nthrow new RangeError(\"shared setup failed\");\n",
		}, kind: spec.KindImport, want: []string{"loading convex/a.ts failed: RangeError: shared setup failed"}},
		{name: "dynamic import throws", files: map[string]string{"a.ts": "export const a = await import(\"./lazy.lib\");\n", "lazy.lib.ts": "throw new Error(\"lazy boom\");\n"},
			kind: spec.KindImport, want: []string{"loading convex/a.ts failed: Error: lazy boom"}},
		// Node ends on a promise rejected without a handler, as when the
		// module is imported from a file: it gets its turn of the event
		// loop before the next module.
		{name: "unhandled rejection at import", files: map[string]string{
			"a.ts": "Promise.reject(new Error(\"rejected at import\"));\nexport const a = 1;\n",
			"b.ts": "export const b = 1;\n",
		}, kind: spec.KindNodeFailed, want: []string{"exited without a function spec", "Error: rejected at import"}},
		// A caught failure of a module imported again later: the importer
		// fails with the module's own error.
		{name: "errored module imported again", files: map[string]string{
			"a.ts":       "try { await import(\"./bad.lib\"); } catch {}\nexport const a = 1;\n",
			"b.ts":       "import { x } from \"./bad.lib\";\nexport const b = x;\n",
			"bad.lib.ts": "export const x = 1;\nthrow new Error(\"bad setup\");\n",
		}, kind: spec.KindImport, want: []string{"loading convex/b.ts failed: Error: bad setup"}},
		{name: "union args", files: map[string]string{"a.ts": "import { queryGeneric as query } from \"convex/server\";\nimport { v } from \"convex/values\";\nexport const q = query({ args: v.union(v.object({}), v.null()) as any, handler: async () => null });\n"},
			kind: spec.KindValidator, want: []string{"a.js:q: Error in args validator", "object or any"}},
		{name: "http without router", files: map[string]string{"http.ts": "export default 1;\n"},
			kind: spec.KindHTTP, want: []string{"convex/http.ts", "not a Router"}},
		{name: "use node in http", files: map[string]string{"http.ts": "\"use node\";\nexport default 1;\n"},
			kind: spec.KindLayout, want: []string{"\"use node\" is not allowed in http.ts"}},
		{name: "bad env file", opts: spec.Options{EnvFile: "testdata-missing.env"}, files: map[string]string{"a.ts": "export const a = 1;"},
			kind: spec.KindEnvFile, want: []string{"--env-file", "testdata-missing.env"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := c.opts
			opts.NoCache = true
			if opts.Dir == "" {
				opts.Dir = app(t, c.files)
			}
			res, err := spec.Extract(context.Background(), opts)
			if err == nil {
				t.Fatalf("extraction succeeded:\n%s", res.Spec)
			}
			if spec.KindOf(err) != c.kind {
				t.Errorf("kind = %q, want %q: %v", spec.KindOf(err), c.kind, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestEnvFile: module-level code sees --env-file values over the process
// environment.
func TestEnvFile(t *testing.T) {
	dir := app(t, map[string]string{"site.ts": `import { queryGeneric as query } from "convex/server";
import { v } from "convex/values";
const name = process.env.FIELD_NAME;
if (!name) throw new Error("FIELD_NAME is not set");
export const get = query({ args: { [name]: v.string() }, handler: async () => null });
`})
	env := filepath.Join(t.TempDir(), "deploy.env")
	if err := os.WriteFile(env, []byte("# deployment variables\nexport FIELD_NAME=\"fromFile\"\nOTHER='x # y'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FIELD_NAME", "fromProcess")
	res, err := spec.Extract(context.Background(), spec.Options{Dir: dir, EnvFile: env, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(res.Spec, []byte(`"fromFile"`)) {
		t.Fatalf("env file value not seen:\n%s", res.Spec)
	}
	res, err = spec.Extract(context.Background(), spec.Options{Dir: dir, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(res.Spec, []byte(`"fromProcess"`)) {
		t.Fatalf("process environment not seen:\n%s", res.Spec)
	}
}

// TestModuleLoading: the isolate bundle is evaluated from memory, yet a
// module sees what it would as a file: its import.meta.url, and import() of
// another module (here awaited at the top level, so it counts at load).
// What the module prints reaches Stderr, and nothing of Node's about the
// experimental vm modules it is loaded with.
func TestModuleLoading(t *testing.T) {
	dir := app(t, map[string]string{
		"fields.lib.ts": `export const field = "lazy";`,
		"lazy.ts": `import { queryGeneric as query } from "convex/server";
import { v } from "convex/values";
if (!import.meta.url.startsWith("file:///") || !import.meta.url.endsWith("/lazy.js")) throw new Error("import.meta.url is " + import.meta.url);
const { field } = await import("./fields.lib");
await new Promise((resolve) => setTimeout(resolve, 1)); // lets Node print pending warnings
console.log("lazy.ts loaded");
export const get = query({ args: { [field]: v.string() }, handler: async () => null });
`,
	})
	var stderr bytes.Buffer
	res, err := spec.Extract(context.Background(), spec.Options{Dir: dir, NoCache: true, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	if got := stderr.String(); got != "lazy.ts loaded\n" {
		t.Errorf("stderr = %q, want only the module's own line", got)
	}
	if !bytes.Contains(res.Spec, []byte(`"lazy": {`)) || !bytes.Contains(res.Spec, []byte(`"identifier": "lazy.js:get"`)) {
		t.Fatalf("lazy.js:get with a lazy field missing:\n%s", res.Spec)
	}
}

// TestConcurrentImportsOfOneModule: two import()s of one module at once,
// in one entry and from two helpers, share its evaluation as Node's loader
// does, instead of failing on a module still linking.
func TestConcurrentImportsOfOneModule(t *testing.T) {
	dir := app(t, map[string]string{
		"heavy.lib.ts":   `export const field = "heavy";`,
		"helper1.lib.ts": `export const heavy = import("./heavy.lib");`,
		"helper2.lib.ts": `export const heavy = import("./heavy.lib");`,
		"both.ts": `import { queryGeneric as query } from "convex/server";
import { v } from "convex/values";
import { heavy as h1 } from "./helper1.lib";
import { heavy as h2 } from "./helper2.lib";
const [a, b] = await Promise.all([import("./heavy.lib"), import("./heavy.lib")]);
const [c, d] = await Promise.all([h1, h2]);
if (a !== b || b !== c || c !== d) throw new Error("one module, several namespaces");
export const get = query({ args: { [a.field]: v.string() }, handler: async () => null });
`,
	})
	res, err := spec.Extract(context.Background(), spec.Options{Dir: dir, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(res.Spec, []byte(`"heavy": {`)) {
		t.Fatalf("both.js:get with the heavy field missing:\n%s", res.Spec)
	}
}
