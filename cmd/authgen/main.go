// Command authgen generates a typed Go package for a Convex deployment that
// uses Better Auth, checks that generated code is current, scaffolds new
// projects and diagnoses sign-in problems.
//
// Usage:
//
//	authgen generate [-f authgen.yaml] [-o dir] [-example] [-v]
//	authgen check [-f authgen.yaml] [-o dir] [-example]
//	authgen init [-dir internal/convexapi] [-example]
//	authgen doctor [flags]
//	authgen version (or authgen --version)
//
// Quick start, from a clone of the repository:
//
//	go run ./cmd/authgen generate -example   # writes ./authgen-example from schema.yaml.example
//	go build ./authgen-example
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/authgen/authgen/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
