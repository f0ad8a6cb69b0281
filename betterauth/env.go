package betterauth

import "os"

// EnvNames names the environment variables LoadConfigFromEnv reads.
type EnvNames struct {
	ConvexURL string // default CONVEX_URL
	SiteURL   string // default CONVEX_SITE_URL
	JWKS      string // empty: remote JWKS
}

// LoadConfigFromEnv reads a Config from the environment. Its error is a
// *ConfigError listing every problem, each naming the variable to fix; the
// Config is returned either way so callers can inspect it.
func LoadConfigFromEnv(names EnvNames) (Config, error) {
	if names.ConvexURL == "" {
		names.ConvexURL = "CONVEX_URL"
	}
	if names.SiteURL == "" {
		names.SiteURL = "CONVEX_SITE_URL"
	}
	cfg := Config{
		ConvexURL: os.Getenv(names.ConvexURL),
		SiteURL:   os.Getenv(names.SiteURL),
		envNames:  names,
	}
	if names.JWKS != "" {
		cfg.JWKS = os.Getenv(names.JWKS)
	}
	if errs := errorsOnly(ValidateConfig(cfg)); len(errs) > 0 {
		return cfg, &ConfigError{Problems: errs}
	}
	return cfg, nil
}

// errorsOnly keeps the problems of SeverityError.
func errorsOnly(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Severity == SeverityError {
			out = append(out, p)
		}
	}
	return out
}
