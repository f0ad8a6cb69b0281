package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Packages the runner builds into binaries.
const (
	authgenPkg = "github.com/authgen/authgen/cmd/authgen" // through the replace directive: this checkout
	oapiPkg    = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)

// goBuild builds pkg in the bench module into the scratch directory and
// returns the binary's path.
func (r *runner) goBuild(ctx context.Context, pkg string) (string, error) {
	out := filepath.Join(r.work, "bin", filepath.Base(pkg))
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = r.benchDir
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v: %s", pkg, err, firstLines(string(msg), 6))
	}
	return out, nil
}

// firstLines keeps the start of a long tool message for the report.
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, " / ")
}
