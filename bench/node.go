package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
)

// runNodeScript runs tests/node/<script> with args and decodes the one JSON
// document it prints on stdout into out.
func (r *runner) runNodeScript(ctx context.Context, out any, script string, args ...string) error {
	return r.runNode(ctx, out, nil, script, args...)
}

// runNode is runNodeScript with options for node itself (e.g. --expose-gc).
func (r *runner) runNode(ctx context.Context, out any, nodeOptions []string, script string, args ...string) error {
	if err := r.checkNode(); err != nil {
		return err
	}
	argv := append(append(append([]string{}, nodeOptions...), script), args...)
	if err := runJSON(ctx, out, r.nodeDir, "node", argv...); err != nil {
		return fmt.Errorf("%s: %w", script, err)
	}
	return nil
}

// runJSON runs name with args in dir and decodes the one JSON document it
// prints on stdout into out.
func runJSON(ctx context.Context, out any, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	stdout, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s: %v: %s", name, err, firstLines(stderr.String(), 5))
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		return fmt.Errorf("%s printed %q: %w", name, firstLines(string(stdout), 2), err)
	}
	return nil
}
