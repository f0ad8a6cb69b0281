// interop-convex-client.mjs lets Go tests drive the OFFICIAL ConvexHttpClient
// (the pinned convex, unmodified) against any Convex HTTP API, so the results can
// be compared with what authgen's Go client decodes.
//
// Environment: PORT (127.0.0.1 port to listen on; 0 picks one).
// When ready it prints one line to stdout:
//   {"ready":true,"url":"http://127.0.0.1:PORT"}
//
// POST / with {"deployment":"<url>","kind":"query"|"mutation"|"action",
//              "path":"<fn>","args":<convex_encoded_json>,"token":"<jwt>"?}
// answers 200 with one of
//   {"ok":true,"value":<convexToJson(result)>}
//   {"ok":false,"name":"<error name>","message":"<error message>",
//    "hasData":true|false,"data":<convexToJson(error.data)>|null}
// Every JSON text is written by JSON.stringify, so key order and number
// formatting are the official package's. The process exits when stdin closes.

import http from "node:http";
import { serve } from "./interop-serve.mjs";
import { ConvexHttpClient } from "convex/browser";
import { convexToJson, jsonToConvex } from "convex/values";

async function call({ deployment, kind, path, args, token }) {
  const client = new ConvexHttpClient(deployment);
  if (token) client.setAuth(token);
  try {
    const value = await client[kind](path, jsonToConvex(args ?? {}));
    return { ok: true, value: convexToJson(value) };
  } catch (err) {
    const hasData = err?.data !== undefined;
    return {
      ok: false,
      name: err?.name ?? "",
      message: err?.message ?? String(err),
      hasData,
      data: hasData ? convexToJson(err.data) : null,
    };
  }
}

const server = http.createServer(async (req, res) => {
  try {
    let body = "";
    for await (const chunk of req) body += chunk;
    const out = await call(JSON.parse(body));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(out));
  } catch (err) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(err?.stack ?? err));
  }
});

serve(server, "interop-convex-client");
