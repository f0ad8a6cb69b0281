package betterauth

import (
	"testing"
)

func TestRefreshKeysDropsARotatedOutKey(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	_, other := rsaKeys(t)
	old := f.token()
	if s, _, _ := sessionOf(a, bearerRequest(old)); s == nil {
		t.Fatal("the token of the current key does not verify")
	}
	// The site rotates: kid-1 is removed, kid-2 signs from now on.
	f.mu.Lock()
	f.jwks = jwksJSON(t, []string{"kid-2"}, other)
	f.key, f.kid = other, "kid-2"
	f.mu.Unlock()
	fresh := f.token()
	if err := a.RefreshKeys(t.Context()); err != nil {
		t.Fatal(err)
	}
	if s, _, _ := sessionOf(a, bearerRequest(old)); s != nil {
		t.Error("a token of the removed key still verifies after RefreshKeys")
	}
	if s, _, _ := sessionOf(a, bearerRequest(fresh)); s == nil {
		t.Error("a token of the new key is refused after RefreshKeys")
	}
}
