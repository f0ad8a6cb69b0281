package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// runner holds what every section shares: where the repository is, a
// scratch directory, and how hard to try.
type runner struct {
	root     string // repository root (holds the main go.mod)
	benchDir string // the bench module
	nodeDir  string // tests/node
	work     string // scratch directory, removed by close
	runs     int
	quick    bool

	harness *harness // started on first use, shared by the sections
}

func newRunner(runs int, quick bool) (*runner, error) {
	if runs < 1 {
		return nil, errors.New("-runs must be at least 1")
	}
	benchDir, err := findBenchDir()
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "authgen-bench-")
	if err != nil {
		return nil, fmt.Errorf("creating scratch directory: %w", err)
	}
	root := filepath.Dir(benchDir)
	return &runner{
		root: root, benchDir: benchDir, nodeDir: filepath.Join(root, "tests", "node"),
		work: work, runs: runs, quick: quick,
	}, nil
}

// close stops the harness and removes the scratch directory.
func (r *runner) close() {
	if r.harness != nil {
		r.harness.stop()
	}
	os.RemoveAll(r.work)
}

// findBenchDir walks up from the working directory to the bench module's
// go.mod, so the runner works from bench/ or any directory below it.
func findBenchDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(data, []byte("module github.com/authgen/authgen/bench\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the benchmarks from the bench directory: cd bench && go run .")
		}
		dir = parent
	}
}
