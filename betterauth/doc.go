// Package betterauth knows who is signed in: it reads Better Auth's cookies,
// verifies the Convex JWT locally against the deployment's JWKS, mints a fresh
// one from the session cookie when needed, protects routes, proxies
// /api/auth to Better Auth, and calls Convex with the user's token.
//
// Each request is resolved in this order (Middleware):
//
//  1. A [__Secure-]<prefix>.convex_jwt cookie that verifies and is not within
//     Config.RefreshMargin of expiry is used as is: no network. A verified
//     token is cached until its exp, so the next request costs a map lookup.
//  2. Otherwise a [__Secure-]<prefix>.session_token cookie is exchanged at
//     {SiteURL}{BasePath}/convex/token for a fresh JWT (one call for all
//     concurrent requests of the session), which is verified and set as the
//     convex_jwt cookie on the response.
//  3. Otherwise the request is anonymous.
//
// API clients that already hold a Convex JWT may send it as
// "Authorization: Bearer <jwt>" instead of a cookie: it is used when there
// is no convex_jwt cookie, verified the same way, and never refreshed or
// set as a cookie (see Middleware).
//
// The token endpoint's 401 means anonymous, and the same session cookie is
// not asked about again for a few seconds. Its 5xx, a 429 or a network
// failure is retried with backoff and then recorded as an error (SessionErr,
// matching ErrTokenEndpoint): RequireAuth answers 503 rather than sending a
// signed-in user to the sign-in page. A sign-out through AuthHandler makes
// this process forget the session at once: its cached mint and its tokens
// (see AuthHandler).
//
// Tokens are checked as the Convex backend checks them (see Verifier), so a
// token this package accepts is one Convex accepts. Tokens and cookie values
// are never logged.
package betterauth
