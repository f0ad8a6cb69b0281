// Drives the official ConvexHttpClient through a list of calls against a
// deployment URL, for the Go client's parity test (convex/parity_test.go).
//
//   node tests/node/convex-parity.mjs <deployment URL> <calls.json>
//
// calls.json is [{kind: "query"|"mutation"|"action", path, args: <Convex
// JSON>, token?}]. For each call it prints one JSON line: {ok: true, valueJSON}
// with JSON.stringify(convexToJson(result)), or {ok: false, name, message,
// dataJSON?} for a thrown error (dataJSON for a ConvexError's data).
import { readFileSync } from "node:fs";
import { ConvexHttpClient } from "convex/browser";
import { convexToJson, jsonToConvex } from "convex/values";

const [url, callsFile] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, "utf8"));
const client = new ConvexHttpClient(url, { logger: false });

for (const call of calls) {
  if (call.token) client.setAuth(call.token);
  else client.clearAuth();
  let out;
  try {
    const result = await client[call.kind](call.path, jsonToConvex(call.args));
    out = { ok: true, valueJSON: JSON.stringify(convexToJson(result)) };
  } catch (e) {
    out = { ok: false, name: e.name, message: e.message };
    if (e.data !== undefined) out.dataJSON = JSON.stringify(convexToJson(e.data));
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
