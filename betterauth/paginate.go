package betterauth

import (
	"context"
	"iter"

	"github.com/authgen/authgen/convex"
)

// DefaultPageSize is the NumItems PaginateAuthQuery asks for when the
// arguments leave it zero.
const DefaultPageSize = 100

// PaginateAuthQuery walks every page of a paginated query (one taking
// paginationOpts and returning a convex.Page) with the request's token, as
// FetchAuthQuery calls it. opts points into args at the pagination options:
// the walk starts at their Cursor (nil: the beginning), asks for NumItems
// items a page (DefaultPageSize when zero), follows ContinueCursor and stops
// after the page with IsDone. A failed call, or ctx ending between pages,
// yields the error once and ends the walk; so does the caller breaking out.
func PaginateAuthQuery[A, T any](ctx context.Context, a *Auth, ref convex.QueryRef[A, convex.Page[T]], args A, opts func(*A) *convex.PaginationOpts) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		po := opts(&args)
		if po.NumItems == 0 {
			po.NumItems = DefaultPageSize
		}
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := FetchAuthQuery(ctx, a, ref, args)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page.Page {
				if !yield(item, nil) {
					return
				}
			}
			if page.IsDone {
				return
			}
			cursor := page.ContinueCursor
			po.Cursor = &cursor
		}
	}
}
