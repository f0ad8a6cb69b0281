package betterauth

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Session is the signed-in user of a request. Sessions are shared between
// requests carrying the same token: treat them as read-only.
type Session struct {
	// Token is the verified Convex JWT. It is a bearer credential: left out
	// of JSON (json.Marshal(session) for an API answer or a log line must
	// not hand it out), as String and LogValue leave it out.
	Token     string    `json:"-"`
	Subject   string    // sub: the Better Auth user id
	SessionID string    // sessionId: the Better Auth session id
	Email     string    // email, if the token carries it
	Name      string    // name, if the token carries it
	Expires   time.Time // exp

	issued  time.Time // iat; zero when absent
	payload *lazyClaims
}

// String describes the session without its token, so that printing or
// logging a Session (%v, %+v) never leaks the bearer credential.
func (s Session) String() string {
	return fmt.Sprintf("Session{Subject:%q SessionID:%q Email:%q Expires:%s Token:[redacted]}",
		s.Subject, s.SessionID, s.Email, s.Expires.UTC().Format(time.RFC3339))
}

// GoString is String, for %#v.
func (s Session) GoString() string { return s.String() }

// LogValue logs the session's identity without its token.
func (s Session) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("subject", s.Subject),
		slog.String("session_id", s.SessionID),
		slog.Time("expires", s.Expires),
	)
}

// lazyClaims holds a verified payload and decodes it on first use.
type lazyClaims struct {
	payload []byte
	once    sync.Once
	claims  map[string]any
	typed   sync.Map // reflect.Type -> typedClaims: ClaimsAs results, decoded once per type
}

// Claims returns every claim of the token, decoded with encoding/json
// (numbers are float64). Each call returns a fresh copy (nested objects and
// arrays included) of the map decoded once per token: the Session is shared
// by every request carrying the token, so a caller's changes must stay its
// own. It is nil for a Session built by hand.
func (s *Session) Claims() map[string]any {
	if s.payload == nil {
		return nil
	}
	lc := s.payload
	lc.once.Do(func() {
		// Verify accepted the payload as a JSON object of float64-sized
		// numbers, so this cannot fail.
		_ = json.Unmarshal(lc.payload, &lc.claims)
	})
	return copyJSON(lc.claims).(map[string]any)
}

// copyJSON deep-copies a value decoded by encoding/json into any.
func copyJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = copyJSON(e)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = copyJSON(e)
		}
		return s
	default:
		return v // string, float64, bool, nil: immutable
	}
}

// DecodeClaims decodes the token's payload into v, typically a struct with
// json tags for custom claims such as a role.
func (s *Session) DecodeClaims(v any) error {
	if s.payload == nil {
		return errors.New("betterauth: session has no token payload")
	}
	if err := json.Unmarshal(s.payload.payload, v); err != nil {
		return fmt.Errorf("betterauth: decoding claims: %w", err)
	}
	return nil
}

// requestAuth is what Middleware attaches to a request's context.
type requestAuth struct {
	// session is nil when anonymous. It is replaced when FetchAuthQuery
	// re-mints after Convex rejected the token, so that later calls in the
	// same request use the fresh token.
	session atomic.Pointer[Session]
	err     error      // why the session could not be resolved
	reason  ReasonCode // why the request is anonymous or unresolved; see Reason
	mint    mintRequest
	// bearerRejected records an Authorization: Bearer token that did not
	// verify, so that RequireAuth can say so (error="invalid_token").
	bearerRejected bool
	// source and cached are what ResolveEvent reports.
	source Source
	cached bool
}

// resolveEvent describes how ra was resolved, for the OnResolve hook.
func (ra *requestAuth) resolveEvent() ResolveEvent {
	e := ResolveEvent{Outcome: OutcomeAnonymous, Reason: ra.reason, Source: ra.source, Cached: ra.cached, Err: ra.err}
	switch {
	case ra.session.Load() != nil:
		e.Outcome, e.Reason = OutcomeAuthenticated, ReasonNone
	case ra.err != nil:
		e.Outcome = OutcomeUnavailable
	}
	if e.Source == "" {
		e.Source = SourceNone
	}
	return e
}

type ctxKey struct{}

func fromContext(ctx context.Context) *requestAuth {
	ra, _ := ctx.Value(ctxKey{}).(*requestAuth)
	return ra
}

// SessionFromContext returns the session Middleware attached, if any.
func SessionFromContext(ctx context.Context) (*Session, bool) {
	if ra := fromContext(ctx); ra != nil {
		if s := ra.session.Load(); s != nil {
			return s, true
		}
	}
	return nil, false
}

// SessionErr returns why Middleware could not resolve the session (for
// example the token endpoint failing), or nil. A non-nil error means "we do
// not know who this is", never "nobody".
func SessionErr(ctx context.Context) error {
	if ra := fromContext(ctx); ra != nil {
		return ra.err
	}
	return nil
}

// Token returns the request's Convex JWT.
func Token(ctx context.Context) (string, bool) {
	if s, ok := SessionFromContext(ctx); ok {
		return s.Token, true
	}
	return "", false
}

// IsAuthenticated reports whether the request has a verified session.
func IsAuthenticated(ctx context.Context) bool {
	_, ok := SessionFromContext(ctx)
	return ok
}

// mintRequest is what minting a token needs from the incoming request:
// the session cookie as sent, and the origin Better Auth should see.
type mintRequest struct {
	cookieName, cookieValue string
	host, proto             string
	clientIP                netip.Addr // sent as X-Forwarded-For, for Better Auth's rate limiter (zero: unknown)
}

// key is the recent-mint cache key of m's session cookie.
func (m mintRequest) key() string { return m.cookieName + "=" + m.cookieValue }

// digest keys what is remembered about m's session cookie for longer than
// a recent mint: the cookie itself is not kept.
func (m mintRequest) digest() string {
	// Hashed from a stack buffer: the warm path pays no allocation for the
	// key (a cookie longer than the buffer spills to the heap, correctly).
	var buf [512]byte
	sum := sha256.Sum256(append(append(append(buf[:0], m.cookieName...), '='), m.cookieValue...))
	return string(sum[:])
}

// pairingKey keys the session m's cookie names (sessionIDs), which every
// request with a JWT cookie looks up: a 64-bit hash of the cookie under a
// per-process secret seed, so the cookie itself is not kept for a day.
// SHA-256 (digest) cost a tenth of the warm Middleware path. A collision
// could only pair a JWT with another user's cookie if that JWT named the
// other cookie's session; with an unknown seed and cookies nobody chooses,
// the odds are 2⁻⁶⁴ per pair of cookies.
//
// It is an array, not a string, so that the warm path's lookup
// (sessionIDs.get(string(k[:]))) converts it on the stack.
func (a *Auth) pairingKey(m mintRequest) [8]byte {
	var h maphash.Hash
	h.SetSeed(a.pairingSeed)
	h.WriteString(m.cookieName)
	h.WriteByte('=')
	h.WriteString(m.cookieValue)
	var k [8]byte
	binary.LittleEndian.PutUint64(k[:], h.Sum64())
	return k
}

// errNoSession is the token endpoint's 401: the session cookie is not a
// valid session, so the request is anonymous.
var errNoSession = errors.New("betterauth: no session")

// noSessionError is errNoSession with the Set-Cookie headers Better Auth
// sent with its 401 (better-auth ≥ 1.6.27 clears the dead session's
// cookies there), so that the browser gets them too.
type noSessionError struct {
	cookies []string
	cause   error // what told that the session is over, when not a 401
}

func (e *noSessionError) Error() string        { return errNoSession.Error() }
func (e *noSessionError) Is(target error) bool { return target == errNoSession }
func (e *noSessionError) Unwrap() error        { return e.cause }

// sessionCookiesOf returns the Set-Cookie headers of an error from the
// token endpoint, if it carries any.
func sessionCookiesOf(err error) []string {
	var ns *noSessionError
	if errors.As(err, &ns) {
		return ns.cookies
	}
	return nil
}

// mintResult is what one flight to the token endpoint yields: the session
// and Better Auth's own session Set-Cookie headers (an extended session's
// re-set cookie), which belong to the browser whose request minted.
type mintResult struct {
	session *Session
	cookies []string
}

const (
	maxTokenResponse = 64 << 10
	mintTimeout      = 15 * time.Second
	mintedCacheTTL   = time.Minute
	// rejectedCookieTTL is how long a session cookie the token endpoint
	// answered 401 is anonymous without asking again. Short, so that a
	// spurious 401 (Better Auth restarting with a new secret) heals quickly.
	rejectedCookieTTL = 5 * time.Second
	// maxRetryAfterWait is the longest Retry-After a mint waits for before
	// retrying; a longer one fails the mint at once.
	maxRetryAfterWait = 2 * time.Second
	// sessionIDTTL is how long the session a session cookie names is
	// remembered (by the cookie's pairingKey). It never changes; the bound only
	// lets unused entries go.
	sessionIDTTL = 24 * time.Hour
)

// resolve finds the session of r: a valid JWT cookie, else a valid bearer
// JWT, else a token minted from the session cookie, else anonymous. It may
// add Set-Cookie to w.
func (a *Auth) resolve(w http.ResponseWriter, r *http.Request) *requestAuth {
	proto := requestProto(r)
	secure := a.isSecureProto(proto)
	si := 0
	if secure {
		si = 1
	}
	cs := &a.cookies
	ra := &requestAuth{}
	jwtMatch, sessMatch := authCookies(r.Header, cs.jwt[si], cs.session[si])
	jwt := jwtMatch.value
	sessName, sess := sessMatch.name, sessMatch.value
	if jwtMatch.ambiguous || sessMatch.ambiguous {
		// Two different values: one may have been planted by a sibling
		// subdomain. The JWT is not used; a token is minted from an
		// unambiguous session cookie, and without one the request is
		// anonymous.
		jwt = ""
	}
	if sessMatch.ambiguous {
		sess = ""
	}
	ra.reason = ReasonNoSession
	if jwt == "" && a.resolveBearer(r.Context(), r.Header, ra) {
		return ra
	}
	now := a.now()

	var usable *Session // a valid cookie token, even if close to expiry
	var jwtErr error
	var cached bool
	if jwt != "" {
		ra.source = SourceJWTCookie
		usable, cached, jwtErr = a.verifyFrom(r.Context(), jwt, SourceJWTCookie)
		if jwtErr != nil {
			ra.reason = ReasonOf(jwtErr)
		}
	}
	// paired: the JWT belongs to the session cookie's session. A JWT of
	// another session (planted, or left from an earlier sign-in) must not
	// win over the session cookie; when the cookie's session is not known
	// yet, minting once learns it.
	paired := sess == ""
	if sess != "" {
		// Kept even when the cookie JWT suffices: a query Convex rejects
		// with 401 re-mints from it (FetchAuthQuery).
		ra.mint = mintRequest{cookieName: sessName, cookieValue: sess, host: r.Host, proto: proto, clientIP: a.clientIP(r)}
		a.deliverKept(w, ra.mint)
		if usable != nil {
			k := a.pairingKey(ra.mint)
			sid, known := a.sessionIDs.get(string(k[:]), now)
			paired = known && sid == usable.SessionID
		}
	}
	if usable != nil && paired && (sess == "" || usable.Expires.Sub(now) > a.cfg.RefreshMargin) {
		ra.session.Store(usable)
		ra.cached = cached
		return ra
	}
	if sess == "" {
		if unjudged(jwtErr) {
			// The keys are unreachable, so the token could not be judged:
			// that is an outage, not an anonymous visitor.
			ra.err = jwtErr
			a.log.WarnContext(r.Context(), "betterauth: cannot verify session token", "error", jwtErr)
		}
		return ra
	}
	ra.source = SourceSessionCookie
	s, cached := a.mintedSession(r.Context(), ra.mint)
	var err error
	var sessionCookies []string
	if !cached {
		s, sessionCookies, err = a.mintSession(r.Context(), ra.mint, false)
	}
	ra.reason = ReasonOf(err)
	switch {
	case errors.Is(err, errNoSession):
		// The dead cookies are cleared, so that they are not sent again:
		// Better Auth's as it asked, and every JWT cookie sent, whatever
		// its name (Better Auth leaves them alone, and one left behind
		// would sign the dead session in on its own).
		passSessionCookies(w, sessionCookiesOf(err))
		for _, name := range cs.jwt[si] {
			if _, sent := cookieValue(r.Header, name); sent {
				replaceCookie(w, name, clearCookie(name))
			}
		}
	case err != nil:
		if usable != nil && paired {
			ra.session.Store(usable) // still valid: an outage must not end it early
			ra.source = SourceJWTCookie
			break
		}
		ra.err = err
		a.log.WarnContext(r.Context(), "betterauth: cannot resolve session", "url", a.cfg.tokenURL(), "error", err)
	default:
		if usable != nil && usable.SessionID == s.SessionID && usable.Expires.Sub(now) > a.cfg.RefreshMargin {
			// The mint only learned that the cookie JWT belongs to this
			// session (now remembered): keep it rather than replace a valid
			// cookie, so the answer does not depend on whether the clock
			// ticked since sign-in.
			s = usable
		}
		ra.session.Store(s)
		ra.cached = cached
		// An extended session's re-set cookie reaches the browser, or a
		// user whose pages are all served here is signed out when the
		// cookie's original Max-Age runs out.
		passSessionCookies(w, sessionCookies)
		if s.Token != jwt {
			name := cs.plain.ConvexJWT
			if secure {
				name = cs.secure.ConvexJWT
			}
			setCookie(w, jwtCookie(name, s.Token, secure, s.Expires, now))
		}
	}
	return ra
}

// mintedSession answers a session cookie from the recent-mint cache,
// unless its session was signed out (here or, with a shared DenyList, on
// another replica) or the shared list cannot say: minting again then asks
// Better Auth, which knows.
func (a *Auth) mintedSession(ctx context.Context, m mintRequest) (*Session, bool) {
	s, ok := a.minted.get(m.key(), a.now())
	if !ok || a.isSignedOut(s) {
		return nil, false
	}
	if denied, err := a.deniedElsewhere(ctx, s); denied || err != nil {
		return nil, false
	}
	return s, true
}

// sessionFor returns the session for a session cookie: from the recent-mint
// cache unless force, else minted once for all concurrent requests.
// Session Set-Cookies of such a mint are kept for the session's next
// request (keepUndelivered).
func (a *Auth) sessionFor(ctx context.Context, m mintRequest, force bool) (*Session, error) {
	s, cookies, err := a.mintSession(ctx, m, force)
	a.keepUndelivered(m, cookies)
	return s, err
}

// keepUndelivered keeps the session Set-Cookies of a mint made with no
// browser response to carry them, for the session's next request.
func (a *Auth) keepUndelivered(m mintRequest, cookies []string) {
	if len(cookies) == 0 {
		return
	}
	k := a.pairingKey(m)
	now := a.now()
	a.undelivered.put(string(k[:]), cookies, now.Add(sessionIDTTL), now)
	a.hasUndelivered.Store(true)
}

// deliverKept passes on to w the session Set-Cookies kept for m's cookie.
func (a *Auth) deliverKept(w http.ResponseWriter, m mintRequest) {
	if !a.hasUndelivered.Load() {
		return
	}
	k := a.pairingKey(m)
	if cookies, ok := a.undelivered.get(string(k[:]), a.now()); ok {
		a.undelivered.delete(string(k[:]))
		passSessionCookies(w, cookies)
	}
}

// mintSession is sessionFor plus the session Set-Cookie headers Better Auth
// answered a mint with (none when the session came from the cache).
func (a *Auth) mintSession(ctx context.Context, m mintRequest, force bool) (*Session, []string, error) {
	key := m.key()
	now := a.now()
	if force {
		a.minted.delete(key)
	} else if s, ok := a.mintedSession(ctx, m); ok {
		return s, nil, nil
	}
	digest := m.digest()
	if cleared, ok := a.rejected.get(digest, now); ok {
		return nil, nil, &noSessionError{cookies: cleared}
	}
	ch := a.mints.DoChan(digest, func() (_ any, err error) {
		// A flight that finished between our cache miss and joining has
		// already cached its session: use it rather than mint again.
		if s, ok := a.mintedSession(ctx, m); ok && !force {
			return &mintResult{session: s}, nil
		}
		if a.hooks.OnMint != nil {
			start := time.Now()
			defer func() {
				a.hooks.OnMint(ctx, MintEvent{Start: start, Duration: time.Since(start), Err: err, NoSession: errors.Is(err, errNoSession)})
			}()
		}
		mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), mintTimeout)
		defer cancel()
		token, cookies, err := a.mintWithRetry(mctx, m)
		if errors.Is(err, errNoSession) {
			// A session cookie Better Auth refused stays refused: replaying
			// it must not cost a call each time. Only the digest is kept
			// (with Better Auth's clearing Set-Cookies, to answer again),
			// so junk cookies of any size cost the same few bytes.
			now := a.now()
			a.rejected.put(digest, sessionCookiesOf(err), now.Add(rejectedCookieTTL), now)
		}
		if err != nil {
			return nil, err
		}
		s, _, err := a.verifyFrom(mctx, token, SourceSessionCookie)
		if ReasonOf(err) == ReasonSignedOut {
			// Minted just before a sign-out that has since been denied
			// (here or on another replica): the session is over, which is
			// no outage.
			return nil, &noSessionError{cause: err}
		}
		if err != nil {
			// An endpoint handing out tokens that do not verify is failing
			// (wrong key set or issuer configured): an outage, not a logout.
			return nil, &TokenEndpointError{Status: http.StatusOK, Err: fmt.Errorf("the token from %s does not verify: %w", a.cfg.tokenURL(), err)}
		}
		now := a.now()
		// Remember the mint briefly so that requests that arrive without the
		// refreshed cookie (API clients, parallel page loads) do not mint again.
		a.minted.put(key, s, minTime(s.Expires.Add(-a.cfg.RefreshMargin), now.Add(mintedCacheTTL)), now)
		// A session cookie names one session for life: remember which, so
		// that a JWT cookie can be checked against it without minting.
		k := a.pairingKey(m)
		a.sessionIDs.put(string(k[:]), s.SessionID, now.Add(sessionIDTTL), now)
		return &mintResult{session: s, cookies: cookies}, nil
	})
	select {
	case res := <-ch:
		if res.Err != nil {
			return nil, nil, res.Err
		}
		mr := res.Val.(*mintResult)
		return mr.session, mr.cookies, nil
	case <-ctx.Done():
		return nil, nil, &TokenEndpointError{Err: ctx.Err()}
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// mintWithRetry calls the token endpoint, retrying 5xx, 429 and network
// failures with exponential backoff. A 401 is errNoSession at once.
func (a *Auth) mintWithRetry(ctx context.Context, m mintRequest) (token string, cookies []string, err error) {
	backoff := a.backoff
	var last error
	for attempt := 0; attempt < a.attempts; attempt++ {
		if attempt > 0 {
			wait := backoff
			var te *TokenEndpointError
			if errors.As(last, &te) && te.RetryAfter > wait {
				wait = te.RetryAfter // the endpoint said when; never sooner
			}
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return "", nil, &TokenEndpointError{Err: ctx.Err()}
			}
			backoff *= 2
		}
		token, cookies, retry, err := a.mintOnce(ctx, m)
		if err == nil || !retry {
			return token, cookies, err
		}
		last = err
	}
	return "", nil, last
}

// mintOnce performs one GET of the token endpoint with a clean request:
// only the session cookie, Better Auth's forwarded-origin headers and
// Accept-Encoding: identity. Copying the incoming headers is what breaks the
// TypeScript helper (X-Forwarded-Host makes Convex's edge answer 404,
// Content-Length hangs, compression loses the body).
//
// It returns, with the token, the Set-Cookie headers of this cookie prefix's
// session cookies that Better Auth answered with (a 401's clearing ones
// travel in the noSessionError).
func (a *Auth) mintOnce(ctx context.Context, m mintRequest) (token string, cookies []string, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.cfg.tokenURL(), nil)
	if err != nil {
		return "", nil, false, &TokenEndpointError{Err: err}
	}
	req.Header = http.Header{
		"Cookie":                        {m.cookieName + "=" + m.cookieValue},
		"Accept":                        {"application/json"},
		"Accept-Encoding":               {"identity"},
		"X-Better-Auth-Forwarded-Host":  {m.host},
		"X-Better-Auth-Forwarded-Proto": {m.proto},
	}
	if m.host == "" {
		req.Header.Del("X-Better-Auth-Forwarded-Host")
	}
	if m.clientIP.IsValid() {
		// The user's address, so Better Auth's rate limiter counts each
		// user apart instead of every mint in one bucket.
		req.Header.Set("X-Forwarded-For", m.clientIP.String())
	}
	resp, err := a.hc.Do(req)
	if err != nil {
		return "", nil, true, &TokenEndpointError{Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse+1))
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		return "", nil, false, &noSessionError{cookies: a.sessionSetCookies(resp.Header)}
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		e := &TokenEndpointError{Status: resp.StatusCode, Err: errors.New(http.StatusText(resp.StatusCode))}
		retryAfter := resp.Header.Get("Retry-After")
		if retryAfter == "" {
			// Better Auth's rate limiter says it in X-Retry-After (seconds).
			retryAfter = resp.Header.Get("X-Retry-After")
		}
		if secs, perr := strconv.Atoi(strings.TrimSpace(retryAfter)); perr == nil && secs > 0 {
			e.RetryAfter = time.Duration(secs) * time.Second
		}
		// A wait longer than a mint may take is not retried here: the
		// request gets the error (an outage, never a logout) at once.
		return "", nil, e.RetryAfter <= maxRetryAfterWait, e
	case resp.StatusCode != http.StatusOK:
		return "", nil, false, &TokenEndpointError{Status: resp.StatusCode, Err: fmt.Errorf("unexpected status from %s (is BasePath right?)", a.cfg.tokenURL())}
	case err != nil:
		return "", nil, true, &TokenEndpointError{Status: resp.StatusCode, Err: fmt.Errorf("reading body: %w", err)}
	case len(body) > maxTokenResponse:
		return "", nil, false, &TokenEndpointError{Status: resp.StatusCode, Err: fmt.Errorf("body larger than %d bytes", maxTokenResponse)}
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.Token == "" {
		return "", nil, false, &TokenEndpointError{Status: resp.StatusCode, Err: fmt.Errorf("body is not {\"token\": ...} (content type %q)", strings.TrimSpace(resp.Header.Get("Content-Type")))}
	}
	return out.Token, a.sessionSetCookies(resp.Header), false, nil
}
