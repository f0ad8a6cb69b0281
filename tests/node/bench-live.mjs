// bench-live.mjs measures the official ConvexClient (convex/browser over the
// `ws` package convex itself depends on) for the bench runner's live section
// (bench/live.go), which measures convex/live the same way with
// bench/internal/liveclient, against the same fake deployment, in the same
// run. Flags and JSON output are the Go program's:
//
//   node --expose-gc bench-live.mjs --url U --token T --phase memory
//        [--subs 1000,10000] [--sockets 100]
//   node bench-live.mjs --url U --token T --phase latency
//        [--updates 1000] [--warmup 100]
//
// Memory: what a subscription (and a socket) adds, after garbage
// collection, once every subscription has its first value; the client and
// its socket exist before the first reading. heap is V8's heapUsed, native
// the `external` memory (buffers held outside the V8 heap), rss the
// resident set. Latency: the deployment stamps each result of bench:tick
// with CLOCK_MONOTONIC when it runs the query, just before it writes the
// Transition; onUpdate reads process.hrtime (the same clock).
import fs from "node:fs";
import process from "node:process";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    phase: { type: "string" },
    subs: { type: "string", default: "1000,10000" },
    sockets: { type: "string", default: "100" },
    updates: { type: "string", default: "1000" },
    warmup: { type: "string", default: "100" },
  },
});
if (!values.url || !values.token || !values.phase) {
  console.error("usage: node bench-live.mjs --url URL --token JWT --phase memory|latency");
  process.exit(2);
}

const convexVersion = JSON.parse(
  fs.readFileSync(new URL("./node_modules/convex/package.json", import.meta.url)),
).version;
const item = makeFunctionReference("bench:item");
const tick = makeFunctionReference("bench:tick");

function newClient() {
  const client = new ConvexClient(values.url, {
    webSocketConstructor: WebSocket,
    logger: false,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
  });
  client.setAuth(async () => values.token);
  return client;
}

// firstValues subscribes client to bench:item for each i in [from, from+n),
// keeping the unsubscribe functions in unsubscribes from index from (an
// application keeps them to unsubscribe), and resolves once every one has
// delivered a value.
function firstValues(client, from, n, unsubscribes) {
  return new Promise((resolve, reject) => {
    let waiting = n;
    for (let k = 0; k < n; k++) {
      let seen = false;
      unsubscribes[from + k] = client.onUpdate(
        item,
        { i: from + k },
        () => {
          if (!seen) {
            seen = true;
            if (--waiting === 0) resolve();
          }
        },
        reject,
      );
    }
  });
}

// readMemory collects garbage until it settles (a pass can free what an
// earlier one's finalizers released) and reads the process's memory.
async function readMemory() {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, native: m.external, rss: m.rss };
}

// per is what n units added; ms the wall time to their first values.
const per = (after, before, n, ms) => ({
  n,
  heap: (after.heap - before.heap) / n,
  native: (after.native - before.native) / n,
  rss: (after.rss - before.rss) / n,
  ms,
});

async function perSubscription(n) {
  const client = newClient();
  const unsubscribes = new Array(n + 1).fill(null);
  await firstValues(client, n, 1, unsubscribes);
  const before = await readMemory();
  const start = performance.now();
  await firstValues(client, 0, n, unsubscribes);
  const ms = performance.now() - start;
  const after = await readMemory();
  await client.close();
  return per(after, before, n, ms);
}

async function perSocket(n) {
  const clients = new Array(n).fill(null);
  const unsubscribes = new Array(n).fill(null);
  const before = await readMemory();
  const start = performance.now();
  const ready = [];
  for (let k = 0; k < n; k++) {
    clients[k] = newClient();
    ready.push(firstValues(clients[k], k, 1, unsubscribes));
  }
  await Promise.all(ready);
  const ms = performance.now() - start;
  const after = await readMemory();
  await Promise.all(clients.map((c) => c.close()));
  return per(after, before, n, ms);
}

// latency watches bench:tick while the deployment bumps it.
function latency(updates, warmup) {
  return new Promise((resolve, reject) => {
    const client = newClient();
    const samples = [];
    let seen = 0;
    let cpu0 = process.cpuUsage();
    client.onUpdate(
      tick,
      {},
      (v) => {
        const now = Number(process.hrtime.bigint()) / 1000;
        if (++seen === 1) {
          cpu0 = process.cpuUsage();
          return; // the value at subscription time, not an update
        }
        if (v.messages.length !== 10) {
          reject(new Error(`update ${v.n} has ${v.messages.length} messages, want 10`));
          return;
        }
        samples.push(now - v.at);
        if (samples.length === warmup) cpu0 = process.cpuUsage();
        if (samples.length === warmup + updates) {
          const cpu = process.cpuUsage(cpu0);
          client.close().then(() =>
            resolve({ latencyUs: samples.slice(warmup), cpuUsPerUpdate: (cpu.user + cpu.system) / updates }),
          );
        }
      },
      reject,
    );
  });
}

const out = { client: `convex ${convexVersion} ConvexClient (Node ${process.version})` };
if (values.phase === "memory") {
  if (typeof global.gc !== "function") {
    console.error("the memory phase needs node --expose-gc");
    process.exit(2);
  }
  out.memory = [];
  for (const n of values.subs.split(",").map(Number)) out.memory.push(await perSubscription(n));
  out.sockets = await perSocket(Number(values.sockets));
} else if (values.phase === "latency") {
  Object.assign(out, await latency(Number(values.updates), Number(values.warmup)));
} else {
  console.error(`unknown --phase ${values.phase}`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(out) + "\n");
process.exit(0);
