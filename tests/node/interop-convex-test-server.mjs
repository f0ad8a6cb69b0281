// interop-convex-test-server.mjs runs REAL Convex function code
// (tests/node/interop-convex/*.ts, transpiled with esbuild) in convex-test
// and serves it behind Convex's HTTP API (/api/query|mutation|action) with
// the backend's response envelope, verifying Bearer JWTs against a real
// Better Auth JWKS with jose (reference convex-http-api.md §2, §6, §7).
//
// Environment:
//   PORT      127.0.0.1 port to listen on (0 picks one)
//   ISSUER    the customJwt provider's issuer (Better Auth's CONVEX_SITE_URL)
//   JWKS_URL  its JWKS ({site}{basePath}/convex/jwks)
// When ready it prints one line to stdout:
//   {"ready":true,"url":"http://127.0.0.1:PORT"}
// It exits when stdin closes.
//
// What convex-test does not do and this wrapper adds: public/internal
// visibility, function-type checks, the "[Request ID] Server Error" message
// format, errorData, JWT verification and identity claim flattening.

import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { serve } from "./interop-serve.mjs";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { createRemoteJWKSet, jwtVerify, decodeJwt } from "jose";
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import { ConvexError, convexToJson, jsonToConvex } from "convex/values";

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.join(here, "interop-convex");
const issuer = required("ISSUER");
const jwks = createRemoteJWKSet(new URL(required("JWKS_URL")));

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`interop-convex-test-server: ${name} is required`);
    process.exit(2);
  }
  return value;
}

// Transpile every module into a temp dir. Imports of "convex/..." are
// rewritten to the installed package's file URLs, so the modules share the
// one convex instance convex-test uses.
async function buildModules() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "authgen-convex-test-"));
  process.on("exit", () => fs.rmSync(outDir, { recursive: true, force: true }));
  const entryPoints = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) entryPoints.push(full);
    }
  };
  walk(sourceDir);
  await esbuild.build({
    entryPoints,
    outdir: path.join(outDir, "convex"),
    outbase: sourceDir,
    bundle: true,
    format: "esm",
    platform: "node",
    outExtension: { ".js": ".mjs" },
    logLevel: "error",
    plugins: [{
      name: "shared-convex",
      setup(build) {
        build.onResolve({ filter: /^convex(\/|$)/ }, (args) => ({ path: import.meta.resolve(args.path), external: true }));
      },
    }],
  });
  const modules = {};
  for (const entry of entryPoints) {
    const rel = path.relative(sourceDir, entry).replace(/\.ts$/, ".mjs");
    const file = path.join(outDir, "convex", rel);
    modules[file] = () => import(pathToFileURL(file).href);
  }
  const schema = (await import(pathToFileURL(path.join(outDir, "convex", "schema.mjs")).href)).default;
  return { modules, schema, root: path.join(outDir, "convex") };
}

const { modules, schema, root } = await buildModules();
const t = convexTest(schema, modules);

// identity is what the backend gives ctx.auth.getUserIdentity() for a
// custom JWT: tokenIdentifier, issuer, subject and the other claims
// flattened (nested objects as dotted keys).
function identity(payload) {
  const out = { tokenIdentifier: `${payload.iss}|${payload.sub}`, issuer: payload.iss, subject: payload.sub };
  const skip = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "fva"]);
  const flatten = (prefix, value) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v);
    } else out[prefix] = value;
  };
  for (const [k, v] of Object.entries(payload)) if (!skip.has(k)) flatten(k, v);
  return out;
}

async function authenticate(header) {
  if (!header) return null;
  if (header.length < 7) throw requestError(400, "InvalidHeaderFailure", "Invalid authentication header");
  if (header.slice(0, 7).toLowerCase() !== "bearer ") throw requestError(400, "InvalidAdminKey", "Invalid admin key");
  const token = header.slice(7).trim();
  try {
    decodeJwt(token);
  } catch {
    throw requestError(401, "InvalidAuthHeader",
      "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.");
  }
  try {
    const { payload } = await jwtVerify(token, jwks, { issuer, audience: "convex", algorithms: ["RS256"], clockTolerance: 5 });
    return identity(payload);
  } catch (err) {
    throw requestError(401, "InvalidAuthHeader", `Could not verify token: ${err.message}`);
  }
}

function requestError(status, code, message) {
  return Object.assign(new Error(message), { status, code });
}

// lookup resolves "module:name" as the backend does and checks visibility and type.
async function lookup(udfPath, kind) {
  const colon = udfPath.lastIndexOf(":");
  const modulePath = (colon < 0 ? udfPath : udfPath.slice(0, colon)).replace(/\.js$/, "");
  const name = colon < 0 ? "default" : udfPath.slice(colon + 1);
  const canonical = `${modulePath}:${name}`;
  const file = path.join(root, `${modulePath}.mjs`);
  const fn = modules[file] ? (await modules[file]())[name] : undefined;
  const notFound = `Could not find public function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`;
  if (!fn || !fn.isPublic) return { error: notFound };
  const actual = fn.isQuery ? "Query" : fn.isMutation ? "Mutation" : fn.isAction ? "Action" : undefined;
  if (actual === undefined) return { error: notFound };
  if (actual !== kind) return { error: `Trying to execute ${canonical} as ${kind}, but it is defined as ${actual}.` };
  return { canonical };
}

let requestCounter = 0;

async function run(kind, body, auth) {
  const requestId = (++requestCounter).toString(16).padStart(16, "0");
  const prefix = `[Request ID: ${requestId}] Server Error\n`;
  const found = await lookup(body.path, kind);
  if (found.error) return { status: "error", errorMessage: prefix + found.error };
  const rawArgs = Array.isArray(body.args) ? (body.args[0] ?? {}) : (body.args ?? {});
  const caller = auth ? t.withIdentity(auth) : t;
  const ref = makeFunctionReference(found.canonical);
  try {
    const args = jsonToConvex(rawArgs);
    const value = kind === "Query" ? await caller.query(ref, args) : kind === "Mutation" ? await caller.mutation(ref, args) : await caller.action(ref, args);
    return { status: "success", value: convexToJson(value === undefined ? null : value) };
  } catch (err) {
    if (err instanceof ConvexError || err?.name === "ConvexError") {
      return { status: "error", errorMessage: `${prefix}Uncaught ConvexError: ${err.message}\n`, errorData: convexToJson(err.data) };
    }
    return { status: "error", errorMessage: `${prefix}Uncaught Error: ${err?.message ?? err}\n` };
  }
}

const kinds = { "/api/query": "Query", "/api/mutation": "Mutation", "/api/action": "Action" };

const server = http.createServer(async (req, res) => {
  const send = (status, obj) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(obj));
  };
  try {
    const kind = req.method === "POST" ? kinds[new URL(req.url, "http://x").pathname] : undefined;
    if (!kind) return send(404, { code: "NotFound", message: "No such route" });
    const auth = await authenticate(req.headers.authorization);
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json" && !type.endsWith("+json")) {
      return send(400, { code: "BadJsonBody", message: "Expected request with `Content-Type: application/json`" });
    }
    let text = "";
    for await (const chunk of req) text += chunk;
    let body;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return send(400, { code: "BadJsonBody", message: `Failed to deserialize the JSON body: ${err.message}` });
    }
    send(200, await run(kind, body, auth));
  } catch (err) {
    if (err.status) return send(err.status, { code: err.code, message: err.message });
    console.error(err);
    send(500, { code: "InternalServerError", message: String(err?.message ?? err) });
  }
});

serve(server, "interop-convex-test-server");
