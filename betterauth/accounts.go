package betterauth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// This file is a server-side client for Better Auth's own endpoints: a Go
// handler signs a user in, up or out, or manages their sessions, on behalf
// of the browser request it is serving. Each call goes through AuthHandler
// in process, so it gets exactly what a browser fetch of /api/auth/... would
// get: the browser's cookies, Origin and client address reach Better Auth
// (whose CSRF and origin checks then judge the real request), the
// forwarded-host rules apply, and a sign-out forgets the session here too.
// The caller writes the returned Set-Cookie headers to its response.

// maxAccountResponse bounds how much of Better Auth's answer is read.
const maxAccountResponse = 1 << 20

// accountHeaders are the browser request headers passed on to Better Auth:
// Origin, Referer and Sec-Fetch-* for its CSRF and origin checks, Cookie
// for the session, User-Agent and X-Forwarded-For are stored with a new
// session.
var accountHeaders = []string{
	"Cookie", "Origin", "Referer", "User-Agent", "Accept-Language",
	"Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest",
	"X-Forwarded-For", "X-Forwarded-Proto",
}

// User is Better Auth's user record as its endpoints return it. Raw holds
// the whole object, for fields added by plugins or additionalFields.
type User struct {
	ID            string          `json:"id"`
	Email         string          `json:"email"`
	Name          string          `json:"name"`
	EmailVerified bool            `json:"emailVerified"`
	Image         string          `json:"image,omitempty"`
	CreatedAt     Time            `json:"createdAt"`
	UpdatedAt     Time            `json:"updatedAt"`
	Role          string          `json:"role,omitempty"` // admin plugin; "" without it
	Raw           json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the raw object beside the known fields.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	if err := json.Unmarshal(b, (*plain)(u)); err != nil {
		return err
	}
	u.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// UserSession is one of Better Auth's session records (not a Convex JWT:
// see Session for that). Token is the session token RevokeSession takes.
type UserSession struct {
	ID        string `json:"id"`
	Token     string `json:"token"`
	UserID    string `json:"userId"`
	ExpiresAt Time   `json:"expiresAt"`
	CreatedAt Time   `json:"createdAt"`
	UpdatedAt Time   `json:"updatedAt"`
	IPAddress string `json:"ipAddress,omitempty"`
	UserAgent string `json:"userAgent,omitempty"`
}

// String describes the session without its token.
func (s UserSession) String() string {
	return fmt.Sprintf("UserSession{ID:%q UserID:%q ExpiresAt:%s Token:[redacted]}", s.ID, s.UserID, s.ExpiresAt.UTC().Format(time.RFC3339))
}

// Time is a Better Auth timestamp: an ISO 8601 string from most adapters,
// epoch milliseconds from the Convex adapter. Null is the zero time.
type Time struct{ time.Time }

// UnmarshalJSON accepts a string, a number of milliseconds or null.
func (t *Time) UnmarshalJSON(b []byte) error {
	s := string(bytes.TrimSpace(b))
	switch {
	case s == "null":
		t.Time = time.Time{}
		return nil
	case strings.HasPrefix(s, `"`):
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		v, err := time.Parse(time.RFC3339Nano, str)
		if err != nil {
			return fmt.Errorf("betterauth: timestamp %q is not RFC 3339: %w", str, err)
		}
		t.Time = v
		return nil
	}
	ms, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("betterauth: timestamp %.32s is neither a string nor milliseconds", s)
	}
	t.Time = time.UnixMilli(int64(ms))
	return nil
}

// MarshalJSON writes RFC 3339, as Better Auth does by default.
func (t Time) MarshalJSON() ([]byte, error) { return t.Time.MarshalJSON() }

// SetCookies are the Set-Cookie header values of Better Auth's answer. The
// browser must get them: they set, refresh or clear the session cookie and
// the convex_jwt cookie.
type SetCookies []string

// Write adds every cookie to w's headers; call it before writing the status.
func (c SetCookies) Write(w http.ResponseWriter) {
	for _, v := range c {
		w.Header().Add("Set-Cookie", v)
	}
}

// SignUpEmail is the body of Better Auth's sign-up/email endpoint.
type SignUpEmail struct {
	Name        string `json:"name"`
	Email       string `json:"email"`
	Password    string `json:"password"`
	Image       string `json:"image,omitempty"`
	CallbackURL string `json:"callbackURL,omitempty"`
	RememberMe  *bool  `json:"rememberMe,omitempty"`
}

// SignInEmail is the body of Better Auth's sign-in/email endpoint.
type SignInEmail struct {
	Email       string `json:"email"`
	Password    string `json:"password"`
	CallbackURL string `json:"callbackURL,omitempty"`
	RememberMe  *bool  `json:"rememberMe,omitempty"`
}

// SignInResult is Better Auth's answer to a sign-up or sign-in. Token is
// empty when the user must verify their email first (no session yet).
type SignInResult struct {
	User    User
	Token   string // the Better Auth session token (also in Cookies)
	Cookies SetCookies
}

// SessionInfo is what get-session answers for a signed-in request.
type SessionInfo struct {
	Session UserSession `json:"session"`
	User    User        `json:"user"`
}

// SignUpEmail creates an account through Better Auth and, unless email
// verification is required, signs it in: write res.Cookies to the response.
// Better Auth's refusals are *APIError (ErrUserAlreadyExists,
// ErrInvalidEmail, ErrPasswordTooShort, ErrInvalidOrigin, ...).
func (a *Auth) SignUpEmail(r *http.Request, in SignUpEmail) (*SignInResult, error) {
	return a.signIn(r, "/sign-up/email", in)
}

// SignInEmail checks an email and password through Better Auth: write
// res.Cookies to the response. A wrong password is ErrInvalidEmailOrPassword.
func (a *Auth) SignInEmail(r *http.Request, in SignInEmail) (*SignInResult, error) {
	return a.signIn(r, "/sign-in/email", in)
}

func (a *Auth) signIn(r *http.Request, endpoint string, in any) (*SignInResult, error) {
	var out struct {
		Token *string `json:"token"`
		User  User    `json:"user"`
	}
	cookies, err := a.callAccounts(r, http.MethodPost, endpoint, in, &out)
	if err != nil {
		return nil, err
	}
	res := &SignInResult{User: out.User, Cookies: cookies}
	if out.Token != nil {
		res.Token = *out.Token
	}
	return res, nil
}

// SignOut ends the request's session at Better Auth and forgets it in this
// process (its JWTs are refused until they expire). The returned cookies
// clear the browser's session and convex_jwt cookies: write them even when
// err is non-nil, which happens only when Better Auth could not be reached.
// Signing out without a session is not an error.
func (a *Auth) SignOut(r *http.Request) (SetCookies, error) {
	cookies, err := a.callAccounts(r, http.MethodPost, "/sign-out", struct{}{}, nil)
	var apiErr *APIError
	if errors.As(err, &apiErr) && !errors.Is(err, ErrAuthUnavailable) {
		err = nil // e.g. no session left to end: the visitor is signed out either way
	}
	if len(cookies) == 0 {
		cookies = a.clearingCookies(r)
	}
	return cookies, err
}

// clearingCookies expire the session and convex_jwt cookies of r's
// security level, for a sign-out Better Auth did not answer with its own.
func (a *Auth) clearingCookies(r *http.Request) SetCookies {
	names := a.cookies.plain
	if a.isSecureRequest(r) {
		names = a.cookies.secure
	}
	var out SetCookies
	for _, name := range []string{names.SessionToken, names.ConvexJWT} {
		out = append(out, clearCookie(name))
	}
	return out
}

// GetSession asks Better Auth for the request's session (get-session). It
// returns nil, nil when nobody is signed in. Cookies may refresh the session
// cookie (Better Auth extends sessions on use): write them.
func (a *Auth) GetSession(r *http.Request) (*SessionInfo, SetCookies, error) {
	var out *SessionInfo
	cookies, err := a.callAccounts(r, http.MethodGet, "/get-session", nil, &out)
	return out, cookies, err
}

// ListSessions returns the signed-in user's active sessions. Anonymous
// requests get an *APIError with status 401.
func (a *Auth) ListSessions(r *http.Request) ([]UserSession, error) {
	var out []UserSession
	_, err := a.callAccounts(r, http.MethodGet, "/list-sessions", nil, &out)
	return out, err
}

// RevokeSession ends one of the signed-in user's sessions by its token (from
// ListSessions). Better Auth ignores tokens of other users' sessions. The
// revoked session's device stays signed in until its convex_jwt cookie
// expires (at most the JWT lifetime, 15 minutes by default): a JWT outlives
// its session, and Convex functions that use getAuthUser refuse it sooner.
func (a *Auth) RevokeSession(r *http.Request, token string) error {
	_, err := a.callAccounts(r, http.MethodPost, "/revoke-session", map[string]string{"token": token}, nil)
	return err
}

// RevokeOtherSessions ends every session of the signed-in user except the
// request's own ("sign out everywhere else").
func (a *Auth) RevokeOtherSessions(r *http.Request) error {
	_, err := a.callAccounts(r, http.MethodPost, "/revoke-other-sessions", struct{}{}, nil)
	return err
}

// callAccounts sends one request to Better Auth's endpoint through
// AuthHandler, as if r's browser had sent it, and decodes a 200 answer into
// out (when non-nil). Non-200 answers are *APIError.
func (a *Auth) callAccounts(r *http.Request, method, endpoint string, in, out any) (SetCookies, error) {
	var body *bytes.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, fmt.Errorf("betterauth: %s: encoding the request: %w", endpoint, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := a.accountsRequest(r.Context(), r, method, endpoint, body)
	if err != nil {
		return nil, err
	}
	rec := &capture{header: http.Header{}}
	a.accountsOnce.Do(func() { a.accounts = a.AuthHandler() })
	a.accounts.ServeHTTP(rec, req)
	cookies := SetCookies(rec.header.Values("Set-Cookie"))
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	if rec.status != http.StatusOK {
		return cookies, newAPIError(endpoint, rec.status, rec.body.Bytes())
	}
	if out != nil {
		if err := json.Unmarshal(rec.body.Bytes(), out); err != nil {
			return cookies, fmt.Errorf("betterauth: %s answered 200 with a body that is not the expected JSON: %w", endpoint, err)
		}
	}
	return cookies, nil
}

// accountsRequest builds the in-process request for endpoint from r: same
// host, scheme, client address and browser headers.
func (a *Auth) accountsRequest(ctx context.Context, r *http.Request, method, endpoint string, body *bytes.Reader) (*http.Request, error) {
	var req *http.Request
	var err error
	if body != nil {
		req, err = http.NewRequestWithContext(ctx, method, a.cfg.BasePath+endpoint, body)
	} else {
		req, err = http.NewRequestWithContext(ctx, method, a.cfg.BasePath+endpoint, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("betterauth: %s: %w", endpoint, err)
	}
	req.Host, req.RemoteAddr, req.TLS = r.Host, r.RemoteAddr, r.TLS
	for _, name := range accountHeaders {
		if v := r.Header.Values(name); len(v) > 0 {
			req.Header[name] = v
		}
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// capture records AuthHandler's answer to an in-process request.
type capture struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *capture) Header() http.Header { return c.header }

func (c *capture) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

// Write keeps at most maxAccountResponse bytes.
func (c *capture) Write(p []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	if room := maxAccountResponse - c.body.Len(); room > 0 {
		c.body.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
