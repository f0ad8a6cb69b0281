package doctor

import (
	"context"
	"fmt"

	"github.com/authgen/authgen/betterauth"
)

// checkRuntimeConfig runs the runtime's own startup validation on the
// configuration this server would load, so doctor reports what
// betterauth.New would refuse or warn about.
func (d *doctor) checkRuntimeConfig(context.Context) Result {
	convexURL, _, _ := d.env.get(d.cfg.ConvexURLEnv)
	siteURL, _, _ := d.env.get(d.cfg.SiteURLEnv)
	cfg := betterauth.Config{
		ConvexURL:    convexURL,
		SiteURL:      siteURL,
		BasePath:     d.cfg.BasePath,
		CookiePrefix: d.cfg.CookiePrefix,
		SignInPath:   d.cfg.SignInPath,
	}
	if d.cfg.JWKSEnv != "" {
		cfg.JWKS, _, _ = d.env.get(d.cfg.JWKSEnv)
	}
	var errs, warns []string
	for _, p := range betterauth.ValidateConfig(cfg) {
		if p.Severity == betterauth.SeverityWarning {
			warns = append(warns, p.String())
		} else {
			errs = append(errs, p.String())
		}
	}
	details := append(errs, warns...)
	switch {
	case len(errs) > 0:
		return fail(fmt.Sprintf("the runtime would refuse this configuration at startup (%d error(s), %d warning(s)).", len(errs), len(warns)),
			"Fix each problem listed; the env.* and manifest.* checks above explain the common ones.", details...)
	case len(warns) > 0:
		return warn(fmt.Sprintf("the runtime would start with %d warning(s).", len(warns)), "See each warning's fix.", details...)
	}
	return ok("betterauth.ValidateConfig finds no problem.")
}
