package doctor

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/authgen/authgen/internal/manifest"
)

// settings is what doctor knows from authgen.yaml: the auth section (the
// defaults when there is no manifest or it does not parse) and, when it
// parses, the whole model, read by the same parser `authgen generate` uses.
type settings struct {
	manifest.Auth

	// ManifestPath is the manifest file as given; "" when none was found
	// and the defaults are used.
	ManifestPath string
	// Manifest is the parsed model; nil when there is no manifest or it has problems.
	Manifest *manifest.Manifest
	// Problems are why the manifest did not parse, each with file:line:col.
	Problems []*manifest.Error
}

func defaultAuth() manifest.Auth {
	return manifest.Auth{
		ConvexURLEnv: manifest.DefaultConvexURLEnv,
		SiteURLEnv:   manifest.DefaultSiteURLEnv,
		BasePath:     manifest.DefaultBasePath,
		CookiePrefix: manifest.DefaultCookiePrefix,
		SignInPath:   manifest.DefaultSignInPath,
	}
}

// loadSettings reads the manifest at path and the function spec it names.
// When the path was not given explicitly and the default file does not
// exist, the defaults are used. A manifest that cannot be read is a usage
// error; one that reads but has problems is not: doctor reports them as the
// manifest.file check and runs the other checks with the defaults.
func loadSettings(path string, explicit bool) (settings, error) {
	s := settings{Auth: defaultAuth()}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && !explicit {
		return s, nil
	}
	m, _, err := manifest.Load(path)
	var problems manifest.ErrorList
	var readErr *fs.PathError
	switch {
	case errors.As(err, &readErr):
		return s, fmt.Errorf("cannot read the manifest %s: %w", path, readErr.Err)
	case errors.As(err, &problems):
		s.ManifestPath, s.Problems = path, problems
		return s, nil
	case err != nil:
		return s, fmt.Errorf("loading %s: %w", path, err)
	}
	s.ManifestPath, s.Manifest, s.Auth = path, m, m.Auth
	return s, nil
}

// currentUser returns the manifest's current-user function, or nil when
// the manifest declares none (or did not parse).
func (s settings) currentUser() *manifest.Function {
	if s.Manifest == nil || s.Manifest.CurrentUser == nil {
		return nil
	}
	return s.Manifest.CurrentUser.Function
}

// currentUserPath is the current-user function's path, or "".
func (s settings) currentUserPath() string {
	if s.Manifest == nil || s.Manifest.CurrentUser == nil {
		return ""
	}
	return s.Manifest.CurrentUser.Path
}

// routes returns the manifest's route table.
func (s settings) routes() []manifest.Route {
	if s.Manifest == nil {
		return nil
	}
	return s.Manifest.Routes
}
