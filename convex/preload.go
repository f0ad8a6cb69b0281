package convex

import (
	"context"
	"encoding/json"
	"fmt"
)

// Preloaded is the payload of preloadQuery from convex/nextjs, for hydrating
// a client that calls usePreloadedQuery. Marshaled with encoding/json it is
// the object preloadQuery returns: {"_name":…,"_argsJSON":{…},"_valueJSON":…},
// where the two JSON fields are convexToJson of the arguments and of the
// query's value (JSON values, not strings).
type Preloaded struct {
	Name      string          `json:"_name"`
	ArgsJSON  json.RawMessage `json:"_argsJSON"`
	ValueJSON json.RawMessage `json:"_valueJSON"`
}

// Preload calls a query and returns its value plus the preloadQuery payload.
// The payload's JSON is canonical Convex JSON (sorted keys, JavaScript number
// formatting), exactly what convexToJson would produce in Node.
func Preload[A, R any](ctx context.Context, c *Client, ref QueryRef[A, R], args A, opts ...CallOption) (R, Preloaded, error) {
	var result R
	argsJSON, err := appendArgs(nil, args)
	if err != nil {
		return result, Preloaded{}, fmt.Errorf("convex: query %s: %w", ref.path, err)
	}
	var value Value
	if err := c.call(ctx, KindQuery, ref.path, args, &value, opts); err != nil {
		return result, Preloaded{}, err
	}
	valueJSON, err := Marshal(value)
	if err != nil {
		return result, Preloaded{}, fmt.Errorf("convex: query %s: %w", ref.path, err)
	}
	if err := unmarshal(valueJSON, &result); err != nil {
		return result, Preloaded{}, fmt.Errorf("convex: query %s: result: %w", ref.path, err)
	}
	return result, Preloaded{Name: ref.path, ArgsJSON: argsJSON, ValueJSON: valueJSON}, nil
}
