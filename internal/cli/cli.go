// Package cli is the authgen command line: verb dispatch, flags and output.
// Command authgen's main and the script tests in tests/cli call Run.
package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/authgen/authgen/internal/manifest"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // bad input, stale output, refused write
	exitUsage = 2
)

const usage = `authgen generates a typed Go package for a Convex deployment that uses Better Auth.

Usage:
  authgen generate [flags]     generate the package described by authgen.yaml
  authgen check [flags]        exit 1 with a diff when generated code is stale, missing or orphaned
  authgen init [flags]         scaffold authgen.yaml, a go:generate file and convex/authgen.ts
  authgen spec [flags]         print the function spec of ./convex, offline (as npx convex function-spec)
  authgen doctor [flags]       explain why the server thinks nobody is signed in
  authgen version              print the version (also: authgen --version)

Run "authgen <verb> -h" for a verb's flags.
`

// verbs are the verbs Run dispatches, for suggestions.
var verbs = []string{"generate", "check", "init", "spec", "doctor", "version", "help"}

// Run runs the CLI with args (without the program name) and returns the
// exit status: 0 success, 1 failure (bad input, stale output, refused
// write), 2 usage error.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// Generating without being asked would write files the user did not
		// name; a bare authgen is a request for help.
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	verb, args := args[0], args[1:]
	switch verb {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "-version", "--version":
		return runVersion(args, stdout, stderr)
	}
	if strings.HasPrefix(verb, "-") {
		fmt.Fprintf(stderr, "authgen: a verb comes first, before %s; for example: authgen generate %s\nRun 'authgen -h' for usage.\n",
			verb, strings.Join(append([]string{verb}, args...), " "))
		return exitUsage
	}
	switch verb {
	case "generate":
		return runGenerate(args, stdout, stderr)
	case "check":
		return runCheck(args, stdout, stderr)
	case "init":
		return runInit(args, stdout, stderr)
	case "spec":
		return runSpec(ctx, args, stdout, stderr)
	case "doctor":
		return runDoctor(ctx, args, stdout, stderr)
	case "version":
		return runVersion(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "authgen: unknown verb %q", verb)
	if strings.HasSuffix(verb, ".yaml") || strings.HasSuffix(verb, ".yml") {
		fmt.Fprintf(stderr, "; to generate from that manifest run: authgen generate -f %s", verb)
	} else if near := manifest.Closest(verb, verbs); near != "" {
		fmt.Fprintf(stderr, "; did you mean %q?", near)
	}
	fmt.Fprintf(stderr, "\nverbs: %s. Run 'authgen -h' for usage.\n", strings.Join(verbs, ", "))
	return exitUsage
}
