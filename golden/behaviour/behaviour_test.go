// Package behaviour_test drives generated packages against an in-process
// fake deployment (package authtest). It lives in the golden module, so it
// runs only through generator.TestGoldenCompiles, which wires the module to
// this repository.
package behaviour_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"

	int64bytes "example.com/golden/int64bytes/out"
	routes "example.com/golden/routes/out"
)

// A typed call with int64 and bytes arguments and results round-trips
// through the Convex JSON encoding ($integer, $bytes) unchanged.
func TestInt64BytesRoundTrip(t *testing.T) {
	d := authtest.New(t)
	authtest.Mutation(d, "blobs:put", func(ctx context.Context, id *authtest.Identity, args int64bytes.BlobsPutArgs) (int64bytes.BlobsPutResult, error) {
		digest := append([]byte{}, args.Data...)
		for _, p := range args.Parts {
			digest = append(digest, p...)
		}
		size := args.Seq
		if args.Checksum != nil {
			size += *args.Checksum
		}
		return int64bytes.BlobsPutResult{Size: size, Digest: digest}, nil
	})
	client, err := int64bytes.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	checksum := int64(-1)
	got, err := client.BlobsPut(context.Background(), int64bytes.BlobsPutArgs{
		Data:     []byte{0, 1, 0xff},
		Seq:      1<<62 + 7, // beyond float64's exact integers: only $integer keeps it
		Parts:    [][]byte{{0xfe}, {}},
		Checksum: &checksum,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Size != 1<<62+6 {
		t.Errorf("size = %d, want %d", got.Size, int64(1<<62+6))
	}
	if !bytes.Equal(got.Digest, []byte{0, 1, 0xff, 0xfe}) {
		t.Errorf("digest = %x", got.Digest)
	}
}

// Optional slices, maps and bytes are tagged omitzero: nil leaves the field
// out of the arguments, an empty but non-nil value is sent (as [], {} or
// empty bytes) rather than dropped as omitempty would.
func TestOptionalEmptyVersusNil(t *testing.T) {
	d := authtest.New(t)
	var got map[string]any
	authtest.Mutation(d, "blobs:put", func(ctx context.Context, id *authtest.Identity, args map[string]any) (int64bytes.BlobsPutResult, error) {
		got = args
		return int64bytes.BlobsPutResult{Digest: []byte{}}, nil
	})
	client, err := int64bytes.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := client.BlobsPut(ctx, int64bytes.BlobsPutArgs{Data: []byte{1}}); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"note", "tags", "labels", "checksum"} {
		if v, present := got[field]; present {
			t.Errorf("nil %s was sent as %#v; want it absent", field, v)
		}
	}
	if _, err := client.BlobsPut(ctx, int64bytes.BlobsPutArgs{Data: []byte{1}, Note: []byte{}, Tags: []string{}, Labels: map[string]int64{}}); err != nil {
		t.Fatal(err)
	}
	if v, ok := got["tags"].([]any); !ok || len(v) != 0 {
		t.Errorf("empty tags arrived as %#v; want []", got["tags"])
	}
	if v, ok := got["labels"].(map[string]any); !ok || len(v) != 0 {
		t.Errorf("empty labels arrived as %#v; want {}", got["labels"])
	}
	if v, ok := got["note"].([]byte); !ok || len(v) != 0 {
		t.Errorf("empty note arrived as %#v; want empty bytes", got["note"])
	}
}

// CurrentUser answers (nil, nil) for an anonymous request and the user for
// a signed-in one; a ConvexError("Unauthenticated") also means nobody.
func TestCurrentUser(t *testing.T) {
	d := authtest.New(t)
	authtest.Query(d, "auth:getCurrentUser", func(ctx context.Context, id *authtest.Identity, _ struct{}) (*routes.User, error) {
		if id == nil {
			return nil, authtest.ConvexError("Unauthenticated")
		}
		if id.Email() == "gone@example.com" {
			return nil, authtest.ConvexError("Unauthenticated")
		}
		return &routes.User{ID: id.String("sub"), Email: id.Email()}, nil
	})
	client, err := routes.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		user *routes.User
		err  error
	}
	serve := func(cookies []*http.Cookie) answer {
		var a answer
		h := client.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a.user, a.err = client.CurrentUser(r.Context())
		}))
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
		return a
	}

	if a := serve(nil); a.user != nil || a.err != nil {
		t.Errorf("anonymous: CurrentUser = %+v, %v; want nil, nil", a.user, a.err)
	}
	a := serve(d.SignUp(t, "alice@example.com", "password1234", "Alice"))
	if a.err != nil || a.user == nil || a.user.Email != "alice@example.com" {
		t.Errorf("signed in: CurrentUser = %+v, %v; want alice", a.user, a.err)
	}
	if a := serve(d.SignUp(t, "gone@example.com", "password1234", "Gone")); a.user != nil || a.err != nil {
		t.Errorf("Unauthenticated ConvexError: CurrentUser = %+v, %v; want nil, nil", a.user, a.err)
	}
}

// The manifest's require rules answer 403 to a signed-in user who fails
// them (never a redirect), let one who meets them through, and still send
// anonymous visitors to sign in.
func TestRouteRequirements(t *testing.T) {
	d := authtest.New(t)
	type billingClaims struct {
		Email string `json:"email"`
	}
	client, err := routes.New(d.Config(), betterauth.WithRule("canBill", func(r *http.Request, s *betterauth.Session) bool {
		c, err := betterauth.SessionClaimsAs[billingClaims](s)
		return err == nil && strings.HasSuffix(c.Email, "@acme.example")
	}))
	if err != nil {
		t.Fatal(err)
	}
	signUp := func(email, role string) []*http.Cookie {
		cookies := d.SignUp(t, email, "password1234", "U")
		if role != "" {
			if err := d.SetRole(email, role); err != nil {
				t.Fatal(err)
			}
		}
		var session []*http.Cookie // the runtime mints a token with the role
		for _, c := range cookies {
			if strings.HasSuffix(c.Name, "session_token") {
				session = append(session, c)
			}
		}
		return session
	}
	admin := signUp("root@acme.example", "admin")
	owner := signUp("pay@acme.example", "user,owner")
	stranger := signUp("pay@other.example", "owner")
	user := signUp("joe@acme.example", "")

	h := client.Middleware(client.Protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	})))
	for _, tc := range []struct {
		path    string
		cookies []*http.Cookie
		want    int
	}{
		{"/admin/users", admin, http.StatusTeapot},
		{"/admin/users", user, http.StatusForbidden},
		{"/admin/users", nil, http.StatusSeeOther},
		{"/api/billing/invoices", owner, http.StatusTeapot},
		{"/api/billing/invoices", stranger, http.StatusForbidden}, // role, but not the rule
		{"/api/billing/invoices", admin, http.StatusForbidden},    // the rule, but not the role
		{"/api/billing/invoices", nil, http.StatusUnauthorized},
		{"/dashboard", user, http.StatusTeapot},
	} {
		req := httptest.NewRequest(http.MethodGet, tc.path, nil)
		for _, c := range tc.cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.want {
			t.Errorf("%s: %d, want %d", tc.path, rec.Code, tc.want)
		}
	}

	// Without the rule registered, wiring the route table fails loudly.
	bare, err := routes.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), `betterauth.WithRule("canBill"`) {
			t.Errorf("Protect without the rule: %v", p)
		}
	}()
	bare.Protect(http.NotFoundHandler())
}
