package behaviour_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/convex"

	currentuserany "example.com/golden/currentuser-any/out"
	pagination "example.com/golden/pagination/out"
)

// servePages answers messages:list with total messages, size a page, the
// cursor being the index of the next one.
func servePages(d *authtest.Deployment, total int, seen *[]pagination.MessagesListArgs) {
	authtest.Query(d, "messages:list", func(ctx context.Context, id *authtest.Identity, args pagination.MessagesListArgs) (convex.Page[pagination.Message], error) {
		*seen = append(*seen, args)
		start := 0
		if args.PaginationOpts.Cursor != nil {
			start, _ = strconv.Atoi(*args.PaginationOpts.Cursor)
		}
		end := min(start+args.PaginationOpts.NumItems, total)
		var page convex.Page[pagination.Message]
		for i := start; i < end; i++ {
			page.Page = append(page.Page, pagination.Message{ID: pagination.MessagesID(fmt.Sprint("m", i)), Body: args.Channel, Status: pagination.MessageStatusSent})
		}
		page.IsDone = end == total
		page.ContinueCursor = strconv.Itoa(end)
		return page, nil
	})
}

// The iterator follows continueCursor over several pages, sends the
// channel argument with each, and stops at isDone.
func TestPaginationIterator(t *testing.T) {
	d := authtest.New(t)
	var seen []pagination.MessagesListArgs
	servePages(d, 7, &seen)
	client, err := pagination.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	var ids []pagination.MessagesID
	args := pagination.MessagesListArgs{Channel: "general", PaginationOpts: convex.PaginationOpts{NumItems: 3}}
	for msg, err := range client.MessagesListAll(context.Background(), args) {
		if err != nil {
			t.Fatal(err)
		}
		if msg.Body != "general" {
			t.Errorf("message %s from channel %q", msg.ID, msg.Body)
		}
		ids = append(ids, msg.ID)
	}
	if fmt.Sprint(ids) != "[m0 m1 m2 m3 m4 m5 m6]" {
		t.Errorf("items = %v", ids)
	}
	if len(seen) != 3 || seen[0].PaginationOpts.Cursor != nil || *seen[1].PaginationOpts.Cursor != "3" || *seen[2].PaginationOpts.Cursor != "6" {
		t.Errorf("pages requested: %+v", seen)
	}
	if args.PaginationOpts.Cursor != nil {
		t.Error("the iterator changed the caller's args")
	}

	// NumItems 0 asks for the default page size: one page here.
	seen = nil
	n := 0
	for _, err := range client.MessagesListAll(context.Background(), pagination.MessagesListArgs{Channel: "c"}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 7 || len(seen) != 1 || seen[0].PaginationOpts.NumItems == 0 {
		t.Errorf("default page size: %d items in %d calls (%+v)", n, len(seen), seen)
	}
}

// Cancelling ctx between pages ends the walk with ctx's error and no further
// call; breaking out of the loop makes no further call either.
func TestPaginationIteratorStops(t *testing.T) {
	d := authtest.New(t)
	var seen []pagination.MessagesListArgs
	servePages(d, 10, &seen)
	client, err := pagination.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var items int
	var last error
	for _, err := range client.MessagesListAll(ctx, pagination.MessagesListArgs{PaginationOpts: convex.PaginationOpts{NumItems: 2}}) {
		if err != nil {
			last = err
			continue
		}
		items++
		cancel()
	}
	if !errors.Is(last, context.Canceled) || items != 2 || len(seen) != 1 {
		t.Errorf("after cancel: %d items, %d calls, error %v; want 2, 1, context.Canceled", items, len(seen), last)
	}

	seen = nil
	for range client.MessagesListAll(context.Background(), pagination.MessagesListArgs{PaginationOpts: convex.PaginationOpts{NumItems: 2}}) {
		break
	}
	if len(seen) != 1 {
		t.Errorf("break after the first item made %d calls, want 1", len(seen))
	}

	// A failing page ends the walk with its error.
	d2 := authtest.New(t)
	authtest.Query(d2, "messages:list", func(ctx context.Context, id *authtest.Identity, args pagination.MessagesListArgs) (convex.Page[pagination.Message], error) {
		return convex.Page[pagination.Message]{}, authtest.ConvexError("boom")
	})
	client2, err := pagination.New(d2.Config())
	if err != nil {
		t.Fatal(err)
	}
	var errs []error
	for _, err := range client2.MessagesListAll(context.Background(), pagination.MessagesListArgs{}) {
		errs = append(errs, err)
	}
	var convexErr *convex.ConvexError
	if len(errs) != 1 || !errors.As(errs[0], &convexErr) {
		t.Errorf("failing page yielded %v", errs)
	}
}

// A current_user query without a returns validator: CurrentUser decodes the
// built-in betterauth.UserDocument (unknown fields kept) and is (nil, nil) signed out.
func TestCurrentUserBuiltinType(t *testing.T) {
	d := authtest.New(t)
	authtest.Query(d, "auth:getCurrentUser", func(ctx context.Context, id *authtest.Identity, _ struct{}) (map[string]any, error) {
		if id == nil {
			return nil, nil
		}
		return map[string]any{"_id": "k1", "_creationTime": 1.0, "name": "Alice", "email": id.Email(), "emailVerified": false,
			"createdAt": 2.0, "updatedAt": 3.0, "username": "al"}, nil
	})
	client, err := currentuserany.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	serve := func(cookies []*http.Cookie) (u any, err error) {
		h := client.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			user, e := client.CurrentUser(r.Context())
			if user != nil {
				u = user
			}
			err = e
		}))
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
		return u, err
	}
	if u, err := serve(nil); u != nil || err != nil {
		t.Errorf("anonymous: %v, %v; want nil, nil", u, err)
	}
	u, err := serve(d.SignUp(t, "alice@example.com", "password1234", "Alice"))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%+v", u)
	for _, want := range []string{"ID:k1", "Email:alice@example.com", "Name:Alice", "username"} {
		if !strings.Contains(got, want) {
			t.Errorf("signed in: %s lacks %s", got, want)
		}
	}
}
