package main

import (
	"fmt"
	"log/slog"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/betterauth"

	"github.com/authgen/authgen/examples/ssr/convexapi"
	"github.com/authgen/authgen/examples/ssr/demo"
)

// startDemo starts the embedded fake deployment (authtest: a Convex API and
// a Better Auth issuer on loopback) with the app's functions registered, and
// a client for it. origin, the app's own, is a trusted origin, as SITE_URL
// is on a real deployment, so sign-in forms (and doctor's origin probe) from
// it pass Better Auth's origin check and other origins do not.
func startDemo(origin string, log *slog.Logger) (*convexapi.Client, func(), error) {
	d, err := authtest.Start(authtest.WithTrustedOrigins(origin))
	if err != nil {
		return nil, nil, fmt.Errorf("start the embedded fake deployment: %w", err)
	}
	demo.Seed(d)
	api, err := convexapi.New(d.Config(), betterauth.WithLogger(log))
	if err != nil {
		d.Close()
		return nil, nil, fmt.Errorf("configure the embedded fake deployment: %w", err)
	}
	log.Info("using the embedded fake deployment; set CONVEX_URL and CONVEX_SITE_URL to use a real one",
		"convex_url", d.ConvexURL(), "site_url", d.SiteURL())
	return api, d.Close, nil
}
