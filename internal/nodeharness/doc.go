// Package nodeharness starts the Node.js test programs in tests/node from Go
// tests and talks to them over HTTP on 127.0.0.1.
//
// Start runs any script that listens on the PORT it is given (0: any free
// port) and announces readiness with one JSON line on stdout
// ({"ready":true,"url":...}); StartBetterAuth runs
// tests/node/betterauth-harness.mjs, which serves the real better-auth and
// @convex-dev/better-auth convex() plugin, and wraps it with helpers for
// signing up, signing in, minting Convex JWTs, rotating keys, moving its
// clock and injecting token endpoint failures.
//
// The tests run on loaded 2-core machines, where Node can get no CPU for
// seconds: every bound here (StartTimeout, RequestTimeout and the clients
// of NewHTTPClient) only decides how long a broken script takes to fail,
// and tests that need time to pass move clocks (BetterAuth.AdvanceClock)
// instead of sleeping.
//
// The Node packages come from tests/node/package-lock.json. When Node or the
// installed packages are missing the tests fail (never skip) and say to run
// `make node-deps`.
package nodeharness
