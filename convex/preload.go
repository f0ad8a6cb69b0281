package convex

import (
	"context"
	"encoding/json"
	"fmt"
)

// Preloaded is the payload of preloadQuery from convex/nextjs, for hydrating
// a client that calls usePreloadedQuery.
//
// ArgsJSON and ValueJSON hold Convex JSON text: convexToJson of the
// arguments and of the query's value. Through encoding/json the payload is
// the object preloadQuery returns, with those two embedded as JSON values
// (not strings): {"_name":…,"_argsJSON":{…},"_valueJSON":…}.
type Preloaded struct {
	Name      string `json:"_name"`
	ArgsJSON  string `json:"_argsJSON"`
	ValueJSON string `json:"_valueJSON"`
}

// MarshalJSON writes the payload as preloadQuery builds it.
func (p Preloaded) MarshalJSON() ([]byte, error) {
	if !json.Valid([]byte(p.ArgsJSON)) || !json.Valid([]byte(p.ValueJSON)) {
		return nil, fmt.Errorf("convex: Preloaded for %s holds invalid JSON", p.Name)
	}
	b := append([]byte(`{"_name":`), appendString(nil, p.Name)...)
	b = append(b, `,"_argsJSON":`...)
	b = append(b, p.ArgsJSON...)
	b = append(b, `,"_valueJSON":`...)
	b = append(b, p.ValueJSON...)
	return append(b, '}'), nil
}

// UnmarshalJSON reads a payload written by MarshalJSON or by preloadQuery.
func (p *Preloaded) UnmarshalJSON(data []byte) error {
	var raw struct {
		Name      string          `json:"_name"`
		ArgsJSON  json.RawMessage `json:"_argsJSON"`
		ValueJSON json.RawMessage `json:"_valueJSON"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("convex: Preloaded: %w", err)
	}
	*p = Preloaded{Name: raw.Name, ArgsJSON: string(raw.ArgsJSON), ValueJSON: string(raw.ValueJSON)}
	return nil
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
	return result, Preloaded{Name: ref.path, ArgsJSON: string(argsJSON), ValueJSON: string(valueJSON)}, nil
}
