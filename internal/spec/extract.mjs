// extract.mjs: prints the function spec of a Convex functions directory
// without a deployment. authgen's spec package embeds this file and runs it
// with Node:
//
//   node --experimental-vm-modules extract.mjs --dir <convex dir> --out <result.json> --work <tmp dir> [--deploy-env F]
//
// (not --env-file: Node 20 takes that flag for itself wherever it appears;
// the vm modules flag lets the isolate bundles load from memory, see
// BundleLoader)
//
// It mirrors what `npx convex deploy` and the backend do, using the app's own
// `convex` package and the esbuild it depends on:
//   - entry points as convex/dist/.../bundler/index.js picks them (entryPoints,
//     determineEnvironment): no _generated/, dotfiles, schema.ts, names with
//     more than one dot (foo.test.ts, auth.config.ts, x.d.ts), paths with a
//     space, nested component folders with their own convex.config.ts;
//   - one esbuild build per runtime with innerEsbuild's options (browser for
//     Convex's runtime, node for "use node" files);
//   - the analysis in crates/isolate/src/environment/analyze.rs (isQuery /
//     isMutation / isAction, isPublic / isInternal, exportArgs / exportReturns,
//     the http.js router's getRoutes) and the validator JSON round trip of
//     crates/common/src/schemas/json.rs (ValidatorJson);
//   - the listing of _system/cli/modules:apiSpec and the CLI's printing
//     (convexToJson, JSON.stringify(..., null, 2)).
//
// The result goes to --out as JSON, {spec, warnings, inputs} or {error}, so
// that console output of user code at import time (sent to stderr) can never
// corrupt it. authgen turns {error} into the message the user sees.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

const MIN_NODE_MAJOR = 18;

class ExtractError extends Error {
  constructor(detail) {
    super(detail.message);
    this.detail = detail;
  }
}

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i += 2) o[argv[i].replace(/^--/, "")] = argv[i + 1];
  return o;
}

async function extract({ dir, work, "deploy-env": envFile }) {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE_MAJOR) {
    throw new ExtractError({ kind: "node-version", message: `Node ${process.versions.node} is too old`, need: `${MIN_NODE_MAJOR}` });
  }
  if (typeof vm.SourceTextModule !== "function") {
    throw new ExtractError({ kind: "internal", message: "extract.mjs needs node --experimental-vm-modules" });
  }
  const started = performance.now();
  dir = path.resolve(dir);
  if (envFile) loadEnvFile(envFile);
  const convexPkg = findConvexPackage(dir);
  // esbuild's service process starts while the entry points are listed; a
  // missing esbuild is still reported before a layout error.
  const esbuildLoaded = loadEsbuild(convexPkg);
  const tEntries = performance.now();
  let entries, layoutErr;
  try {
    entries = entryPoints(dir);
  } catch (e) {
    layoutErr = e;
  }
  trace(`listed the entry points in ${Math.round(performance.now() - tEntries)}ms (started at ${Math.round(started)}ms)`);
  const esbuild = await esbuildLoaded;
  if (layoutErr) throw layoutErr;
  const values = createRequire(convexPkg.json)("convex/values");

  const warnings = [];
  const isolate = entries.filter((e) => !e.node).map((e) => e.abs);
  const node = entries.filter((e) => e.node).map((e) => e.abs);
  fs.writeFileSync(path.join(work, "package.json"), '{"type":"module"}\n');
  const inputs = new Set();
  const t0 = performance.now();
  // The "use node" modules are loaded while esbuild works on the (usually
  // far larger) isolate bundle: loading a heavy package such as googleapis
  // then overlaps the bundling. Their build (small: packages stay external)
  // runs first, alone; run together with the isolate build it would end, and
  // the loading start, only about when the isolate build does. The isolate
  // bundle stays in memory (write: false); the node one is written, for Node
  // to load it next to the packages it imports.
  await build(esbuild, dir, node, "node", path.join(work, "node"), inputs);
  trace(`bundled ${node.length} "use node" modules in ${Math.round(performance.now() - t0)}ms`);
  const isolateBuilt = build(esbuild, dir, isolate, "browser", path.join(work, "isolate"), inputs).then(
    (files) => {
      trace(`bundled ${isolate.length} isolate modules at ${Math.round(performance.now() - t0)}ms`);
      return { files };
    },
    (err) => ({ err }),
  );
  const byModule = new Map();
  const slow = [];
  const nodeLoader = { load: (entry) => importNodeModule(path.join(work, "node", entry.modulePath)) };
  await loadModules(entries.filter((e) => e.node), nodeLoader, byModule, slow, warnings);
  trace(`loaded the "use node" modules at ${Math.round(performance.now() - t0)}ms`);
  const { files, err } = await isolateBuilt;
  // Both builds are done: the esbuild service (its collector off, see
  // withoutGoGC) gives its memory back before user code runs.
  await esbuild.stop?.();
  if (err) throw err;
  const t1 = performance.now();
  const isolateLoader = new BundleLoader(files, path.join(work, "isolate"));
  await loadModules(entries.filter((e) => !e.node), isolateLoader, byModule, slow, warnings);
  trace(`loaded the isolate modules in ${Math.round(performance.now() - t1)}ms; slowest: ${slow.sort((a, b) => b[0] - a[0]).slice(0, 5).map(([ms, m]) => `${m} ${Math.round(ms)}ms`).join(", ")}`);
  const t2 = performance.now();
  const functions = entries.flatMap((e) => byModule.get(e.rel));
  const url = process.env.CONVEX_URL ?? "";
  const printed = values.convexToJson(values.jsonToConvex(sortKeys(functions)));
  trace(`printed ${functions.length} functions in ${Math.round(performance.now() - t2)}ms`);
  return {
    spec: JSON.stringify({ url, functions: printed }, null, 2),
    warnings,
    inputs: [...inputs].sort(),
  };
}

// loadModules imports each bundled entry point, one after the other in
// entry point order, and analyzes its exports into byModule (by relative
// path). loader.load returns the module's namespace and its bundle's text.
async function loadModules(entries, loader, byModule, slow, warnings) {
  for (const entry of entries) {
    let loaded;
    const started = performance.now();
    try {
      loaded = await loader.load(entry);
    } catch (e) {
      throw new ExtractError({
        kind: "import",
        module: entry.rel,
        message: `${e?.name ?? "Error"}: ${e?.message ?? String(e)}`,
      });
    }
    slow.push([performance.now() - started, entry.rel]);
    byModule.set(entry.rel, analyzeModule(entry, loaded.ns, loaded.source, warnings));
  }
}

// importNodeModule loads a "use node" bundle written to disk, with Node's
// own loader: it imports the app's packages by file URL.
async function importNodeModule(out) {
  setupNodeGlobals(out);
  const ns = await import(pathToFileURL(out).href);
  return { ns, source: fs.readFileSync(out, "utf8") };
}

// BundleLoader evaluates the isolate bundle from esbuild's in-memory output,
// as vm.SourceTextModules in this context. Convex's isolate gets its modules
// from the deployment, not from files, and so does this: the browser bundle
// imports nothing but its own files (entries and _deps chunks), so a module
// map replaces Node's loader, which would stat, read and resolve each of
// hundreds of files asynchronously. Each module keeps the file URL it would
// have had on disk (import.meta.url, stack traces), and one that throws
// while evaluated stays errored, so the next entry importing it gets the
// same error, as with import().
class BundleLoader {
  constructor(files, outdir) {
    this.outdir = outdir;
    this.files = new Map(files.map((f) => [f.path, f]));
    this.modules = new Map(); // bundle file → its module
    this.paths = new Map(); // module → its bundle file
    this.evaluations = new Map(); // module → the promise of its evaluation
    // Links run one after another: Node's link() does not wait for a
    // dependency another link() call is still linking.
    this.linking = Promise.resolve();
    this.link = (specifier, referrer) => {
      const m = this.module(this.resolve(specifier, referrer));
      // An errored module fails its importer with its own error, as
      // Node's loader does, not with "resolved to an errored module".
      if (m.status === "errored") throw m.error;
      return m;
    };
  }

  async load(entry) {
    // A turn of the event loop first, as import() of a file takes one to
    // read it: what the previous module queued at import (timers,
    // process.nextTick) runs before this one is evaluated, and a promise it
    // rejected without a handler still ends the run, as Node's loader would.
    await new Promise(setImmediate);
    const file = path.join(this.outdir, entry.modulePath);
    const m = this.module(file);
    await this.evaluate(m);
    return { ns: m.namespace, source: this.files.get(file).text };
  }

  // evaluate links and evaluates m with its imports, once: every later or
  // concurrent call (two import()s of one module at once) shares the first
  // call's promise, as import() does; an errored module rejects each time.
  evaluate(m) {
    let done = this.evaluations.get(m);
    if (done === undefined) {
      done = (async () => {
        if (m.status === "unlinked") {
          const linked = this.linking.then(() => (m.status === "unlinked" ? m.link(this.link) : undefined));
          this.linking = linked.catch(() => {});
          await linked;
        }
        await m.evaluate();
        return m;
      })();
      this.evaluations.set(m, done);
    }
    return done;
  }

  resolve(specifier, referrer) {
    const file = path.resolve(path.dirname(this.paths.get(referrer)), specifier);
    if (!this.files.has(file)) throw new Error(`Cannot find module ${JSON.stringify(specifier)} imported from ${referrer.identifier} in the bundle`);
    return file;
  }

  module(file) {
    let m = this.modules.get(file);
    if (m) return m;
    const url = pathToFileURL(file).href;
    m = withoutVMModulesWarning(
      () =>
        new vm.SourceTextModule(this.files.get(file).text, {
          identifier: url,
          initializeImportMeta: (meta) => {
            meta.url = url;
          },
          // import() in the bundle (esbuild keeps dynamic imports, of
          // entries or chunks) resolves in the same module map.
          importModuleDynamically: (specifier, referrer) => this.evaluate(this.link(specifier, referrer)),
        }),
    );
    this.modules.set(file, m);
    this.paths.set(m, file);
    return m;
  }
}

// withoutVMModulesWarning runs f without the ExperimentalWarning Node prints
// when the first vm.SourceTextModule is made: extraction's stderr is the
// user code's output, and the warning is about authgen, not the app.
function withoutVMModulesWarning(f) {
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    if (String(warning).startsWith("VM Modules")) return;
    emitWarning.call(process, warning, ...rest);
  };
  try {
    return f();
  } finally {
    process.emitWarning = emitWarning;
  }
}

// trace reports timings on stderr when AUTHGEN_SPEC_TRACE is set.
function trace(msg) {
  if (process.env.AUTHGEN_SPEC_TRACE) console.error(`authgen spec: ${msg}`);
}

// setupNodeGlobals is the node executor's setupGlobals
// (npm-packages/node-executor/src/executor.ts): esbuild's ESM bundles of
// CommonJS packages call require, so "use node" modules get one resolving
// from the module.
function setupNodeGlobals(modulePath) {
  globalThis.require = createRequire(modulePath);
  globalThis.module = { exports: {} };
  globalThis.exports = globalThis.module.exports;
  globalThis.__filename = modulePath;
  globalThis.__dirname = path.dirname(modulePath);
}

// loadEnvFile puts KEY=VALUE lines into process.env, overriding what is
// there, as deployment variables would.
function loadEnvFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ExtractError({ kind: "env-file", file, message: e.message });
  }
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim().replace(/^export\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new ExtractError({ kind: "env-file", file, line: n + 1, message: `want KEY=VALUE, got ${JSON.stringify(line.slice(0, 40))}` });
    let value = m[2];
    if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    else if (/^".*"$/.test(value)) value = value.slice(1, -1).replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    else value = value.replace(/\s+#.*$/, "");
    process.env[m[1]] = value;
  }
}

// findConvexPackage resolves `convex` as the app's own code would, from the
// functions directory upwards.
function findConvexPackage(dir) {
  let json;
  try {
    json = createRequire(path.join(dir, "noop.js")).resolve("convex/package.json");
  } catch {
    throw new ExtractError({ kind: "convex-missing", message: `the convex package is not installed for ${dir}` });
  }
  const version = JSON.parse(fs.readFileSync(json, "utf8")).version;
  return { json, dir: path.dirname(json), version };
}

// loadEsbuild loads the esbuild the convex package depends on. Its JS API
// finds the binary in the @esbuild/<platform> package, so it works when
// esbuild's install script never ran (npm 11 without allowScripts). esbuild-wasm
// is the fallback where no platform package is installed.
async function loadEsbuild(convexPkg) {
  const req = createRequire(convexPkg.json);
  const problems = [];
  for (const name of ["esbuild", "esbuild-wasm"]) {
    let mod;
    try {
      mod = req(name);
    } catch (e) {
      problems.push(`${name}: ${firstLine(e.message)}`);
      continue;
    }
    try {
      await withoutGoGC(() => mod.transform("", {}));
      return mod;
    } catch (e) {
      problems.push(`${name}: ${firstLine(e.message)}`);
    }
  }
  throw new ExtractError({ kind: "esbuild-missing", message: `no working esbuild next to convex ${convexPkg.version} (${convexPkg.dir}): ${problems.join("; ")}` });
}

// withoutGoGC runs f, whose first esbuild call starts esbuild's service
// process, with Go's garbage collector off in that process, unless GOGC is
// set. The service does two builds and exits with us, as esbuild's CLI does
// one, and the CLI turns the collector off for that: on tests/corpus/
// convexpress the isolate build then takes a fifth less CPU (user + system)
// for a quarter more peak memory (280 → 350 MB). The variable is gone again
// before user code runs.
// GOMEMLIMIT (unless set) still makes it collect near 1 GiB, so a far
// larger app than convexpress cannot exhaust a small CI machine.
async function withoutGoGC(f) {
  if (process.env.GOGC !== undefined) return f();
  const setLimit = process.env.GOMEMLIMIT === undefined;
  process.env.GOGC = "off";
  if (setLimit) process.env.GOMEMLIMIT = "1GiB";
  try {
    return await f();
  } finally {
    delete process.env.GOGC;
    if (setLimit) delete process.env.GOMEMLIMIT;
  }
}

function firstLine(s) {
  return String(s).trim().split("\n")[0];
}

const ENTRY_POINT_EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"];

// entryPoints lists the modules deploy would push, with their runtime and the
// module path the backend knows them by (dir/file.js).
function entryPoints(dir) {
  const found = [];
  const walk = (d) => {
    const names = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => consistentPathSort(a.name, b.name));
    for (const ent of names) {
      const abs = path.join(d, ent.name);
      if (ent.isDirectory()) {
        if (fs.existsSync(path.join(abs, "convex.config.ts"))) continue; // a local component
        walk(abs);
        continue;
      }
      if (!ent.isFile()) continue;
      const rel = path.relative(dir, abs);
      const base = ent.name;
      if (rel.startsWith("_deps" + path.sep)) {
        throw new ExtractError({ kind: "layout", message: `${rel} is inside _deps, which Convex reserves for dependencies; move it` });
      }
      if (!ENTRY_POINT_EXTENSIONS.some((ext) => rel.endsWith(ext))) continue;
      if (rel.startsWith("_generated" + path.sep)) continue;
      if (base.startsWith(".") || base.startsWith("#")) continue;
      if (base === "schema.ts" || base === "schema.js") continue;
      if ((base.match(/\./g) || []).length > 1) continue;
      if (rel.includes(" ")) continue;
      const source = fs.readFileSync(abs, "utf8");
      if ((abs.endsWith(".ts") || abs.endsWith(".tsx")) && !/^\s{0,100}(import|export)/m.test(source)) continue;
      // Each file is read once, and its text dropped at once (holding
      // hundreds of them costs more in GC than reading them again).
      found.push({ abs, node: hasUseNodeDirective(source) });
    }
  };
  walk(dir);
  return found.map(({ abs, node }) => {
    const rel = path.relative(dir, abs).split(path.sep).join("/");
    const bare = rel.replace(/\.[^/.]+$/, "");
    if (node && ["http", "crons", "schema", "auth.config"].includes(bare)) {
      throw new ExtractError({ kind: "layout", message: `"use node" is not allowed in ${rel}` });
    }
    if (!node && rel.startsWith("actions/")) {
      throw new ExtractError({ kind: "layout", message: `${rel} is in the actions/ folder but has no "use node" directive` });
    }
    return { abs, rel, node, modulePath: bare + ".js" };
  });
}

// consistentPathSort is convex's bundler/fs.js order: by code unit, not locale.
function consistentPathSort(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i);
  }
  return a.length - b.length;
}

// hasUseNodeDirective reports a "use node" directive in the file's prologue
// (the leading string-literal statements, after comments).
function hasUseNodeDirective(source) {
  if (source.indexOf("use node") === -1) return false;
  let s = source.replace(/^\uFEFF/, "");
  for (;;) {
    s = s.replace(/^(\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|#![^\n]*)/, "");
    if (/^(\s|\/\/|\/\*)/.test(s)) continue;
    const m = /^("([^"\\\n]|\\.)*"|'([^'\\\n]|\\.)*')\s*;?/.exec(s);
    if (!m) return false;
    if (m[1].slice(1, -1) === "use node") return true;
    s = s.slice(m[0].length);
  }
}

// build runs esbuild with the options of convex's innerEsbuild. The node
// bundles are written under outdir; the browser ones are returned (their
// paths still under outdir). Files outside node_modules that the bundle read
// are added to inputs (authgen's cache checks them).
async function build(esbuild, dir, entryPoints, platform, outdir, inputs) {
  if (entryPoints.length === 0) return [];
  const plugins = [serverOnlyPlugin, wasmPlugin];
  if (platform === "browser") plugins.unshift(asyncHooksShim);
  // Deploy bundles the packages a "use node" module imports, except
  // convex.json's node.externalPackages. Here Node loads each package's
  // entry file from node_modules itself: the same code, without bundling the
  // likes of googleapis on every extraction.
  if (platform === "node") plugins.unshift(externalPlugin);
  let result;
  try {
    result = await esbuild.build({
      entryPoints,
      bundle: true,
      platform,
      format: "esm",
      target: "esnext",
      jsx: "automatic",
      outdir,
      outbase: dir,
      conditions: ["convex", "module"],
      plugins,
      write: platform === "node",
      sourcemap: false,
      splitting: true,
      chunkNames: path.join("_deps", "[hash]"),
      treeShaking: true,
      // Deploy also minifies syntax and identifiers (keepNames on). That
      // changes no exported value and costs half the build time, so it is
      // left out here.
      define: { "process.env.NODE_ENV": '"production"' },
      metafile: true,
      logLevel: "silent",
      absWorkingDir: dir,
    });
  } catch (e) {
    if (!Array.isArray(e?.errors)) throw e;
    throw new ExtractError({
      kind: "build",
      message: `esbuild failed (${platform})`,
      useNode: platform === "browser" && e.errors.some((m) => m.notes?.some((n) => n.text.includes("Are you trying to bundle for node?"))),
      errors: e.errors.slice(0, 20).map((m) => ({
        file: m.location ? path.resolve(dir, m.location.file) : "",
        line: m.location?.line ?? 0,
        column: m.location ? m.location.column + 1 : 0,
        lineText: m.location?.lineText ?? "",
        text: m.text,
      })),
    });
  }
  for (const rel of Object.keys(result.metafile.inputs)) {
    if (rel.includes(":")) continue; // plugin namespaces
    const abs = path.resolve(dir, rel);
    if (!abs.split(path.sep).includes("node_modules")) inputs.add(abs);
  }
  return result.outputFiles ?? [];
}

const serverOnlyPlugin = {
  name: "convex-server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, (args) => ({ path: args.path, namespace: "server-only-stub" }));
    b.onLoad({ filter: /.*/, namespace: "server-only-stub" }, () => ({ contents: "", loader: "js" }));
  },
};

const asyncHooksShim = {
  name: "convex-async-hooks-shim",
  setup(b) {
    b.onResolve({ filter: /^(node:)?async_hooks$/ }, (args) => ({ path: args.path, namespace: "async-hooks-shim" }));
    b.onLoad({ filter: /.*/, namespace: "async-hooks-shim" }, () => ({
      contents: "export const AsyncLocalStorage = globalThis.AsyncLocalStorage;\nexport const AsyncResource = globalThis.AsyncResource;\nexport default { AsyncLocalStorage, AsyncResource };\n",
      loader: "js",
    }));
  },
};

const wasmPlugin = {
  name: "convex-wasm",
  setup(b) {
    b.onResolve({ filter: /\.wasm$/ }, (args) => {
      if (args.namespace === "wasm-stub") return { path: args.path, namespace: "wasm-binary" };
      if (args.resolveDir === "") return;
      return { path: path.isAbsolute(args.path) ? args.path : path.join(args.resolveDir, args.path), namespace: "wasm-stub" };
    });
    b.onLoad({ filter: /.*/, namespace: "wasm-stub" }, (args) => ({
      contents: `import wasm from ${JSON.stringify(args.path)}\nexport default new WebAssembly.Module(wasm)`,
    }));
    b.onLoad({ filter: /.*/, namespace: "wasm-binary" }, async (args) => ({ contents: await fs.promises.readFile(args.path), loader: "binary" }));
  },
};

// externalPlugin leaves every package out of a node bundle: esbuild
// resolves the import as it would for bundling (same conditions, same
// importer), and the bundle imports that file by absolute URL, for Node to
// load from the app's node_modules.
const externalPlugin = {
  name: "authgen-node-externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.authgenExternal || args.path.startsWith("node:")) return;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { authgenExternal: true } });
      if (r.errors.length > 0 || r.external || !path.isAbsolute(r.path) || !r.path.split(path.sep).includes("node_modules")) return;
      return { path: pathToFileURL(r.path).href, external: true };
    });
  },
};

// analyzeModule is udf_analyze and http_analyze: the module's registered
// functions in source order, then (for http.js) its routes.
function analyzeModule(entry, ns, source, warnings) {
  const fns = [];
  for (const name of Object.keys(ns)) {
    const fn = ns[name];
    if (fn === null || (typeof fn !== "object" && typeof fn !== "function")) continue;
    const kinds = [["isQuery", "Query"], ["isMutation", "Mutation"], ["isAction", "Action"]].filter(([p]) => p in fn);
    if (kinds.length !== 1) continue;
    const isPublic = "isPublic" in fn;
    const isInternal = "isInternal" in fn;
    if (isPublic && isInternal) continue;
    const identifier = `${entry.modulePath}:${name}`;
    const args = argsValidator(fn, identifier);
    const returns = returnsValidator(fn, identifier);
    if (args.type === "any" && returns === null && !isInternal) {
      warnings.push(`${identifier} has no args or returns validator; its Go binding will be untyped`);
    }
    fns.push({
      pos: sourcePosition(fn._handler ?? fn, source),
      spec: {
        args,
        functionType: kinds[0][1],
        identifier,
        returns,
        visibility: { kind: isInternal ? "internal" : "public" },
      },
    });
  }
  const out = stableSortByPos(fns).map((f) => f.spec);
  if (entry.modulePath === "http.js") out.push(...httpRoutes(ns, entry, source));
  return out;
}

// sourcePosition stands in for the backend's source-map position of a
// handler: its offset in the module's own bundle, or -1 (the backend's None,
// which sorts first) when it lives in a shared chunk.
function sourcePosition(handler, source) {
  if (typeof handler !== "function") return -1;
  const text = Function.prototype.toString.call(handler);
  return text.length > 0 ? source.indexOf(text) : -1;
}

function stableSortByPos(items) {
  return items.map((it, i) => ({ it, i })).sort((a, b) => a.it.pos - b.it.pos || a.i - b.i).map((x) => x.it);
}

function httpRoutes(ns, entry, source) {
  const router = ns.default;
  if (router === undefined) throw new ExtractError({ kind: "http", module: entry.rel, message: "convex/http.js must have a default export of a Router" });
  if (router === null || typeof router !== "object" || router.isRouter !== true || typeof router.getRoutes !== "function") {
    throw new ExtractError({ kind: "http", module: entry.rel, message: "the default export of convex/http.js is not a Router" });
  }
  const routes = router.getRoutes().map(([p, method, handler]) => ({
    pos: sourcePosition(handler?._handler ?? handler, source),
    spec: { functionType: "HttpAction", method, path: p },
  }));
  return stableSortByPos(routes).map((r) => r.spec);
}

function callExport(fn, prop, identifier) {
  if (fn[prop] === undefined) return undefined;
  if (typeof fn[prop] !== "function") {
    throw new ExtractError({ kind: "validator", identifier, message: `${identifier}.${prop} is not a function` });
  }
  let text;
  try {
    text = fn[prop]();
  } catch (e) {
    throw new ExtractError({ kind: "validator", identifier, message: `${identifier}: ${e?.message ?? String(e)}` });
  }
  if (typeof text !== "string") {
    throw new ExtractError({ kind: "validator", identifier, message: `${identifier}.${prop}() did not return a string` });
  }
  return JSON.parse(text);
}

// argsValidator is ArgsValidator's round trip: an object validator, or any.
function argsValidator(fn, identifier) {
  const json = callExport(fn, "exportArgs", identifier);
  if (json === undefined) return { type: "any" };
  const v = validator(json, identifier, "args");
  if (v.type !== "object" && v.type !== "any") {
    throw new ExtractError({ kind: "validator", identifier, message: `${identifier}: Error in args validator: Args validator must be an object or any` });
  }
  return v;
}

// returnsValidator is ReturnsValidator's round trip: null when unvalidated.
function returnsValidator(fn, identifier) {
  const json = callExport(fn, "exportReturns", identifier);
  if (json === undefined || json === null) return null;
  return validator(json, identifier, "returns");
}

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// validator re-shapes one validator as the backend's ValidatorJson
// serializes it: unknown fields dropped, map and set read as any, records
// checked, object fields keyed by identifier.
function validator(j, identifier, where) {
  const bad = (msg) => new ExtractError({ kind: "validator", identifier, message: `${identifier}: Error in ${where} validator: ${msg}` });
  if (j === null || typeof j !== "object") throw bad(`expected a validator, got ${JSON.stringify(j)}`);
  switch (j.type) {
    case "null":
    case "number":
    case "bigint":
    case "commitTs":
    case "boolean":
    case "string":
    case "bytes":
    case "any":
      return { type: j.type };
    case "map":
    case "set":
      return { type: "any" };
    case "literal":
      if (typeof j.value === "number" && !Number.isFinite(j.value)) throw bad("Infinite or NaN values are not supported in literal validators.");
      return { type: "literal", value: j.value };
    case "id":
      if (typeof j.tableName !== "string") throw bad("id validator without a tableName");
      return { tableName: j.tableName, type: "id" };
    case "array":
      return { type: "array", value: validator(j.value, identifier, where) };
    case "record": {
      const keys = validator(j.keys, identifier, where);
      if (!isStringSubset(keys)) throw bad("Records can only have string keys.");
      if (j.values?.optional) throw bad("Records cannot have optional values");
      return { keys, type: "record", values: { fieldType: validator(j.values?.fieldType, identifier, where), optional: false } };
    }
    case "object": {
      const value = {};
      for (const key of Object.keys(j.value ?? {}).sort()) {
        if (!IDENTIFIER.test(key) && !(key.startsWith("_") && IDENTIFIER.test(key.slice(1)))) throw bad(`invalid field name ${JSON.stringify(key)}`);
        const f = j.value[key];
        value[key] = { fieldType: validator(f?.fieldType, identifier, where), optional: f?.optional === true };
      }
      return { type: "object", value };
    }
    case "union":
      return { type: "union", value: (j.value ?? []).map((m) => validator(m, identifier, where)) };
    default:
      throw bad(`unknown validator type ${JSON.stringify(j.type)}`);
  }
}

function isStringSubset(v) {
  if (v.type === "string" || v.type === "id") return true;
  if (v.type === "literal") return typeof v.value === "string";
  if (v.type === "union") return v.value.every(isStringSubset);
  return false;
}

// sortKeys orders object keys as the backend's BTreeMap does (bytewise).
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  const out = {};
  for (const k of Object.keys(v).sort(consistentPathSort)) out[k] = sortKeys(v[k]);
  return out;
}

// main: after every declaration, so that classes are initialized.
const opts = parseArgs(process.argv.slice(2));
// Anything user code prints while it is imported goes to stderr.
for (const level of ["log", "info", "debug", "trace"]) console[level] = console.error;
process.stdout.write = process.stderr.write.bind(process.stderr);

try {
  const result = await extract(opts);
  fs.writeFileSync(opts.out, JSON.stringify(result));
} catch (e) {
  const error = e instanceof ExtractError ? e.detail : { kind: "internal", message: String(e?.stack ?? e) };
  fs.writeFileSync(opts.out, JSON.stringify({ error }));
}
// Timers or sockets opened by user code at import time must not keep us alive.
process.exit(0);
