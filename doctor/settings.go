package doctor

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// settings is what doctor needs from authgen.yaml, with defaults filled in.
type settings struct {
	ManifestPath string // "" when no manifest was found and defaults are used

	ConvexURLEnv string
	SiteURLEnv   string
	JWKSEnv      string // "" for a remote JWKS; else the env var holding a static JWKS
	BasePath     string
	CookiePrefix string
	SignInPath   string

	CurrentUser        string // function path, e.g. auth:getCurrentUser; "" if not declared
	CurrentUserReturns string // its return type expression; "" when unknown
	Routes             []route
}

type route struct {
	Prefix          string `yaml:"prefix"`
	Unauthenticated string `yaml:"unauthenticated"`
}

func defaultSettings() settings {
	return settings{
		ConvexURLEnv: "CONVEX_URL",
		SiteURLEnv:   "CONVEX_SITE_URL",
		BasePath:     "/api/auth",
		CookiePrefix: "better-auth",
		SignInPath:   "/sign-in",
	}
}

// manifestFile mirrors the parts of authgen.yaml that doctor reads. The full
// schema belongs to the generator; unknown fields are ignored here.
type manifestFile struct {
	Auth struct {
		ConvexURLEnv string `yaml:"convex_url_env"`
		SiteURLEnv   string `yaml:"site_url_env"`
		BasePath     string `yaml:"base_path"`
		CookiePrefix string `yaml:"cookie_prefix"`
		JWKS         string `yaml:"jwks"`
		SignInPath   string `yaml:"sign_in_path"`
	} `yaml:"auth"`
	CurrentUser string `yaml:"current_user"`
	Functions   struct {
		Spec   string `yaml:"spec"`
		Define map[string]struct {
			Returns string `yaml:"returns"`
		} `yaml:"define"`
	} `yaml:"functions"`
	Routes []route `yaml:"routes"`
}

// loadSettings reads the manifest at path. When the path was not given
// explicitly and the default file does not exist, the defaults are used.
func loadSettings(path string, explicit bool) (settings, error) {
	s := defaultSettings()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("reading manifest: %w", err)
	}
	var m manifestFile
	if err := yaml.Unmarshal(data, &m); err != nil {
		return s, fmt.Errorf("parsing %s: %w", path, err)
	}
	s.ManifestPath = path
	setIf(&s.ConvexURLEnv, m.Auth.ConvexURLEnv)
	setIf(&s.SiteURLEnv, m.Auth.SiteURLEnv)
	setIf(&s.BasePath, m.Auth.BasePath)
	setIf(&s.CookiePrefix, m.Auth.CookiePrefix)
	setIf(&s.SignInPath, m.Auth.SignInPath)
	switch jwks := m.Auth.JWKS; {
	case jwks == "" || jwks == "remote":
	case strings.HasPrefix(jwks, "env:"):
		s.JWKSEnv = strings.TrimPrefix(jwks, "env:")
	default:
		return s, fmt.Errorf("%s: auth.jwks: want \"remote\" or \"env:NAME\", got %q", path, jwks)
	}
	s.CurrentUser = m.CurrentUser
	s.Routes = m.Routes
	if def, ok := m.Functions.Define[m.CurrentUser]; ok {
		s.CurrentUserReturns = def.Returns
	} else if m.Functions.Spec != "" && m.CurrentUser != "" {
		spec := m.Functions.Spec
		if !filepath.IsAbs(spec) {
			spec = filepath.Join(filepath.Dir(path), spec)
		}
		returns, err := returnsFromFunctionSpec(spec, m.CurrentUser)
		if err != nil {
			return s, err
		}
		s.CurrentUserReturns = returns
	}
	return s, nil
}

func setIf(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// returnsFromFunctionSpec finds fn in the output of `npx convex function-spec`
// and renders whether its returns validator admits null as a type
// expression ("T | null", "T", "any"), or "" when the function is absent.
func returnsFromFunctionSpec(path, fn string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("reading function spec: %w", err)
	}
	var spec struct {
		Functions []struct {
			Identifier string          `json:"identifier"`
			Returns    json.RawMessage `json:"returns"`
		} `json:"functions"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		return "", fmt.Errorf("parsing function spec %s: %w", path, err)
	}
	for _, f := range spec.Functions {
		if strings.Replace(f.Identifier, ".js:", ":", 1) != fn {
			continue
		}
		var v struct {
			Type  string            `json:"type"`
			Value []json.RawMessage `json:"value"`
		}
		if len(f.Returns) == 0 || string(f.Returns) == "null" {
			return "any", nil
		}
		if err := json.Unmarshal(f.Returns, &v); err != nil {
			// A non-union validator's "value" is not a list; only its type matters.
			var plain struct {
				Type string `json:"type"`
			}
			if err := json.Unmarshal(f.Returns, &plain); err != nil {
				return "", fmt.Errorf("function spec %s: returns of %s: %w", path, fn, err)
			}
			v.Type = plain.Type
		}
		switch v.Type {
		case "any", "null":
			return v.Type, nil
		case "union":
			for _, member := range v.Value {
				var m struct{ Type string }
				if json.Unmarshal(member, &m) == nil && m.Type == "null" {
					return "object | null", nil
				}
			}
		}
		return v.Type, nil
	}
	return "", nil
}
