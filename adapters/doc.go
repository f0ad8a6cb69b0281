// Package adapters holds the glue between authgen's net/http runtime and web
// frameworks, in a module of its own so that an application's go.sum gains
// a framework only when it imports that framework's adapter.
//
// chi and echo need no adapter: chi takes the generated client's
// Middleware, Protect and RequireAuth as they are (r.Use), and echo wraps
// them with echo.WrapMiddleware. gin and fiber get a package each:
// ginauth.Wrap and fiberauth.Wrap. The tests in this module show all four
// doing the same things: a protected route, the current user, a typed
// query and sign-out.
package adapters
