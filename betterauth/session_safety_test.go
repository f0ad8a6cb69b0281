package betterauth

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSessionJSONLeavesOutTheToken(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	s, err := a.verify(t.Context(), f.token())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	sig := s.Token[strings.LastIndexByte(s.Token, '.')+1:]
	if strings.Contains(string(b), sig) || strings.Contains(string(b), "Token") {
		t.Errorf("json.Marshal(session) holds the token: %.200s", b)
	}
	if !strings.Contains(string(b), "sess_1") {
		t.Errorf("json.Marshal(session) lost the session id: %s", b)
	}
}

func TestClaimsIsACopy(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	cl := claimsFor(f.srv.URL, f.clock.Now())
	cl["aud"] = []any{"convex", "other"}
	cl["org"] = map[string]any{"role": "member"}
	tok := signToken(t, f.key, f.kid, cl)
	s, err := a.verify(t.Context(), tok)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Claims()
	c["sub"] = "admin"
	c["aud"].([]any)[0] = "tampered"
	c["org"].(map[string]any)["role"] = "admin"
	again, _ := a.verify(t.Context(), tok) // the cached Session other requests share
	c2 := again.Claims()
	if c2["sub"] != "user_1" || c2["aud"].([]any)[0] != "convex" || c2["org"].(map[string]any)["role"] != "member" {
		t.Errorf("a caller's changes to Claims() reached other requests: %v", c2)
	}
}
