package betterauth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// CheckLive fetches the OpenID configuration and JWKS and compares the
// issuer. It is meant for start-up (after New) and for doctor: it catches a
// wrong SiteURL or BasePath before the first user does.
func (a *Auth) CheckLive(ctx context.Context) error {
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := a.getJSON(ctx, a.cfg.openIDConfigURL(), &doc); err != nil {
		return fmt.Errorf("betterauth: OpenID configuration: %w", err)
	}
	if normaliseIssuer(doc.Issuer) != normaliseIssuer(a.cfg.SiteURL) {
		return fmt.Errorf("betterauth: %s announces issuer %q but SiteURL is %q; set CONVEX_SITE_URL to the issuer (the Convex backend compares them)",
			a.cfg.openIDConfigURL(), doc.Issuer, a.cfg.SiteURL)
	}
	if doc.JWKSURI != "" && doc.JWKSURI != a.cfg.jwksURL() {
		return fmt.Errorf("betterauth: JWKS is published at %q, not %q; check BasePath", doc.JWKSURI, a.cfg.jwksURL())
	}
	if rk, ok := a.verifier.keys.(*remoteKeys); ok {
		if _, _, err := rk.fetch(ctx); err != nil {
			return err
		}
	}
	return nil
}

// getJSON GETs url and decodes a 200 JSON answer of at most 1 MiB.
func (a *Auth) getJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := a.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s answered %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes))
	if err != nil {
		return fmt.Errorf("reading %s: %w", url, err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("GET %s: not JSON: %w", url, err)
	}
	return nil
}
