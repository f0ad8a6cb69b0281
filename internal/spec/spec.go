// Package spec extracts a Convex app's function spec from its source,
// offline: the JSON `npx convex function-spec` prints for a deployment
// running that code, without the deployment.
//
// Extraction runs extract.mjs (embedded) with Node. The script bundles the
// functions directory with the esbuild the app's own `convex` package
// depends on, as `convex deploy` does, loads every module and reads the
// registered functions' validators as the backend's analysis does. Results
// are cached by a hash of the inputs, so an unchanged tree costs no Node
// start.
package spec

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

//go:embed extract.mjs
var extractScript []byte

// MinNodeMajor is the oldest Node.js major version extraction supports.
const MinNodeMajor = 18

// Options says what to extract and how.
type Options struct {
	// Dir is the Convex functions directory (usually ./convex).
	Dir string
	// EnvFile, when set, is a .env file whose KEY=VALUE lines module-level
	// code sees in process.env, on top of the process environment, as it
	// sees the deployment's environment variables when deployed.
	EnvFile string
	// Node is the node executable; "" means "node" on PATH.
	Node string
	// CacheDir holds cached specs; "" means <os.UserCacheDir>/authgen/spec.
	// NoCache turns the cache off.
	CacheDir string
	NoCache  bool
	// Stderr receives what user code prints while it is loaded; nil
	// discards it.
	Stderr io.Writer
}

// Result is an extracted spec.
type Result struct {
	// Spec is the document, byte for byte as `npx convex function-spec`
	// prints it (two-space indented JSON, a final newline). Its url is the
	// CONVEX_URL of the environment (and EnvFile), or "" when unset.
	Spec []byte
	// Warnings name functions without validators (their bindings are untyped).
	Warnings []string
	// Cached reports that the spec came from the cache.
	Cached bool
}

// result is what extract.mjs writes.
type result struct {
	Spec     string     `json:"spec"`
	Warnings []string   `json:"warnings"`
	Inputs   []string   `json:"inputs"`
	Error    *scriptErr `json:"error"`
}

// Extract returns the function spec of opts.Dir. A failed extraction
// returns an *Error and leaves the cache untouched.
func Extract(ctx context.Context, opts Options) (*Result, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, &Error{Kind: KindNoDir, Dir: dir}
	}
	opts.Dir = dir
	var c *cache
	if !opts.NoCache {
		if c, err = openCache(opts.CacheDir); err != nil {
			return nil, err
		}
	}
	var key string
	if c != nil {
		if key, err = inputKey(opts); err != nil {
			return nil, err
		}
		if e := c.get(key); e != nil {
			return &Result{Spec: e.spec, Warnings: e.Warnings, Cached: true}, nil
		}
	}
	res, err := run(ctx, opts)
	if err != nil {
		return nil, err
	}
	out := &Result{Spec: []byte(res.Spec + "\n"), Warnings: res.Warnings}
	if c != nil {
		// A cache that cannot be written only costs the next run time.
		_ = c.put(key, out, res.Inputs, dir)
	}
	return out, nil
}

// run executes extract.mjs in a temporary directory that also receives the
// bundles and the result file.
func run(ctx context.Context, opts Options) (*result, error) {
	node := opts.Node
	if node == "" {
		node = "node"
	}
	nodePath, err := exec.LookPath(node)
	if err != nil {
		return nil, &Error{Kind: KindNoNode, Node: node}
	}
	work, err := os.MkdirTemp("", "authgen-spec-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	script := filepath.Join(work, "extract.mjs")
	if err := os.WriteFile(script, extractScript, 0o600); err != nil {
		return nil, err
	}
	outFile := filepath.Join(work, "result.json")
	bundles := filepath.Join(work, "out")
	if err := os.Mkdir(bundles, 0o700); err != nil {
		return nil, err
	}
	// The isolate bundles are evaluated from memory as vm.SourceTextModules
	// (extract.mjs's BundleLoader), which Node keeps behind this flag.
	args := []string{"--experimental-vm-modules", script, "--dir", opts.Dir, "--out", outFile, "--work", bundles}
	if opts.EnvFile != "" {
		envFile, err := filepath.Abs(opts.EnvFile)
		if err != nil {
			return nil, err
		}
		args = append(args, "--deploy-env", envFile)
	}
	cmd := exec.CommandContext(ctx, nodePath, args...)
	cmd.Dir = filepath.Dir(opts.Dir)
	var stderr bytes.Buffer
	var userOut io.Writer = &stderr
	if opts.Stderr != nil {
		userOut = io.MultiWriter(&stderr, opts.Stderr)
	}
	cmd.Stdout, cmd.Stderr = userOut, userOut
	runErr := cmd.Run()
	data, readErr := os.ReadFile(outFile)
	if readErr != nil {
		// Node died before writing a result: too old to parse the script,
		// killed, or crashed.
		return nil, &Error{Kind: KindNodeFailed, Node: nodePath, Output: tail(stderr.String(), 20), Cause: runErr}
	}
	var res result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("reading the extractor's result: %w", err)
	}
	if res.Error != nil {
		return nil, res.Error.toError(opts.Dir, nodePath)
	}
	if runErr != nil {
		return nil, &Error{Kind: KindNodeFailed, Node: nodePath, Output: tail(stderr.String(), 20), Cause: runErr}
	}
	return &res, nil
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// KindOf returns the kind of an extraction error, or "" for other errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}
