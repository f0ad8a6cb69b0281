// Package authtest starts a fake Convex deployment with a fake Better Auth
// issuer in-process, for testing Go servers that use the authgen runtime
// without a network, a Convex account or Node.
//
// New starts two loopback servers: the deployment's API URL (Convex's
// /api/query, /api/mutation and /api/action) and its site URL (Better Auth
// under BasePath with the @convex-dev/better-auth convex() plugin). Both
// follow the wire formats of the real systems, and the interop suite in
// tests/interop checks that against the real better-auth and convex npm
// packages:
//
//   - Better Auth side: sign-up/email, sign-in/email, sign-out, get-session,
//     convex/token, convex/jwks and convex/.well-known/openid-configuration,
//     with Better Auth's cookie names and attributes, its HMAC-signed session
//     cookie, and RS256 JWTs carrying its claims in its order.
//   - Convex side: function handlers registered with Query, Mutation and
//     Action, JWT checks as the backend does them (the same 401 codes and
//     messages), and the real response envelope, including errorData for
//     errors returned with ConvexError.
//
// Deployment.Config returns a betterauth.Config pointing at both servers, so
// code under test is configured exactly as in production. Start and Close do
// the same outside tests, for examples and local development servers. Failure injection
// (FailTokenEndpoint, DelayTokenEndpoint, FailJWKS, RejectForwardedHost,
// DisablePlugin, SignWithUnpublishedKey, and the WithIssuer,
// WithIssuerTrailingSlash, WithClock and WithTrustedOrigins
// options) reproduces the misconfigurations users meet in production, and
// Calls reports what reached each endpoint.
package authtest
