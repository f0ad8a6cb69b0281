// Package authtest is a fake Convex deployment that runs Better Auth with
// the @convex-dev/better-auth convex() plugin, for testing Go servers that
// use the authgen runtime (package betterauth and the code authgen
// generates) without a network, a Convex account or Node.
//
// New starts two servers on 127.0.0.1 that stop when the test ends: the
// deployment's API URL (what CONVEX_URL names) and its site URL (what
// CONVEX_SITE_URL names). Deployment.Config returns a betterauth.Config
// pointing at both, so the code under test is configured as in production.
// A typical test registers the Convex functions its handler calls, signs a
// user up and sends the handler a request carrying that user's cookies:
//
//	func TestDashboard(t *testing.T) {
//		d := authtest.New(t)
//		authtest.Query(d, "messages:list", func(ctx context.Context, id *authtest.Identity, args ListArgs) ([]string, error) {
//			if id == nil {
//				return nil, authtest.ConvexError("Unauthenticated")
//			}
//			return []string{"hello " + id.Name()}, nil
//		})
//		auth, err := betterauth.New(d.Config())
//		if err != nil {
//			t.Fatal(err)
//		}
//		req := httptest.NewRequest("GET", "/dashboard", nil)
//		for _, c := range d.SignUp(t, "alice@example.com", "password1234", "Alice") {
//			req.AddCookie(c)
//		}
//		rec := httptest.NewRecorder()
//		auth.Middleware(dashboard(auth)).ServeHTTP(rec, req)
//		// Assert on rec, and on what reached the deployment: d.CallsTo("/api/query").
//	}
//
// Start and Close do the same outside tests, for examples and local
// development servers.
//
// # What it imitates
//
// The site URL serves Better Auth under the base path: sign-up/email,
// sign-in/email, sign-out, get-session, list-sessions, revoke-session,
// revoke-other-sessions, and the plugin's convex/token,
// convex/jwks and convex/.well-known/openid-configuration. Responses have
// Better Auth's status codes, error codes and JSON bodies, its cookie names
// and attributes (prefix, "__Secure-" names with WithSecureCookies), its
// HMAC-signed session cookie, and RS256 JWTs with the plugin's header and
// claims in its order: iat, name, email, emailVerified, createdAt,
// updatedAt, sessionId, sub, exp, iss (the site URL) and aud ("convex"),
// valid for 15 minutes unless WithTokenLifetime says otherwise.
//
// The API URL serves Convex's HTTP API: POST /api/query, /api/mutation and
// /api/action run the Go handlers registered with Query, Mutation and
// Action. A request is checked the way the backend checks it, in its order,
// with its status codes, error codes and messages: the Authorization
// header, the JSON body and format, the function path, then the JWT
// (issuer and audience against the site's auth provider, the kid and RS256
// signature against the JWKS, exp, nbf and iat with 5 s of leeway).
// Arguments and results go through package convex, so int64, bytes and the
// special floats travel as on the real wire, and results come back in the
// backend's response envelope, in the format the client asked for, with
// errorData for errors made with ConvexError.
//
// The repository's interop suite (tests/interop) keeps this honest: it runs
// the same scenarios against this package and against the real better-auth
// and @convex-dev/better-auth npm packages, has the official convex
// client decode this package's answers, and fails on any observable
// difference.
//
// # What it does not imitate
//
// It is a stand-in for the edges of a deployment, not a Convex backend:
//
//   - There is no database and no ctx.db: handlers are plain Go functions
//     that keep whatever state they need themselves, and must guard it,
//     since the servers call them concurrently.
//   - There are no transactions and no optimistic concurrency control:
//     mutations are neither serialized nor retried, an error undoes nothing
//     a handler did, and queries are neither cached, reactive nor kept from
//     writing.
//   - There is no visibility: every registered function is public, and one
//     nobody registered answers as a missing or internal one does ("Could
//     not find public function").
//   - There are no validators: arguments that do not decode into the
//     handler's argument type answer an ArgumentValidationError, and
//     results are not checked at all.
//   - Only the HTTP API's three endpoints exist: no WebSocket sync
//     protocol, /api/run, HTTP actions, scheduler, crons, file storage or
//     admin keys ("Convex <key>" is refused as an invalid admin key).
//   - The site's auth provider is the only one: tokens from any other
//     issuer are refused. The Convex side reads the JWKS live rather than
//     through the backend's cache, so RotateKeys and FailJWKS take effect
//     on the very next call.
//   - Better Auth has only the endpoints above; any other answers an empty
//     404, as better-call does for unknown routes. There is no email
//     verification, password reset, social sign-in, rate limiting or other
//     plugin, and passwords are hashed with plain SHA-256, which is fast for
//     tests and unfit for anything else.
//   - Both servers speak plain HTTP on 127.0.0.1, whatever the cookie
//     options say.
//
// # Failure injection
//
// FailTokenEndpoint, DelayTokenEndpoint, FailJWKS, RotateKeys,
// RejectForwardedHost, DisablePlugin and SignWithUnpublishedKey, and the
// options WithIssuer, WithIssuerTrailingSlash, WithApplicationID, WithClock
// and WithTrustedOrigins, reproduce the outages and misconfigurations users
// meet in production. Calls and CallsTo report what reached each endpoint,
// so a test can assert, say, that a page minted no token.
package authtest
