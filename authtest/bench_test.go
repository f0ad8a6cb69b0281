package authtest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/authgen/authgen/convex"
)

// BenchmarkStart measures starting a Deployment: dominated by generating
// its 2048-bit RSA key.
func BenchmarkStart(b *testing.B) {
	for b.Loop() {
		d, err := Start()
		if err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}

// BenchmarkTokenEndpoint measures GET /convex/token over loopback: session
// cookie check, RS256 signing and the response.
func BenchmarkTokenEndpoint(b *testing.B) {
	d := New(b)
	cookies := d.SignUp(b, "alice@example.com", "password1234", "Alice")
	for b.Loop() {
		req, _ := http.NewRequest("GET", d.AuthURL("convex/token"), nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		if status, _, _, err := roundTrip(req); err != nil || status != 200 {
			b.Fatalf("%d %v", status, err)
		}
	}
}

// BenchmarkAuthenticatedQuery measures a query from the Go client with a
// token: JWT verification on the Convex side plus the envelope and codec.
func BenchmarkAuthenticatedQuery(b *testing.B) {
	d := New(b)
	Query(d, "messages:list", func(ctx context.Context, id *Identity, args struct{ Channel string }) ([]string, error) {
		return []string{strings.Repeat("x", 64), id.Email()}, nil
	})
	token := d.Token(b, d.SignUp(b, "alice@example.com", "password1234", "Alice"))
	client, err := convex.NewClient(d.ConvexURL())
	if err != nil {
		b.Fatal(err)
	}
	ref := convex.NewQuery[struct{ Channel string }, []string]("messages:list")
	ctx := context.Background()
	for b.Loop() {
		if _, err := convex.Query(ctx, client, ref, struct{ Channel string }{"general"}, convex.WithToken(token)); err != nil {
			b.Fatal(err)
		}
	}
}
