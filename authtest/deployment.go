package authtest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authgen/authgen/betterauth"
)

// Deployment is a fake Convex deployment running Better Auth with the
// convex() plugin. Its methods are safe for concurrent use.
type Deployment struct {
	settings settings
	api      *httptest.Server // Convex's API URL (.convex.cloud)
	site     *httptest.Server // the site URL (.convex.site) serving Better Auth

	mu        sync.Mutex
	keys      []*signingKey // published in the JWKS; the last one signs
	hidden    *signingKey   // signs instead when signWithHidden is set
	store     store
	functions map[string]function // by canonical path "module:name"
	calls     []Call
	faults    faults

	syncSessions map[*syncSession]struct{}
	syncLog      []json.RawMessage
	syncTs       uint64
}

// New starts a Deployment on two loopback servers that stop when the test
// ends. It fails the test if the servers cannot start.
func New(t testing.TB, opts ...Option) *Deployment {
	t.Helper()
	d, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d
}

// Start is New for use outside a test (examples, a local development
// server): the caller stops the Deployment with Close.
func Start(opts ...Option) (*Deployment, error) {
	s := defaultSettings()
	for _, opt := range opts {
		opt(&s)
	}
	if s.secret == "" {
		s.secret = randomID(40)
	}
	s.basePath = "/" + strings.Trim(s.basePath, "/")
	key, err := newSigningKey()
	if err != nil {
		return nil, err
	}
	d := &Deployment{
		settings:  s,
		keys:      []*signingKey{key},
		store:     newStore(),
		functions: map[string]function{},

		syncSessions: map[*syncSession]struct{}{},
	}
	apiListener, siteListener, err := listenPair()
	if err != nil {
		return nil, err
	}
	d.api = httptest.NewUnstartedServer(d.record("convex", d.apiHandler()))
	d.api.Listener.Close()
	d.api.Listener = apiListener
	d.site = httptest.NewUnstartedServer(d.record("site", d.siteHandler()))
	d.site.Listener.Close()
	d.site.Listener = siteListener
	d.api.Start()
	d.site.Start()
	return d, nil
}

// listenPair opens two loopback listeners, the site on the API's port + 1
// when it is free, as a self-hosted backend lays them out (3210 and 3211),
// so the runtime's configuration check sees a familiar deployment.
func listenPair() (api, site net.Listener, err error) {
	for range 10 {
		api, err = net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, nil, fmt.Errorf("authtest: listening: %w", err)
		}
		port := api.Addr().(*net.TCPAddr).Port
		if site, err = net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port+1)); err == nil {
			return api, site, nil
		}
		api.Close()
	}
	// Neighbouring ports keep being taken: any free port works too.
	if api, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		return nil, nil, fmt.Errorf("authtest: listening: %w", err)
	}
	if site, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		api.Close()
		return nil, nil, fmt.Errorf("authtest: listening: %w", err)
	}
	return api, site, nil
}

// Close stops both servers, waiting for requests in flight.
func (d *Deployment) Close() {
	d.api.Close()
	d.site.Close()
}

// Config returns the betterauth.Config of an app talking to this deployment:
// both URLs, the base path, the cookie prefix, whether cookies are secure,
// and the deployment's clock.
func (d *Deployment) Config() betterauth.Config {
	secure := d.settings.secureCookies
	return betterauth.Config{
		ConvexURL:     d.api.URL,
		SiteURL:       d.site.URL,
		BasePath:      d.settings.basePath,
		CookiePrefix:  d.settings.cookiePrefix,
		Now:           d.settings.now,
		SecureCookies: &secure,
	}
}

// ConvexURL returns the deployment's API URL (what CONVEX_URL holds).
func (d *Deployment) ConvexURL() string { return d.api.URL }

// SiteURL returns the deployment's site URL (what CONVEX_SITE_URL holds),
// Better Auth's host and the issuer of its tokens.
func (d *Deployment) SiteURL() string { return d.site.URL }

// AuthURL returns the URL of a Better Auth endpoint, e.g.
// AuthURL("convex/token") = SiteURL + BasePath + "/convex/token".
func (d *Deployment) AuthURL(endpoint string) string {
	return d.site.URL + d.settings.basePath + "/" + strings.TrimPrefix(endpoint, "/")
}

// issuer is the iss the plugin writes: CONVEX_SITE_URL, or the WithIssuer
// and WithIssuerTrailingSlash overrides.
func (d *Deployment) issuer() string {
	switch {
	case d.settings.issuer != "":
		return d.settings.issuer
	case d.settings.issuerSlash:
		return d.site.URL + "/"
	}
	return d.site.URL
}

func (d *Deployment) now() time.Time { return d.settings.now() }

// RotateKeys does what auth.api.rotateKeys() does: it deletes every signing
// key and creates a new one, so tokens signed before no longer verify and
// their kid is unknown to the JWKS.
func (d *Deployment) RotateKeys() error {
	key, err := newSigningKey()
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.keys = []*signingKey{key}
	return nil
}

// SetRole gives the user with email a role, as Better Auth's admin plugin
// (setRole) stores it on the user: tokens minted afterwards carry it in
// their "role" claim, which betterauth's Session.Roles and route
// require: {role: ...} read. Several roles are comma-separated
// ("admin,editor"), as the admin plugin writes them.
func (d *Deployment) SetRole(email, role string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	u, ok := d.store.usersByEmail[email]
	if !ok {
		return fmt.Errorf("authtest: SetRole: no user %q", email)
	}
	u.role = role
	return nil
}

// currentKey returns the key new tokens are signed with. d.mu must be held.
func (d *Deployment) currentKey() *signingKey {
	if d.faults.signWithHidden && d.hidden != nil {
		return d.hidden
	}
	return d.keys[len(d.keys)-1]
}

// writeDate sets the Date header from the deployment's clock, so a skewed
// WithClock shows up where a client compares clocks.
func (d *Deployment) writeDate(w http.ResponseWriter) {
	w.Header().Set("Date", d.now().UTC().Format(http.TimeFormat))
}
