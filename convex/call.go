package convex

import "context"

// Query calls a typed query reference.
func Query[A, R any](ctx context.Context, c *Client, ref QueryRef[A, R], args A, opts ...CallOption) (R, error) {
	var result R
	err := c.call(ctx, KindQuery, ref.path, args, &result, opts)
	return result, err
}

// Mutation calls a typed mutation reference. Mutations are never retried
// automatically: a failed call may or may not have committed.
func Mutation[A, R any](ctx context.Context, c *Client, ref MutationRef[A, R], args A, opts ...CallOption) (R, error) {
	var result R
	err := c.call(ctx, KindMutation, ref.path, args, &result, opts)
	return result, err
}

// Action calls a typed action reference.
func Action[A, R any](ctx context.Context, c *Client, ref ActionRef[A, R], args A, opts ...CallOption) (R, error) {
	var result R
	err := c.call(ctx, KindAction, ref.path, args, &result, opts)
	return result, err
}
