package nodeharness

import (
	"net/http"
	"testing"
)

// BenchmarkStartBetterAuth measures starting the harness until it is ready,
// the fixed cost every test configuration pays.
func BenchmarkStartBetterAuth(b *testing.B) {
	for b.Loop() {
		ba := StartBetterAuth(b, BetterAuthOptions{})
		if err := ba.Stop(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBetterAuthToken measures one round trip to the real
// {basePath}/convex/token, which is what a server pays per request when it
// mints a JWT instead of verifying the cookie locally.
func BenchmarkBetterAuthToken(b *testing.B) {
	ba := StartBetterAuth(b, BetterAuthOptions{})
	cookies, err := ba.SignUp("bench@example.com", "correct horse battery", "Bench")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, status, err := ba.Token(cookies); err != nil || status != http.StatusOK {
			b.Fatalf("Token = %d, %v", status, err)
		}
	}
}
