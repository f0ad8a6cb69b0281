// interop-serve.mjs holds what the interop scripts share: the contract of
// internal/nodeharness's Start. serve(server) listens on 127.0.0.1:PORT
// (PORT=0, what Start passes, lets the kernel pick a free port), prints the
// one ready line {"ready":true,"url":"http://127.0.0.1:<port>"} on stdout,
// and exits when stdin closes, so the script never outlives the Go test
// that started it. A failure to listen exits at once with the reason on
// stderr, which Start shows.

import process from "node:process";

export function serve(server, name) {
  server.once("error", (err) => {
    console.error(`${name}: cannot listen: ${err?.message ?? err}`);
    process.exit(1);
  });
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const { port } = server.address();
    process.stdout.write(JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}` }) + "\n");
  });
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("close", () => process.exit(0));
  process.stdin.resume();
}
