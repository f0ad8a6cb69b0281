// Package interop runs authgen's fakes and runtime against the real npm
// packages (better-auth, @convex-dev/better-auth, convex, convex-test)
// started in Node by internal/nodeharness. Every test needs Node and the
// packages of tests/node (make node-deps); none skips without them.
package interop
