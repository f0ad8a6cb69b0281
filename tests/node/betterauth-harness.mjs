// betterauth-harness.mjs serves the REAL better-auth (version: tests/node/package.json) with the REAL
// convex() plugin from @convex-dev/better-auth@0.12.5 on the memory adapter
// over HTTP on 127.0.0.1, so Go tests can sign up, sign in and mint Convex
// JWTs exactly as a Convex deployment's site URL would
// (shared/reference/better-auth-internals.md §7).
//
// Options come from the environment or from --flag=value / --flag value
// arguments (flag name = env name in lower case with "-" for "_"):
//
//   PORT                   port on 127.0.0.1 (0 picks one); required
//   BASE_PATH              Better Auth basePath (default /api/auth)
//   COOKIE_PREFIX          advanced.cookiePrefix (default: Better Auth's "better-auth")
//   USE_SECURE_COOKIES     "true"/"false": advanced.useSecureCookies (unset: decided by SITE_URL)
//   JWT_EXPIRATION_SECONDS convex plugin jwt.expirationSeconds (default 900)
//   SITE_URL               Better Auth baseURL: the app origin (default: the harness URL)
//   TRUSTED_ORIGINS        comma-separated extra trustedOrigins
//   BETTER_AUTH_SECRET     secret (default: a fixed test secret)
//   CONVEX_DATES           "false" keeps the memory adapter's Date values (ISO
//                          strings in JWTs) instead of Convex's epoch-ms numbers
//   EDGE_EMULATION         "false" stops answering an empty 404, as Convex's edge
//                          does, to requests whose x-forwarded-host names
//                          another host
//   ADMIN_PLUGIN           "true" adds better-auth's admin() plugin (the user's
//                          role field, which the convex() JWT then carries)
//   RATE_LIMIT             "off" (default): rateLimit disabled, so tests may
//                          sign in many times from one address; "production":
//                          rateLimit {enabled: true} with Better Auth's
//                          defaults, as NODE_ENV=production gives a
//                          deployment: memory storage, 100 requests per 10 s
//                          per client IP and path, and the special rules
//                          (/sign-in*, /sign-up*, /change-password*,
//                          /change-email*: 3 per 10 s; /request-password-reset,
//                          /send-verification-email and the like: 3 per 60 s).
//                          The client IP is a single-address X-Forwarded-For
//                          (a chain of several counts as none); requests
//                          without one share one bucket per path. A refusal
//                          is a 429 with X-Retry-After (seconds)
//   EMAIL_VERIFICATION     "true": emailVerification with sendOnSignUp and
//                          autoSignInAfterVerification; sendVerificationEmail
//                          keeps the newest link per address for
//                          /__harness/verification-url (sign-in does not
//                          require a verified address)
//   FAST_PASSWORD_HASH     "true": emailAndPassword.password.hash/verify are a
//                          salted SHA-256 instead of Better Auth's scrypt
//                          (N=16384, r=16: 50-250 ms of CPU per sign-up and
//                          per sign-in on a 2-core machine), for tests that
//                          sign many users in within one rate-limit window;
//                          everything else is Better Auth's own
//
// CONVEX_SITE_URL is always the harness's own URL, so it is the JWT issuer
// and the JWKS host, as on Convex.
//
// Test-only admin endpoints live outside basePath under /__harness/:
//
//   GET  /__harness/health       {"ok":true}
//   POST /__harness/rotate-keys  auth.api.rotateKeys(); answers {"kid":"<new kid>"}
//   POST /__harness/fail-token   {"status":503,"count":2,"delayMs":0}: the next
//                                count {basePath}/convex/token requests wait
//                                delayMs, then answer status with a JSON error
//                                body; without status they wait and then reach
//                                Better Auth. count 0 cancels.
//   POST /__harness/fail-jwks    same for {basePath}/convex/jwks
//   GET  /__harness/requests     {"<path>":n,...}: requests seen per path
//   POST /__harness/set-role     {"email":"a@b.c","role":"admin"}: sets the user's
//                                role field as admin.setRole does (ADMIN_PLUGIN)
//   POST /__harness/advance-clock {"ms":60000}: moves the clock Better Auth
//                                reads (Date) forward; answers {"offsetMs":n},
//                                how far it is ahead of the real clock
//   GET  /__harness/verification-url?email=a@b.c
//                                {"url":"..."}: the newest verification link
//                                sent to the address (EMAIL_VERIFICATION);
//                                404 when none was sent
//
// When ready it prints exactly one JSON line to stdout:
//   {"ready":true,"url":"http://127.0.0.1:PORT","basePath":"/api/auth"}
// Everything else goes to stderr, including a line for every request that
// took over 2 s and every time the event loop got no CPU for over 2 s, so
// that a test failing on a loaded machine says why. It exits when stdin
// closes (so it never outlives the Go test that started it) and on
// SIGTERM/SIGINT.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import process from "node:process";

const DEFAULT_SECRET = "authgen-harness-secret-0123456789abcdef";
// How long a request or an event loop pause must take to be logged: far
// above what an idle machine needs, well below the Go tests' request timeout.
const STALL_MS = 2000;

// stdout carries only the ready line; libraries that log with console.log
// (Better Auth's logger among them) go to stderr instead.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const options = readOptions(process.argv.slice(2), process.env);
// How far the harness clock is ahead of the real one (advance-clock).
let clockOffsetMs = 0;
installShiftedDate();
// Failure injection, keyed by the basePath-relative endpoint path.
const failures = new Map();
// Requests seen per URL path, so tests can count mints and JWKS fetches.
const requestCounts = new Map();
// The newest e-mail verification link per address (EMAIL_VERIFICATION).
const verificationURLs = new Map();
// Set once better-auth is loaded; requests before that get 503.
let auth;

// The server listens before better-auth is imported: CONVEX_SITE_URL must be
// in process.env before convex()/getAuthConfigProvider() run, and with
// PORT=0 it is only known once the port is bound.
const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    log("request failed:", req.method, req.url, err?.stack ?? err);
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "text/plain" });
    }
    res.end("harness error");
  });
});
stopWhenParentGoes();
watchEventLoop();
await listen(server, options.port);
const harnessURL = `http://127.0.0.1:${server.address().port}`;
process.env.CONVEX_SITE_URL = harnessURL;
auth = await createAuth(options, harnessURL);

process.stdout.write(
  JSON.stringify({ ready: true, url: harnessURL, basePath: options.basePath }) + "\n",
);

function readOptions(argv, env) {
  const values = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      fail(`unexpected argument ${JSON.stringify(arg)}; use --name=value`);
    }
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2);
    if (value === undefined) {
      if (i + 1 >= argv.length) fail(`flag --${name} needs a value`);
      value = argv[++i];
    }
    values[name.toUpperCase().replaceAll("-", "_")] = value;
  }

  const port = Number(values.PORT);
  if (values.PORT === undefined || values.PORT === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`PORT must be an integer in 0..65535, got ${JSON.stringify(values.PORT)}`);
  }
  const basePath = values.BASE_PATH || "/api/auth";
  if (!basePath.startsWith("/") || basePath.endsWith("/")) {
    fail(`BASE_PATH must start with "/" and not end with "/", got ${JSON.stringify(basePath)}`);
  }
  const useSecureCookies = parseBool(values, "USE_SECURE_COOKIES", undefined);
  const jwtExpirationSeconds = Number(values.JWT_EXPIRATION_SECONDS || 900);
  if (!Number.isInteger(jwtExpirationSeconds) || jwtExpirationSeconds <= 0) {
    fail(`JWT_EXPIRATION_SECONDS must be a positive integer, got ${JSON.stringify(values.JWT_EXPIRATION_SECONDS)}`);
  }
  const rateLimit = values.RATE_LIMIT || "off";
  if (rateLimit !== "off" && rateLimit !== "production") {
    fail(`RATE_LIMIT must be "off" or "production", got ${JSON.stringify(values.RATE_LIMIT)}`);
  }
  return {
    port,
    rateLimit,
    emailVerification: parseBool(values, "EMAIL_VERIFICATION", false),
    fastPasswordHash: parseBool(values, "FAST_PASSWORD_HASH", false),
    convexDates: parseBool(values, "CONVEX_DATES", true),
    edgeEmulation: parseBool(values, "EDGE_EMULATION", true),
    adminPlugin: parseBool(values, "ADMIN_PLUGIN", false),
    basePath,
    cookiePrefix: values.COOKIE_PREFIX || undefined,
    useSecureCookies,
    jwtExpirationSeconds,
    siteURL: values.SITE_URL || undefined,
    trustedOrigins: (values.TRUSTED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    secret: values.BETTER_AUTH_SECRET || DEFAULT_SECRET,
  };
}

// parseBool reads "true"/"false"; unset or empty gives fallback.
function parseBool(values, name, fallback) {
  const v = values[name];
  if (v === undefined || v === "") return fallback;
  if (v !== "true" && v !== "false") {
    fail(`${name} must be "true" or "false", got ${JSON.stringify(v)}`);
  }
  return v === "true";
}

async function createAuth(opts, convexSiteURL) {
  const { betterAuth } = await import("better-auth");
  const { memoryAdapter } = await import("better-auth/adapters/memory");
  const { convex } = await import("@convex-dev/better-auth/plugins");
  const { getAuthConfigProvider } = await import("@convex-dev/better-auth/auth-config");
  const { admin } = await import("better-auth/plugins");

  const authConfig = { providers: [getAuthConfigProvider({ basePath: opts.basePath })] };
  const db = { user: [], session: [], account: [], verification: [], jwks: [] };
  // The convex plugin turns every write into a no-op unless the adapter says
  // it runs in a mutation context; on Convex that is true for HTTP actions.
  const database = (authOptions) => {
    let adapter = memoryAdapter(db)(authOptions);
    if (opts.convexDates) adapter = withConvexDates(adapter);
    adapter.options = { ...(adapter.options ?? {}), isRunMutationCtx: true };
    return adapter;
  };
  const baseURL = opts.siteURL ?? convexSiteURL;
  // Better Auth skips its origin/CSRF check when NODE_ENV=test or TEST is
  // set; pin it on so the harness behaves like a deployment whatever the
  // caller's environment.
  const advanced = { disableOriginCheck: false };
  if (opts.cookiePrefix !== undefined) advanced.cookiePrefix = opts.cookiePrefix;
  if (opts.useSecureCookies !== undefined) advanced.useSecureCookies = opts.useSecureCookies;

  return betterAuth({
    baseURL,
    basePath: opts.basePath,
    secret: opts.secret,
    database,
    advanced,
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: false,
      ...(opts.fastPasswordHash ? { password: fastPasswordHash() } : {}),
    },
    ...(opts.emailVerification ? { emailVerification: recordingEmailVerification() } : {}),
    // Off by default: tests sign in many times from one address, and
    // NODE_ENV=production would otherwise turn the limiter on. "production"
    // leaves every limit at Better Auth's default.
    rateLimit: { enabled: opts.rateLimit === "production" },
    trustedOrigins: [baseURL, convexSiteURL, ...opts.trustedOrigins],
    plugins: [
      convex({
        authConfig,
        jwt: { expirationSeconds: opts.jwtExpirationSeconds },
        options: { basePath: opts.basePath },
      }),
      ...(opts.adminPlugin ? [admin()] : []),
    ],
  });
}

// fastPasswordHash is FAST_PASSWORD_HASH's emailAndPassword.password: a
// salted SHA-256, so that a test's cost is Better Auth's request handling
// and not its deliberately slow scrypt.
function fastPasswordHash() {
  const digest = (salt, password) => createHash("sha256").update(`${salt}:${password}`).digest();
  return {
    hash: async (password) => {
      const salt = randomBytes(16).toString("hex");
      return `${salt}:${digest(salt, password).toString("hex")}`;
    },
    verify: async ({ hash, password }) => {
      const [salt, hex] = hash.split(":");
      if (!salt || !hex) return false;
      const want = Buffer.from(hex, "hex");
      const got = digest(salt, password);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}

// recordingEmailVerification sends verification links by keeping them for
// /__harness/verification-url, and signs the user in when the link is
// opened, as an app with autoSignInAfterVerification does.
function recordingEmailVerification() {
  return {
    sendOnSignUp: true,
    autoSignInAfterVerification: true,
    sendVerificationEmail: async ({ user, url }) => {
      verificationURLs.set(user.email.toLowerCase(), url);
    },
  };
}

// withConvexDates makes the memory adapter return dates as epoch
// milliseconds, as the Convex adapter does since 0.11.2 (its
// customTransformOutput), so user.createdAt/updatedAt in JWTs and JSON bodies
// are numbers as on a deployment. Transactions get the wrapped adapter too:
// the memory adapter would otherwise hand its callback an unwrapped one.
function withConvexDates(adapter) {
  // Rows may carry joined rows (a session with its user), so convert deeply.
  const toMillis = (value) => {
    if (value instanceof Date) return value.getTime();
    if (Array.isArray(value)) return value.map(toMillis);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toMillis(v)]));
  };
  const wrapped = { ...adapter };
  for (const method of ["create", "findOne", "findMany", "update", "consumeOne"]) {
    if (typeof adapter[method] === "function") {
      wrapped[method] = async (...args) => toMillis(await adapter[method](...args));
    }
  }
  wrapped.transaction = (cb) => adapter.transaction((trx) => cb(withConvexDates(trx)));
  return wrapped;
}

// installShiftedDate replaces the global Date with one that reads the real
// clock plus clockOffsetMs, so Better Auth (sessions, cookies) and jose (the
// JWT's iat and exp) see the harness clock. Dates built from explicit
// values, instanceof Date and Date.prototype are unchanged.
function installShiftedDate() {
  const RealDate = Date;
  const now = () => RealDate.now() + clockOffsetMs;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, prop, receiver) {
      return prop === "now" ? now : Reflect.get(target, prop, receiver);
    },
  });
}

// watchEventLoop logs every pause of the event loop over STALL_MS: on a
// starved machine Node gets no CPU for seconds, which explains a slow
// request that no line of the harness did.
function watchEventLoop() {
  const tick = 250;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last - tick > STALL_MS) {
      log(`event loop stalled for ${Math.round(now - last - tick)} ms (the machine is overloaded)`);
    }
    last = now;
  }, tick).unref();
}

async function handle(req, res) {
  const started = performance.now();
  res.on("close", () => {
    const ms = performance.now() - started;
    if (ms > STALL_MS) {
      log(`slow request: ${req.method} ${req.url} took ${Math.round(ms)} ms (status ${res.writableFinished ? res.statusCode : "none: closed first"})`);
    }
  });
  if (auth === undefined) {
    return sendJSON(res, 503, { message: "harness starting" });
  }
  const url = new URL(req.url, harnessURL);
  requestCounts.set(url.pathname, (requestCounts.get(url.pathname) ?? 0) + 1);

  if (url.pathname.startsWith("/__harness/")) {
    return handleAdmin(req, res, url);
  }
  // Convex's edge routes by x-forwarded-host: a request naming another host
  // gets an empty 404 before reaching the deployment (user-pain.md).
  const forwardedHost = req.headers["x-forwarded-host"];
  if (options.edgeEmulation && forwardedHost !== undefined && forwardedHost !== url.host) {
    log(`edge emulation: empty 404 for ${req.method} ${url.pathname}: x-forwarded-host ${JSON.stringify(forwardedHost)} is not ${url.host}`);
    res.writeHead(404);
    return res.end();
  }
  // The Convex http router redirects the root discovery document to the
  // plugin's (create-client.ts registerRoutes).
  if (url.pathname === "/.well-known/openid-configuration" && req.method === "GET") {
    res.writeHead(302, {
      location: `${harnessURL}${options.basePath}/convex/.well-known/openid-configuration`,
    });
    return res.end();
  }
  if (url.pathname !== options.basePath && !url.pathname.startsWith(options.basePath + "/")) {
    res.writeHead(404, { "content-type": "text/plain" });
    return res.end("No matching routes found");
  }

  const injected = takeFailure(url.pathname.slice(options.basePath.length));
  if (injected !== undefined) {
    if (injected.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, injected.delayMs));
    }
    if (injected.status !== undefined) {
      return sendJSON(res, injected.status, { message: "injected failure", code: "HARNESS_INJECTED" });
    }
  }

  const response = await auth.handler(await toFetchRequest(req, url));
  await writeFetchResponse(res, response);
}

// takeFailure consumes one injected failure for the endpoint, if any.
function takeFailure(endpoint) {
  const f = failures.get(endpoint);
  if (!f || f.count <= 0) return undefined;
  f.count--;
  return f;
}

async function handleAdmin(req, res, url) {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case "GET /__harness/health":
      return sendJSON(res, 200, { ok: true });
    case "GET /__harness/requests":
      return sendJSON(res, 200, Object.fromEntries(requestCounts));
    case "POST /__harness/rotate-keys": {
      const rows = await auth.api.rotateKeys();
      return sendJSON(res, 200, { kid: rows[0]?.id });
    }
    case "POST /__harness/set-role": {
      const body = await readJSON(req);
      if (typeof body?.email !== "string" || typeof body?.role !== "string") {
        return sendJSON(res, 400, { message: "want {\"email\": string, \"role\": string}" });
      }
      const ctx = await auth.$context;
      const found = await ctx.internalAdapter.findUserByEmail(body.email);
      if (!found) return sendJSON(res, 404, { message: `no user ${body.email}` });
      await ctx.internalAdapter.updateUser(found.user.id, { role: body.role });
      return sendJSON(res, 200, { id: found.user.id, role: body.role });
    }
    case "GET /__harness/verification-url": {
      const email = url.searchParams.get("email") ?? "";
      const link = verificationURLs.get(email.toLowerCase());
      if (link === undefined) return sendJSON(res, 404, { message: `no verification link sent to ${JSON.stringify(email)}` });
      return sendJSON(res, 200, { url: link });
    }
    case "POST /__harness/advance-clock": {
      const body = await readJSON(req);
      const ms = body?.ms;
      if (!Number.isInteger(ms) || ms < 0 || ms > 86400000) {
        return sendJSON(res, 400, { message: "want {\"ms\": an integer in 0..86400000}" });
      }
      clockOffsetMs += ms;
      return sendJSON(res, 200, { offsetMs: clockOffsetMs });
    }
    case "POST /__harness/fail-token":
    case "POST /__harness/fail-jwks": {
      const body = await readJSON(req);
      const injection = parseInjection(body);
      if (typeof injection === "string") {
        return sendJSON(res, 400, { message: injection });
      }
      const endpoint = url.pathname.endsWith("token") ? "/convex/token" : "/convex/jwks";
      failures.set(endpoint, injection);
      return sendJSON(res, 200, { endpoint, ...injection });
    }
    default:
      return sendJSON(res, 404, { message: `no harness route ${route}` });
  }
}

// parseInjection validates {status?, delayMs?, count?} and returns the
// injection or an error message.
function parseInjection(body) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return "want a JSON object {status?, delayMs?, count?}";
  }
  const count = body.count ?? 1;
  const delayMs = body.delayMs ?? 0;
  const status = body.status ?? undefined;
  if (!Number.isInteger(count) || count < 0) return "count must be an integer >= 0";
  if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 60000) return "delayMs must be an integer in 0..60000";
  if (status !== undefined && (!Number.isInteger(status) || status < 400 || status > 599)) {
    return "status must be an integer in 400..599";
  }
  if (status === undefined && delayMs === 0 && count > 0) return "give a status, a delayMs or both";
  return { status, delayMs, count };
}

// toFetchRequest converts a Node request into the Fetch Request a Convex
// HTTP action would hand to auth.handler: the URL is on CONVEX_SITE_URL, the
// body is buffered, and x-better-auth-forwarded-* are restored into
// x-forwarded-* as the plugin's registerRoutes does.
async function toFetchRequest(req, url) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  const forwardedHost = headers.get("x-better-auth-forwarded-host");
  const forwardedProto = headers.get("x-better-auth-forwarded-proto");
  if (forwardedHost) headers.set("x-forwarded-host", forwardedHost);
  if (forwardedProto) headers.set("x-forwarded-proto", forwardedProto);

  const init = { method: req.method, headers, redirect: "manual" };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = await readBody(req);
  }
  return new Request(url, init);
}

// writeFetchResponse copies status, headers (every Set-Cookie separately)
// and body back to Node. Redirects are passed through, never followed.
async function writeFetchResponse(res, response) {
  const headers = [];
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") headers.push([name, value]);
  }
  for (const cookie of response.headers.getSetCookie()) {
    headers.push(["set-cookie", cookie]);
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (response.statusText) {
    res.writeHead(response.status, response.statusText, headers.flat());
  } else {
    res.writeHead(response.status, headers.flat());
  }
  res.end(body);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function readJSON(req) {
  const text = (await readBody(req)).toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sendJSON(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

function listen(srv, port) {
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(port, "127.0.0.1", () => {
      srv.off("error", reject);
      resolve();
    });
  });
}

// stopWhenParentGoes exits when stdin reaches EOF (the parent closed the
// pipe or died) and on SIGTERM/SIGINT.
function stopWhenParentGoes() {
  const stop = (why) => {
    log(`stopping: ${why}`);
    server.close();
    process.exit(0);
  };
  process.stdin.on("end", () => stop("stdin closed"));
  process.stdin.on("error", () => stop("stdin error"));
  process.stdin.resume();
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

function log(...args) {
  console.error("[betterauth-harness]", ...args);
}

function fail(message) {
  log(message);
  process.exit(2);
}
