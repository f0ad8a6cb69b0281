// Package betterauth knows who is signed in: it reads Better Auth's cookies,
// verifies the Convex JWT locally against the deployment's JWKS, mints a fresh
// one from the session cookie when needed, protects routes, proxies
// /api/auth to Better Auth, and calls Convex with the user's token.
package betterauth
