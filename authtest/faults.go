package authtest

import (
	"time"
)

// faults are the failures a test has asked for.
type faults struct {
	tokenStatus         int // status the token endpoint answers instead
	tokenFailures       int // how many more token requests fail; <0 forever
	tokenDelay          time.Duration
	jwksDown            bool
	rejectForwardedHost bool
	pluginMissing       bool
	signWithHidden      bool
}

// FailTokenEndpoint makes the next n requests to {BasePath}/convex/token
// answer status (such as 503) with a JSON error body instead of minting a
// token; n < 0 fails every request until FailTokenEndpoint(0, 0) is called.
// Only the token endpoint fails: sign-up, sign-in and get-session still set
// the convex_jwt cookie.
func (d *Deployment) FailTokenEndpoint(status, n int) {
	d.changeFaults(func(f *faults) { f.tokenStatus, f.tokenFailures = status, n })
}

// DelayTokenEndpoint makes every request to {BasePath}/convex/token wait
// delay before it is answered, or until the client cancels it; 0 removes
// the delay. An injected FailTokenEndpoint failure is answered after the
// delay too.
func (d *Deployment) DelayTokenEndpoint(delay time.Duration) {
	d.changeFaults(func(f *faults) { f.tokenDelay = delay })
}

// FailJWKS makes {BasePath}/convex/jwks answer an empty 500 while down is
// true. The Convex side then rejects every token with the backend's "Could
// not fetch JWKS" 401, as the backend does when it cannot fetch the
// provider's JWKS; this fake has no cached copy to fall back on.
func (d *Deployment) FailJWKS(down bool) {
	d.changeFaults(func(f *faults) { f.jwksDown = down })
}

// RejectForwardedHost makes the site answer every request whose
// x-forwarded-host names another host than the site's with an empty 404, as
// Convex's edge does when a proxy forwards the app's host to *.convex.site.
func (d *Deployment) RejectForwardedHost(reject bool) {
	d.changeFaults(func(f *faults) { f.rejectForwardedHost = reject })
}

// DisablePlugin simulates Better Auth running without the convex() plugin
// (or with a plugin that shadows its routes): convex/token, convex/jwks and
// convex/.well-known/openid-configuration answer an empty 404, no convex_jwt
// cookie is set, and the Convex side cannot fetch the JWKS.
func (d *Deployment) DisablePlugin(disabled bool) {
	d.changeFaults(func(f *faults) { f.pluginMissing = disabled })
}

// SignWithUnpublishedKey makes new tokens signed with a key whose kid is not
// in the JWKS, as after a key rotation the verifier has not seen, or with a
// static JWKS that no longer matches; off, tokens are signed with the
// published key again. It fails only if a new RSA key cannot be generated.
func (d *Deployment) SignWithUnpublishedKey(on bool) error {
	var hidden *signingKey
	if on {
		var err error
		if hidden, err = newSigningKey(); err != nil {
			return err
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.faults.signWithHidden = on
	d.hidden = hidden
	return nil
}

// changeFaults applies change to the faults under the lock.
func (d *Deployment) changeFaults(change func(*faults)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	change(&d.faults)
}

// currentFaults returns a copy of the faults in force.
func (d *Deployment) currentFaults() faults {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.faults
}

// takeTokenFailure reports the status the token endpoint should fail with,
// consuming one failure; 0 means answer normally. d.mu must be held.
func (f *faults) takeTokenFailure() int {
	if f.tokenFailures == 0 || f.tokenStatus == 0 {
		return 0
	}
	if f.tokenFailures > 0 {
		f.tokenFailures--
	}
	return f.tokenStatus
}
