// Package convex speaks the Convex HTTP API the way the official `convex`
// npm client does: the Convex JSON value encoding (convex_encoded_json),
// POST /api/query|mutation|action with the same headers and body, and typed
// errors for every kind of response.
//
// The value codec mirrors encoding/json: struct tags, pointers, maps, slices
// and interfaces work as they do there, with three Convex-specific rules:
// int64 travels as {"$integer": base64 of 8 little-endian bytes}, []byte as
// {"$bytes": base64}, and NaN, ±Inf and -0 as {"$float": base64}.
package convex
