package convex

// PaginationOpts is the argument of a paginated query, the value of Convex's
// paginationOptsValidator. Cursor nil starts at the beginning; the optional
// fields are omitted when nil, as the official client omits them.
type PaginationOpts struct {
	// NumItems is how many items to load in one page.
	NumItems int `json:"numItems"`
	// Cursor is where to continue: nil for the first page, else the
	// ContinueCursor of the page before.
	Cursor *string `json:"cursor"`
	// EndCursor, when set, ends the page at that cursor (reactive pagination).
	EndCursor *string `json:"endCursor,omitzero"`
	// ID identifies the paginated query across page loads in the JS client.
	ID *int `json:"id,omitzero"`
	// MaximumRowsRead and MaximumBytesRead bound what one page may read.
	MaximumRowsRead  *int `json:"maximumRowsRead,omitzero"`
	MaximumBytesRead *int `json:"maximumBytesRead,omitzero"`
}

// Page is the result of a paginated query (Convex's PaginationResult,
// paginationResultValidator): one page of items and where to continue.
type Page[T any] struct {
	// Page holds the items of this page.
	Page []T `json:"page"`
	// IsDone is true on the last page.
	IsDone bool `json:"isDone"`
	// ContinueCursor is the Cursor of the next page.
	ContinueCursor string `json:"continueCursor"`
	// SplitCursor, when set, is where the page may be split in two.
	SplitCursor *string `json:"splitCursor,omitzero"`
	// PageStatus is "SplitRecommended" or "SplitRequired" when the page
	// should be split, else nil.
	PageStatus *string `json:"pageStatus,omitzero"`
}
