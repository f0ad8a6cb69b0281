// Package live subscribes to Convex queries over the deployment's sync
// WebSocket, as the official client (convex/browser's ConvexClient) does,
// and delivers each query's newest result as it changes. It is
// experimental: the API may change.
//
// A Client is one socket, authenticated as one user through a TokenSource
// (refreshed before it expires and after the server rejects it) or
// anonymous. Identical (path, args) subscriptions share one server query.
// Transitions are checked to chain from the current version; chunked
// transitions are reassembled; a dropped or silent socket is replaced with
// backoff and the whole query set is sent again, since a new socket is a
// new server session.
//
// Limits: read-only (no mutations or actions over the socket, use the HTTP
// client), no optimistic updates, no paginated-query helpers; a query
// result is delivered as Convex JSON and decoded by Watch.
package live
