// Package convex speaks the Convex HTTP API the way the official `convex`
// npm client (ConvexHttpClient, convex/values) does: the Convex JSON value
// encoding, POST /api/query, /api/mutation and /api/action with the same
// headers and body, and a typed error for every kind of answer.
//
// # Values
//
// Marshal and Unmarshal convert between Go values and Convex JSON (the
// "convex_encoded_json" format). They follow encoding/json for where values
// go (struct tags, embedded structs, pointers, maps with string keys,
// slices, interfaces, Marshaler and encoding.TextMarshaler) and
// convexToJson/jsonToConvex for what the bytes are:
//
//   - int64 and uint64 ⇄ {"$integer": base64 of 8 little-endian bytes}; other
//     integer types are numbers, and int or uint beyond ±2^53 is refused
//     rather than rounded.
//   - []byte ⇄ {"$bytes": base64}. A nil []byte is null; an empty one is "".
//   - NaN, ±Inf and -0 ⇄ {"$float": base64 of the 8 little-endian bytes};
//     other floats are plain numbers written as JavaScript writes them
//     ("1e+21", "1e-7", "0.000001").
//   - Object keys are written sorted, as convexToJson sorts them.
//   - Strings are escaped as JSON.stringify escapes them: no HTML escaping
//     of <, > and &, and U+2028 and U+2029 stay raw. Marshal's output is
//     byte-identical to JSON.stringify(convexToJson(v)).
//   - A nil pointer field is null; with omitempty (or omitzero) it is absent,
//     which Convex treats as a different thing.
//   - Value holds any Convex value (v.any(), untyped unions) without losing
//     int64, bytes or special floats.
//
// Both directions check what the Convex backend checks, so a bad argument
// fails before a round trip and a hostile response cannot exhaust the
// decoder: object field names (at most MaxFieldNameLength bytes of printable
// ASCII, no leading '$'), MaxNesting, MaxArrayLength, MaxObjectFields and
// MaxValueSize. Unmarshal rejects what jsonToConvex rejects: an $integer
// that is not exactly 8 bytes, a $float holding an ordinary number (+0
// included), unknown $-keys such as {"$foo": 1}, a $-key next to other keys
// such as {"$integer": "…", "x": 1}, $set and $map, and base64 without its
// padding. It accepts the URL-safe base64 alphabet as well as the standard
// one, as jsonToConvex does.
//
// Where this package differs from jsonToConvex or encoding/json, and why:
//
//   - A base64 character from neither alphabet is an error. The JavaScript
//     decoder reads it as zero bits and returns different bytes without a
//     word; the backend never writes one, so such input is corrupt.
//   - {"$commitTs": null}, the unresolved commit timestamp a mutation may
//     return, is accepted as jsonToConvex accepts it: it decodes to a Value
//     of KindCommitTs or a CommitTsPlaceholder, and is a type error for an
//     int64, which has no value yet.
//   - Struct fields match member names exactly, not case-insensitively as in
//     encoding/json: Convex field names are case-sensitive, so "name" and
//     "Name" are two different fields.
//   - Decoding stops at the first value that does not fit its Go target and
//     returns an error naming its path (".items[1].n"); encoding/json would
//     go on storing the rest. The target may be partly filled.
//   - Lone UTF-16 surrogates in strings (which JavaScript strings can hold
//     and Go strings cannot) decode to U+FFFD, as in encoding/json.
//
// # Calls
//
// NewClient returns a Client for one deployment URL (https://…convex.cloud,
// never the .convex.site URL). Typed references made with NewQuery,
// NewMutation and NewAction are called with Query, Mutation and Action;
// Client.Call is the untyped form. Each call sends what ConvexHttpClient
// sends, byte for byte, with Convex-Client "authgen-go-" + Version (see
// WithClientName) and, given WithToken, "Authorization: Bearer <token>".
// A call is bounded by its context and by DefaultTimeout (WithTimeout), and
// its response by DefaultMaxResponseBytes (WithMaxResponseBytes).
//
// A failed call returns *ConvexError (the function threw a ConvexError; Data
// holds what it threw), *FunctionError (any other function error),
// *AuthError (401: the token was rejected; errors.Is ErrUnauthenticated),
// *HTTPError (any other status), or a wrapped transport or decoding error
// naming the call ("convex: query messages:list: …") and, once there is a
// response, its status. The token goes only into the Authorization header:
// it is never logged, and text the deployment echoes back has it removed
// before it reaches an error or a log line.
package convex
