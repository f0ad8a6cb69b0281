package betterauth

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path"
	"strings"
	"time"
)

// Limits of AuthHandler.
const (
	maxProxyRequestBody  = 1 << 20  // sign-in forms and JSON bodies are tiny
	maxProxyResponseBody = 10 << 20 // Better Auth answers are small; this stops a runaway upstream
	proxyHeaderTimeout   = 15 * time.Second
)

// AuthHandler proxies {BasePath}/* to SiteURL, where Better Auth runs.
// Mount it at BasePath (e.g. mux.Handle("/api/auth/", a.AuthHandler())).
//
// Requests are forwarded with hop-by-hop headers removed, the incoming Host
// and X-Forwarded-Host dropped (Convex's edge routes by X-Forwarded-Host and
// answers an empty 404 for a foreign one), and the original origin carried in
// x-better-auth-forwarded-host/-proto, which the Convex side restores for
// Better Auth. Responses, every Set-Cookie and redirects included, pass
// through unchanged; redirects are never followed. Request bodies over 1 MiB
// get 413; responses over 10 MiB are cut off.
//
// When Better Auth answers a sign-out with 2xx, the session's cached mint
// is dropped and the session is denied in this process until its newest
// token expires (see afterSignOut), so no JWT of it (replayed cookie,
// bearer, one minted by another replica) signs anyone in. Other processes
// behind the same load balancer still accept the JWTs until they expire
// (a JWT outlives its session; Convex functions that use getAuthUser look
// the session up and refuse it).
func (a *Auth) AuthHandler() http.Handler {
	target, _ := url.Parse(a.cfg.SiteURL) // validated by New
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			pr.Out.Host = ""
			pr.SetXForwarded()
			// One address, the client's: Better Auth (≥ 1.6.21) ignores a
			// chain of several, and would rate-limit every user together.
			pr.Out.Header.Del("X-Forwarded-For")
			if ip := a.clientIP(pr.In); ip.IsValid() {
				pr.Out.Header.Set("X-Forwarded-For", ip.String())
			}
			pr.Out.Header.Del("X-Forwarded-Host")
			pr.Out.Header.Set("X-Forwarded-Proto", requestProto(pr.In))
			pr.Out.Header.Set("X-Better-Auth-Forwarded-Host", pr.In.Host)
			pr.Out.Header.Set("X-Better-Auth-Forwarded-Proto", requestProto(pr.In))
		},
		Transport: a.proxyTransport(),
		ModifyResponse: func(resp *http.Response) error {
			if err := limitResponse(resp); err != nil {
				return err
			}
			if resp.StatusCode/100 == 2 && a.isSignOut(resp.Request.URL.Path) {
				a.afterSignOut(resp.Request.Context())
			}
			a.clearStaleJWT(resp)
			return nil
		},
		ErrorHandler: a.proxyError,
		// The proxy's own messages (a body copy cut off by limitedBody, a
		// client gone mid-response) go to the configured logger, not to
		// the process-wide log package.
		ErrorLog: slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	base := a.cfg.BasePath
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; path.Clean(p) != p && path.Clean(p)+"/" != p || !(p == base || strings.HasPrefix(p, base+"/")) {
			writeJSONError(w, http.StatusNotFound, "not_found", "not an auth path")
			return
		}
		if r.Method == http.MethodTrace || r.Method == http.MethodConnect {
			// Better Auth serves neither; TRACE would echo the request
			// (cookies included) and CONNECT asks for a tunnel.
			writeJSONError(w, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
			return
		}
		if r.ContentLength > maxProxyRequestBody {
			writeJSONError(w, http.StatusRequestEntityTooLarge, "body_too_large", "request body too large")
			return
		}
		if err := bufferBody(w, r); err != nil {
			writeJSONError(w, http.StatusRequestEntityTooLarge, "body_too_large", "request body too large")
			return
		}
		if a.isSignOut(r.URL.Path) {
			r = a.beforeSignOut(r)
		}
		rp.ServeHTTP(w, r)
	})
}

// proxyTransport is Config.HTTPClient's transport, or a default one with
// dial and response-header timeouts.
func (a *Auth) proxyTransport() http.RoundTripper {
	if a.cfg.HTTPClient != nil && a.cfg.HTTPClient.Transport != nil {
		return a.cfg.HTTPClient.Transport
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.ResponseHeaderTimeout = proxyHeaderTimeout
	return t
}

// limitResponse refuses declared-oversized responses and caps the rest.
func limitResponse(resp *http.Response) error {
	if resp.ContentLength > maxProxyResponseBody {
		return fmt.Errorf("upstream response of %d bytes exceeds %d", resp.ContentLength, maxProxyResponseBody)
	}
	resp.Body = &limitedBody{r: resp.Body, n: maxProxyResponseBody}
	return nil
}

// limitedBody fails the copy once more than n bytes were read, so the client
// sees a truncated (aborted) response rather than an unbounded one.
type limitedBody struct {
	r io.ReadCloser
	n int64
}

var errResponseTooLarge = errors.New("betterauth: upstream response too large")

// Read reads at most the remaining allowance; once it is used up, a body
// that still has bytes fails and one that ends there ends normally.
func (l *limitedBody) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var probe [1]byte
		switch n, err := l.r.Read(probe[:]); {
		case n > 0:
			return 0, errResponseTooLarge
		case err == nil:
			return 0, nil
		default:
			return 0, err // io.EOF: the body ended exactly at the limit
		}
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// Close closes the upstream body.
func (l *limitedBody) Close() error { return l.r.Close() }

// proxyError answers 413 for an oversized body and 502 otherwise.
func (a *Auth) proxyError(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeJSONError(w, http.StatusRequestEntityTooLarge, "body_too_large", "request body too large")
		return
	}
	a.log.WarnContext(r.Context(), "betterauth: auth proxy", "site", a.cfg.SiteURL, "route", a.coarseRoute(r.URL.Path), "error", err)
	writeJSONError(w, http.StatusBadGateway, "auth_upstream_unavailable", "the sign-in service could not be reached")
}

// bufferBody reads r's body, up to maxProxyRequestBody, before anything is
// sent upstream: a chunked body that turns out too large gets its 413 with
// nothing forwarded, rather than a part of it reaching Better Auth first.
// A read error (the client went away) is answered the same way.
func bufferBody(w http.ResponseWriter, r *http.Request) error {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxProxyRequestBody))
	r.Body.Close()
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.Header.Del("Transfer-Encoding")
	r.TransferEncoding = nil
	return nil
}

// coarseRoute names the Better Auth endpoint of p for logs: BasePath and
// the first segment below it, never the rest, which may carry a secret
// (/reset-password/<token>, /callback/<provider>?code=...).
func (a *Auth) coarseRoute(p string) string {
	rest, ok := strings.CutPrefix(p, a.cfg.BasePath+"/")
	if !ok {
		return a.cfg.BasePath
	}
	first, more, _ := strings.Cut(rest, "/")
	for i := 0; i < len(first); i++ {
		if c := first[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') || i >= 64 {
			return a.cfg.BasePath + "/…"
		}
	}
	if more != "" {
		return a.cfg.BasePath + "/" + first + "/…"
	}
	return a.cfg.BasePath + "/" + first
}

// clearStaleJWT clears convex_jwt when a response sets a new session cookie
// without a JWT cookie: opening an e-mail verification link with auto
// sign-in signs B in while the browser still holds A's JWT, which would
// otherwise keep deciding who is signed in until it expires
// (get-convex/better-auth#416). A password sign-in sets both and is left
// alone.
func (a *Auth) clearStaleJWT(resp *http.Response) {
	var sessionName string
	setsJWT := false
	for _, sc := range resp.Header.Values("Set-Cookie") {
		name, rest, _ := strings.Cut(sc, "=")
		name = strings.TrimSpace(name)
		value, _, _ := strings.Cut(rest, ";")
		switch name {
		case a.cookies.plain.SessionToken, a.cookies.secure.SessionToken:
			if value != "" {
				sessionName = name
			}
		case a.cookies.plain.ConvexJWT, a.cookies.secure.ConvexJWT:
			setsJWT = true
		}
	}
	if sessionName == "" || setsJWT {
		return
	}
	jwtName := a.cookies.plain.ConvexJWT
	if strings.HasPrefix(sessionName, securePrefix) {
		jwtName = a.cookies.secure.ConvexJWT
	}
	resp.Header.Add("Set-Cookie", clearCookie(jwtName))
}
