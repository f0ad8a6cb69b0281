// Drives the official ConvexClient (convex/browser over the `ws` package
// convex itself depends on) for the sync transcript test
// (tests/interop/sync_transcript_test.go), which runs the same scenario with
// the Go client (convex/live) and compares what each sent to the fake
// deployment, message by message.
//
//   node tests/node/sync-client.mjs <deployment URL> <token URL>
//
// It serves a small control API on 127.0.0.1:$PORT:
//   POST /subscribe   {id, path, args}   client.onUpdate(path, args)
//   POST /unsubscribe {id}
//   POST /auth        {}                 client.setAuth(fetchToken): each fetch
//                                        GETs <token URL> and uses its body
//   GET  /updates                        [{id, value} | {id, error}] so far
//   POST /close
import http from "node:http";
import WebSocket from "ws";
import { ConvexClient } from "convex/browser";
import { convexToJson, jsonToConvex } from "convex/values";

const [deploymentURL, tokenURL] = process.argv.slice(2);
// The client is made on the first call, as the Go client dials on its
// first subscription: an earlier socket would open with an empty query set.
let convexClient;
const client = () =>
  (convexClient ??= new ConvexClient(deploymentURL, {
    webSocketConstructor: WebSocket,
    logger: false,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
  }));
const updates = [];
const unsubscribers = new Map();

async function fetchToken() {
  const res = await fetch(tokenURL);
  const token = await res.text();
  return token === "" ? null : token;
}

const routes = {
  "POST /subscribe": ({ id, path, args }) => {
    const unsubscribe = client().onUpdate(
      path,
      jsonToConvex(args ?? {}),
      (value) => updates.push({ id, value: convexToJson(value === undefined ? null : value) }),
      (error) => updates.push({ id, error: error.message }),
    );
    unsubscribers.set(id, unsubscribe);
  },
  "POST /unsubscribe": ({ id }) => {
    unsubscribers.get(id)();
    unsubscribers.delete(id);
  },
  "POST /auth": () => client().setAuth(fetchToken),
  "GET /updates": () => updates,
  "POST /close": async () => {
    await convexClient?.close();
  },
};

const server = http.createServer(async (req, res) => {
  const route = routes[`${req.method} ${req.url}`];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  try {
    const out = await route(body ? JSON.parse(body) : {});
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(out ?? null));
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address();
  process.stdout.write(JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}` }) + "\n");
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
