package betterauth

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// TestReasons drives each way a request ends up anonymous or unresolved
// through Middleware and RequireAuth, and checks that Reason(ctx), the
// unauthorized handler and the default response agree.
func TestReasons(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	_, other := rsaKeys(t)
	iss := f.srv.URL
	withClaims := func(mod func(map[string]any)) string {
		cl := claimsFor(iss, c.Now())
		mod(cl)
		return signToken(t, f.key, f.kid, cl)
	}
	jwt := func(tok string) string { return "better-auth.convex_jwt=" + tok }

	cases := []struct {
		name   string
		cookie string
		bearer string
		setup  func()
		want   ReasonCode
		status int // default answer to a page navigation
	}{
		{name: "nothing", want: ReasonNoSession, status: http.StatusSeeOther},
		{name: "refused session cookie", cookie: "better-auth.session_token=forged.sig", want: ReasonSessionInvalid, status: http.StatusSeeOther},
		{name: "expired", cookie: jwt(withClaims(func(m map[string]any) { m["exp"] = c.Now().Add(-time.Minute).Unix() })), want: ReasonExpired, status: http.StatusSeeOther},
		{name: "future iat", cookie: jwt(withClaims(func(m map[string]any) { m["iat"] = c.Now().Add(time.Hour).Unix() })), want: ReasonNotYetValid, status: http.StatusSeeOther},
		{name: "other key", cookie: jwt(signToken(t, other, f.kid, claimsFor(iss, c.Now()))), want: ReasonBadSignature, status: http.StatusSeeOther},
		{name: "unknown kid", cookie: jwt(signToken(t, f.key, "kid-gone", claimsFor(iss, c.Now()))), want: ReasonUnknownKey, status: http.StatusSeeOther},
		{name: "issuer", cookie: jwt(withClaims(func(m map[string]any) { m["iss"] = "https://other.convex.site" })), want: ReasonWrongIssuer, status: http.StatusSeeOther},
		{name: "audience", cookie: jwt(withClaims(func(m map[string]any) { m["aud"] = "other" })), want: ReasonWrongAudience, status: http.StatusSeeOther},
		{name: "garbage", cookie: jwt("not.a.jwt"), want: ReasonMalformed, status: http.StatusSeeOther},
		{name: "bearer expired", bearer: withClaims(func(m map[string]any) { m["exp"] = c.Now().Add(-time.Hour).Unix() }), want: ReasonExpired, status: http.StatusUnauthorized},
		{name: "endpoint down", cookie: f.validCookie, setup: func() { f.tokenStatus = []int{502, 502, 502} }, want: ReasonTokenEndpointDown, status: http.StatusServiceUnavailable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				f.mu.Lock()
				tc.setup()
				f.mu.Unlock()
			}
			mk := func() *http.Request {
				r := request("/dashboard", tc.cookie)
				if tc.bearer != "" {
					r.Header.Set("Authorization", "Bearer "+tc.bearer)
				}
				return r
			}

			var seen ReasonCode
			f.newAuth().Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = Reason(r.Context())
			})).ServeHTTP(httptest.NewRecorder(), mk())
			if seen != tc.want {
				t.Errorf("Reason(ctx) = %q, want %q", seen, tc.want)
			}

			if tc.setup != nil {
				f.mu.Lock()
				tc.setup()
				f.mu.Unlock()
			}
			if w := serve(f.newAuth().RequireAuth(okHandler), mk()); w.Code != tc.status {
				t.Errorf("default answer %d, want %d (defaults must not change)", w.Code, tc.status)
			}

			if tc.setup != nil {
				f.mu.Lock()
				tc.setup()
				f.mu.Unlock()
			}
			var given, inCtx ReasonCode
			a := f.newAuth(WithUnauthorizedHandler(func(w http.ResponseWriter, r *http.Request, reason ReasonCode) {
				given, inCtx = reason, Reason(r.Context())
				w.WriteHeader(http.StatusTeapot)
			}))
			w := serve(a.RequireAuth(http.NotFoundHandler()), mk())
			if w.Code != http.StatusTeapot || given != tc.want || inCtx != tc.want {
				t.Errorf("handler: status %d, reason %q, Reason(ctx) %q; want 418, %q", w.Code, given, inCtx, tc.want)
			}
		})
	}
}

func TestReasonSignedOut(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	tok := f.token()
	s, err := a.verify(context.Background(), tok)
	if err != nil {
		t.Fatal(err)
	}
	a.denyHere(s, a.denialEnd(s))
	var seen ReasonCode
	a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = Reason(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), request("/", "better-auth.convex_jwt="+tok))
	if seen != ReasonSignedOut {
		t.Errorf("Reason = %q, want %q", seen, ReasonSignedOut)
	}
}

func TestReasonJWKSDown(t *testing.T) {
	f := newFakeSite(t, newClock())
	tok := f.token()
	f.srv.Close() // the JWKS cannot be fetched
	a := f.newAuth()
	var seen ReasonCode
	a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = Reason(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), request("/", "better-auth.convex_jwt="+tok))
	if seen != ReasonKeysUnavailable || !seen.Outage() {
		t.Errorf("Reason = %q, want %q (an outage)", seen, ReasonKeysUnavailable)
	}
	if w := serve(a.RequireAuth(okHandler), request("/x", "better-auth.convex_jwt="+tok)); w.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", w.Code)
	}
}

func TestReasonSignedInIsNone(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	var seen ReasonCode = "unset"
	a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = Reason(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), request("/", f.validCookie))
	if seen != ReasonNone {
		t.Errorf("Reason = %q for a signed-in request", seen)
	}
	if got := Reason(context.Background()); got != ReasonNone {
		t.Errorf("Reason without Middleware = %q", got)
	}
}

// TestWriteUnauthorizedFallback: a handler that keeps the default for pages
// gets exactly the default response.
func TestWriteUnauthorizedFallback(t *testing.T) {
	f := newFakeSite(t, newClock())
	var a *Auth
	a = f.newAuth(WithUnauthorizedHandler(func(w http.ResponseWriter, r *http.Request, reason ReasonCode) {
		if isAPIRequest(r) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnauthorized)
			json.NewEncoder(w).Encode(map[string]string{"type": "about:blank", "detail": string(reason)})
			return
		}
		a.WriteUnauthorized(w, r, reason)
	}))
	h := a.RequireAuth(okHandler)
	if w := serve(h, request("/page", "")); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/sign-in?redirect_to=%2Fpage" {
		t.Errorf("page: %d %q", w.Code, w.Header().Get("Location"))
	}
	r := request("/api/x", "")
	r.Header.Set("Accept", "application/json")
	w := serve(h, r)
	var body map[string]string
	json.Unmarshal(w.Body.Bytes(), &body)
	if w.Code != 401 || body["detail"] != "no_session" {
		t.Errorf("api: %d %v", w.Code, body)
	}
	// Status401 routes keep their mode through WriteUnauthorized.
	p := a.Protect([]Route{{Prefix: "/strict", Unauthenticated: Status401}})(okHandler)
	if w := serve(p, request("/strict/x", "")); w.Code != http.StatusUnauthorized {
		t.Errorf("Status401 route through WriteUnauthorized: %d", w.Code)
	}
}

func TestReasonsClosedSet(t *testing.T) {
	all := Reasons()
	if slices.Contains(all, ReasonNone) {
		t.Error("Reasons lists ReasonNone")
	}
	seen := map[ReasonCode]bool{}
	for _, r := range all {
		if seen[r] {
			t.Errorf("%q listed twice", r)
		}
		seen[r] = true
	}
	if ReasonOf(nil) != ReasonNone || ReasonOf(ErrJWKS) != ReasonKeysUnavailable ||
		ReasonOf(&TokenEndpointError{Status: 502}) != ReasonTokenEndpointDown || ReasonOf(errNoSession) != ReasonSessionInvalid {
		t.Error("ReasonOf misclassifies the sentinel errors")
	}
}
