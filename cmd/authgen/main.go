// Command authgen generates a typed Go package for a Convex deployment that
// uses Better Auth, checks that generated code is current, scaffolds new
// projects and diagnoses sign-in problems.
//
// Usage:
//
//	authgen [generate] [-f authgen.yaml] [-o dir] [-example] [-v]
//	authgen check [-f authgen.yaml] [-o dir] [-example]
//	authgen init [-dir internal/convexapi] [-example]
//	authgen doctor [flags]
//	authgen version
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // bad input, stale output, refused write
	exitUsage = 2
)

const usage = `authgen generates a typed Go package for a Convex deployment that uses Better Auth.

Usage:
  authgen [generate] [flags]   generate the package described by authgen.yaml (the default verb)
  authgen check [flags]        exit 1 with a diff when generated code is stale, missing or orphaned
  authgen init [flags]         scaffold authgen.yaml, a go:generate file and convex/authgen.ts
  authgen doctor [flags]       explain why the server thinks nobody is signed in
  authgen version              print the version

Run "authgen <verb> -h" for a verb's flags.
`

// run is the whole CLI; main and the script tests call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	verb := "generate"
	if len(args) > 0 && (len(args[0]) == 0 || args[0][0] != '-') {
		verb, args = args[0], args[1:]
	} else if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	switch verb {
	case "generate":
		return runGenerate(args, stdout, stderr)
	case "check":
		return runCheck(args, stdout, stderr)
	case "init":
		return runInit(args, stdout, stderr)
	case "doctor":
		return runDoctor(ctx, args, stdout, stderr)
	case "version":
		return runVersion(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "authgen: unknown verb %q\n\n%s", verb, usage)
	return exitUsage
}
