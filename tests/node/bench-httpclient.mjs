// bench-httpclient.mjs measures the official ConvexHttpClient (convex/browser)
// calling one query against a Convex-compatible server, at each requested
// concurrency, for a fixed duration: the Node baseline of the typed-call
// benchmark in bench/.
//
// Usage: node bench-httpclient.mjs --url <deployment url> --token <jwt>
//          --path messages:list --args '<json>' [--concurrency 1,16]
//          [--duration-ms 2000] [--warmup-ms 300]
//
// Prints one JSON line: {"results":[{"concurrency","requests","seconds","rps"}]}.
import process from "node:process";
import { parseArgs } from "node:util";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    path: { type: "string" },
    args: { type: "string", default: "{}" },
    concurrency: { type: "string", default: "1,16" },
    "duration-ms": { type: "string", default: "2000" },
    "warmup-ms": { type: "string", default: "300" },
  },
});
if (!values.url || !values.token || !values.path) {
  console.error("usage: node bench-httpclient.mjs --url URL --token JWT --path PATH [--args JSON]");
  process.exit(2);
}

const client = new ConvexHttpClient(values.url, { logger: false });
client.setAuth(values.token);
const query = makeFunctionReference(values.path);
const args = JSON.parse(values.args);

// run keeps `workers` calls in flight until `ms` has passed and counts them.
async function run(workers, ms) {
  const deadline = performance.now() + ms;
  let requests = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const result = await client.query(query, args);
      if (result === undefined) {
        throw new Error("query returned undefined");
      }
      requests++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { concurrency: workers, requests, seconds, rps: requests / seconds };
}

const results = [];
for (const c of values.concurrency.split(",").map(Number)) {
  await run(c, Number(values["warmup-ms"]));
  results.push(await run(c, Number(values["duration-ms"])));
}
process.stdout.write(JSON.stringify({ results }) + "\n");
