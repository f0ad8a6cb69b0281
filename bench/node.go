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
	if err := r.checkNode(); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "node", append([]string{script}, args...)...)
	cmd.Dir = r.nodeDir
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	stdout, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("node %s: %v: %s", script, err, firstLines(stderr.String(), 5))
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		return fmt.Errorf("node %s printed %q: %w", script, firstLines(string(stdout), 2), err)
	}
	return nil
}
