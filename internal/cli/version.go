package cli

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/authgen/authgen/internal/doctor"
)

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "version\n\nPrints the authgen module version from the build info.", stderr)
	if code, done := fs.parse(args, stdout); done {
		return code
	}
	fmt.Fprintf(stdout, "authgen %s\n", version())
	return exitOK
}

// version is the authgen module version: the main module's when built with
// `go install`/`go tool`, the dependency's when linked into another binary.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if info.Main.Path == "github.com/authgen/authgen" {
		return info.Main.Version
	}
	for _, dep := range info.Deps {
		if dep.Path == "github.com/authgen/authgen" {
			return dep.Version
		}
	}
	return info.Main.Version
}

// runDoctor hands the verb to package doctor, which owns its flags and output.
func runDoctor(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return doctor.Run(ctx, args, stdout, stderr)
}
