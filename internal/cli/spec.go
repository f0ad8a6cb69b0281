package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/authgen/authgen/internal/spec"
)

func runSpec(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts := spec.Options{Stderr: stderr}
	var out string
	fs := newFlagSet("spec", "spec [-convex-dir convex] [-o function_spec.json] [-env-file .env] [-no-cache]\n\n"+
		"Prints the app's function spec as `npx convex function-spec` would for a deployment running\n"+
		"this code, without a deployment: it bundles the functions directory with the app's own\n"+
		"convex package and Node.js, loads each module and reads its functions' validators. Module-\n"+
		"level code sees the environment plus -env-file, as it sees the deployment's variables when\n"+
		"deployed. Offline there is no deployment URL: \"url\" is $CONVEX_URL, or \"\" when unset.\n"+
		"Stdout (or -o) holds the JSON only; warnings go to stderr. A failed extraction writes nothing.\n"+
		"Results are cached by a hash of the inputs in the user cache directory.", stderr)
	fs.StringVar(&opts.Dir, "convex-dir", "", "the Convex functions directory (default: convex.json's \"functions\", else convex)")
	fs.StringVar(&out, "o", "", "write the spec to this file instead of stdout")
	fs.StringVar(&opts.EnvFile, "env-file", "", "a .env file of deployment environment variables for module-level code")
	fs.BoolVar(&opts.NoCache, "no-cache", false, "extract even when a cached spec matches the inputs")
	if code, done := fs.parse(args, stdout); done {
		return code
	}
	if opts.Dir == "" {
		opts.Dir = defaultFunctionsDir(".")
	}
	res, err := spec.Extract(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "authgen spec: %v\n", err)
		return exitFail
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "authgen spec: warning: %s\n", w)
	}
	if out == "" {
		if _, err := stdout.Write(res.Spec); err != nil {
			fmt.Fprintf(stderr, "authgen spec: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	if err := writeFileAtomic(out, res.Spec); err != nil {
		fmt.Fprintf(stderr, "authgen spec: %v\n", err)
		return exitFail
	}
	return exitOK
}

// defaultFunctionsDir is where `npx convex` looks for functions in project:
// convex.json's "functions" when set, else convex.
func defaultFunctionsDir(project string) string {
	data, err := os.ReadFile(filepath.Join(project, "convex.json"))
	if err != nil {
		return filepath.Join(project, "convex")
	}
	var cfg struct {
		Functions string `json:"functions"`
	}
	if json.Unmarshal(data, &cfg) != nil || cfg.Functions == "" {
		return filepath.Join(project, "convex")
	}
	return filepath.Join(project, filepath.FromSlash(cfg.Functions))
}

// writeFileAtomic replaces path with data through a temporary file in the
// same directory, so a reader sees the old file or the new one, never half.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
