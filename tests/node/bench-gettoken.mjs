// bench-gettoken.mjs times the official getToken of @convex-dev/better-auth
// (dist/utils/index.js, the function convexBetterAuthNextJs's getToken,
// fetchAuthQuery & co. call) against a running Better Auth deployment, the
// way convexBetterAuthNextJs calls it per request: copy the request headers,
// drop content-length and transfer-encoding, set accept-encoding: identity,
// then getToken(siteUrl, headers, opts).
//
// Usage: node bench-gettoken.mjs --url <site url> --cookie <Cookie header>
//          --mode default|jwtCache [--iterations N] [--warmup N]
//
// default  : jwtCache off, so every call is a GET {basePath}/convex/token round
//            trip in which Better Auth looks up the session and signs a JWT.
// jwtCache : jwtCache {enabled: true}, so the convex_jwt cookie is decoded
//            with jose.decodeJwt (no signature check) and reused.
//
// Prints one JSON line: {"mode","iterations","nsPerOp","tokenLength"}.
// next/headers is only how the Next.js wrapper obtains the request headers;
// this script passes them directly, so Next.js is not needed.
import process from "node:process";
import { parseArgs } from "node:util";
// Not in the package's exports map, so imported by file: this is the
// function the package's Next.js and TanStack helpers call.
import { getToken } from "./node_modules/@convex-dev/better-auth/dist/utils/index.js";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    cookie: { type: "string" },
    mode: { type: "string", default: "default" },
    iterations: { type: "string", default: "1000" },
    warmup: { type: "string", default: "100" },
  },
});
if (!values.url || !values.cookie || !["default", "jwtCache"].includes(values.mode)) {
  console.error("usage: node bench-gettoken.mjs --url URL --cookie COOKIE --mode default|jwtCache");
  process.exit(2);
}

// What a browser sends to the Next.js server on a page request.
const incoming = new Headers({
  host: "localhost:3000",
  accept: "text/html,application/xhtml+xml",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) bench",
  cookie: values.cookie,
});
const opts = values.mode === "jwtCache" ? { jwtCache: { enabled: true, isAuthError: () => false } } : {};

// One request's worth of work, as convexBetterAuthNextJs's cachedGetToken does it.
async function perRequest() {
  const headers = new Headers(incoming);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  headers.set("accept-encoding", "identity");
  const { token } = await getToken(values.url, headers, opts);
  if (!token) {
    throw new Error("getToken returned no token: is the session cookie valid?");
  }
  return token;
}

const warmup = Number(values.warmup);
const iterations = Number(values.iterations);
let token = "";
for (let i = 0; i < warmup; i++) {
  token = await perRequest();
}
const start = process.hrtime.bigint();
for (let i = 0; i < iterations; i++) {
  token = await perRequest();
}
const elapsed = Number(process.hrtime.bigint() - start);
process.stdout.write(
  JSON.stringify({ mode: values.mode, iterations, nsPerOp: elapsed / iterations, tokenLength: token.length }) + "\n",
);
