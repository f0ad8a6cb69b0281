package cli

import (
	"fmt"
	"io"

	"github.com/authgen/authgen/internal/manifest"
	"github.com/authgen/authgen/internal/scaffold"
)

func runInit(args []string, stdout, stderr io.Writer) int {
	opts := scaffold.Options{Root: "."}
	fs := newFlagSet("init", "init [-dir internal/convexapi] [-example]\n\n"+
		"Scaffolds authgen.yaml, <dir>/generate.go (//go:generate go tool authgen generate) and\n"+
		"convex/authgen.ts (the getCurrentUser query). With -example it writes the example SSR\n"+
		"app instead (its own authgen.yaml, main.go and web/; -dir is ignored). It never\n"+
		"overwrites: if any target exists, nothing is written.", stderr)
	fs.StringVar(&opts.PackageDir, "dir", "internal/convexapi", "directory of the generated package")
	fs.BoolVar(&opts.Example, "example", false, "scaffold the example SSR app instead")
	if code, done := fs.parse(args, stdout); done {
		return code
	}
	files, err := scaffold.Render(opts)
	if err != nil {
		fmt.Fprintf(stderr, "authgen init: %v\n", err)
		return exitFail
	}
	if err := scaffold.Write(opts.Root, files); err != nil {
		fmt.Fprintf(stderr, "authgen init: %v\n", err)
		return exitFail
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s\n", f.Path)
	}
	if mod, err := manifest.FindModule(opts.Root); err == nil && mod.HasTool {
		fmt.Fprintln(stdout, "next: go generate ./...")
	} else {
		fmt.Fprintf(stdout, "next: go get -tool %s && go generate ./...\n", manifest.ToolPath)
	}
	return exitOK
}
