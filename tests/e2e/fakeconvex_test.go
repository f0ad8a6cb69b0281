package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authgen/authgen/internal/nodeharness"
	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// convexClockSkew is the Convex backend's epsilon for exp/nbf/iat on custom
// JWTs (reference/convex-http-api.md §6).
const convexClockSkew = 5 * time.Second

// fakeConvex is the Convex side of the browser test: a loopback server
// answering POST /api/query for auth:getCurrentUser and messages:list. It
// trusts exactly one Better Auth, the real one the test runs, the way a
// deployment's auth.config.ts with getAuthConfigProvider() does: RS256
// tokens whose kid is in {site}{basePath}/convex/jwks, iss equal to the site
// URL, aud containing "convex", sub and exp required, 5 s clock epsilon.
// A token failing any check gets the backend's 401 before any function runs.
// Expiry is judged on now, the test's clock.
type fakeConvex struct {
	issuer   string
	jwksURL  string
	now      func() time.Time
	messages []map[string]any

	mu   sync.Mutex
	keys jose.JSONWebKeySet
}

// startFakeConvex serves a fakeConvex until the test ends and returns its URL.
func startFakeConvex(t *testing.T, issuer, jwksURL string, now func() time.Time, messages []map[string]any) string {
	t.Helper()
	fc := &fakeConvex{issuer: issuer, jwksURL: jwksURL, now: now, messages: messages}
	srv := httptest.NewServer(http.HandlerFunc(fc.serveQuery))
	t.Cleanup(srv.Close)
	return srv.URL
}

// identity is the part of ctx.auth.getUserIdentity() the functions use.
type identity struct {
	Subject string
	Name    string
	Email   string
}

func (fc *fakeConvex) serveQuery(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/api/query" {
		writeConvexJSON(w, http.StatusNotFound, map[string]string{"code": "NotFound", "message": "no such route"})
		return
	}
	var req struct {
		Path string `json:"path"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		writeConvexJSON(w, http.StatusBadRequest, map[string]string{"code": "BadJsonBody", "message": err.Error()})
		return
	}
	var who *identity
	if h := r.Header.Get("Authorization"); h != "" {
		id, err := fc.verify(strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
		if err != nil {
			writeConvexJSON(w, http.StatusUnauthorized, map[string]string{"code": "Unauthenticated", "message": "Could not verify token: " + err.Error()})
			return
		}
		who = id
	}
	switch req.Path {
	case "auth:getCurrentUser":
		if who == nil {
			writeConvexJSON(w, http.StatusOK, map[string]any{"status": "success", "value": nil})
			return
		}
		user := map[string]any{"_id": who.Subject, "name": who.Name, "email": who.Email}
		writeConvexJSON(w, http.StatusOK, map[string]any{"status": "success", "value": user})
	case "messages:list":
		if who == nil {
			writeConvexJSON(w, http.StatusOK, map[string]any{"status": "error", "errorMessage": "Uncaught ConvexError: Unauthenticated", "errorData": "Unauthenticated"})
			return
		}
		writeConvexJSON(w, http.StatusOK, map[string]any{"status": "success", "value": fc.messages})
	default:
		writeConvexJSON(w, http.StatusOK, map[string]any{"status": "error", "errorMessage": fmt.Sprintf("Could not find public function for '%s'.", req.Path)})
	}
}

// verify checks a bearer JWT as the Convex backend checks a custom JWT.
func (fc *fakeConvex) verify(raw string) (*identity, error) {
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	key, err := fc.key(tok.Headers[0].KeyID)
	if err != nil {
		return nil, err
	}
	var std jwt.Claims
	var extra struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	if err := tok.Claims(key, &std, &extra); err != nil {
		return nil, fmt.Errorf("signature: %w", err)
	}
	if std.Subject == "" || std.Expiry == nil {
		return nil, errors.New("missing sub or exp")
	}
	expected := jwt.Expected{Issuer: fc.issuer, AnyAudience: jwt.Audience{"convex"}, Time: fc.now()}
	if err := std.ValidateWithLeeway(expected, convexClockSkew); err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return &identity{Subject: std.Subject, Name: extra.Name, Email: extra.Email}, nil
}

// key returns the JWKS key with kid, fetching the JWKS when kid is unknown.
func (fc *fakeConvex) key(kid string) (*jose.JSONWebKey, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if keys := fc.keys.Key(kid); len(keys) == 1 {
		return &keys[0], nil
	}
	resp, err := nodeharness.NewHTTPClient().Get(fc.jwksURL)
	if err != nil {
		return nil, fmt.Errorf("fetch jwks: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch jwks: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&fc.keys); err != nil {
		return nil, fmt.Errorf("decode jwks: %w", err)
	}
	if keys := fc.keys.Key(kid); len(keys) == 1 {
		return &keys[0], nil
	}
	return nil, fmt.Errorf("no key %q in the jwks", kid)
}

func writeConvexJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
