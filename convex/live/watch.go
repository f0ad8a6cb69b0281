package live

import (
	"context"
	"iter"

	"github.com/authgen/authgen/convex"
)

// Watch subscribes to the query at path with args and yields its result,
// decoded into R, each time it changes. A query failure is yielded as an
// error and the watch goes on; a terminal error (ctx done, signed out, the
// server refused the session) is the last item. Breaking out of the loop
// unsubscribes.
func Watch[R any](ctx context.Context, c *Client, path string, args any) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		var zero R
		sub, err := c.Subscribe(ctx, path, args)
		if err != nil {
			yield(zero, err)
			return
		}
		defer sub.Close()
		for {
			r, err := sub.Next(ctx)
			if err != nil {
				yield(zero, err)
				return
			}
			if r.Err != nil {
				if !yield(zero, r.Err) {
					return
				}
				continue
			}
			var v R
			if err := convex.Unmarshal(r.Value, &v); err != nil {
				if !yield(zero, err) {
					return
				}
				continue
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}
