package nodeharness

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ModulePath is the module whose go.mod marks the repository root.
const ModulePath = "github.com/authgen/authgen"

// nodeDepsHint ends every error about a missing Node toolchain or package so
// that the fix is always spelled out.
const nodeDepsHint = "run `make node-deps` (needs Node.js and npm: the suites pass on Node 20; convex declares Node 22+)"

// RepoRoot returns the directory holding the go.mod of ModulePath. It walks
// up from the working directory (where `go test` runs a package's tests) and
// then from this source file, so it also works when the caller's working
// directory is outside the repository.
func RepoRoot() (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	for _, start := range starts {
		if root, ok := findModuleRoot(start); ok {
			return root, nil
		}
	}
	return "", fmt.Errorf("nodeharness: no go.mod for module %s above %s", ModulePath, strings.Join(starts, " or "))
}

// findModuleRoot walks up from dir to the first go.mod declaring ModulePath.
func findModuleRoot(dir string) (string, bool) {
	for {
		if isModuleRoot(filepath.Join(dir, "go.mod")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// isModuleRoot reports whether the go.mod at path declares ModulePath.
func isModuleRoot(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) == 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == ModulePath
		}
	}
	return false
}

// NodeDirEnv names a directory laid out like tests/node (its scripts and an
// installed node_modules) that NodeDir returns instead of tests/node. make
// test-latest sets it to a scratch copy holding the newest releases, so the
// same suites run against them without touching the committed lockfile.
const NodeDirEnv = "AUTHGEN_NODE_DIR"

// NodeDir returns tests/node in the repository root (or $AUTHGEN_NODE_DIR)
// after checking that its packages are installed.
func NodeDir() (string, error) {
	if dir := os.Getenv(NodeDirEnv); dir != "" {
		return checkInstalled(dir)
	}
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	return nodeDirIn(root)
}

// nodeDirIn is NodeDir for the repository at root.
func nodeDirIn(root string) (string, error) {
	return checkInstalled(filepath.Join(root, "tests", "node"))
}

// checkInstalled returns dir if its Node packages are installed.
func checkInstalled(dir string) (string, error) {
	// npm ci writes this file last, so its presence means a complete install.
	marker := filepath.Join(dir, "node_modules", ".package-lock.json")
	if _, err := os.Stat(marker); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("nodeharness: Node packages are not installed in %s: %s", dir, nodeDepsHint)
		}
		return "", fmt.Errorf("nodeharness: checking Node packages: %w; %s", err, nodeDepsHint)
	}
	return dir, nil
}
