// Package typedapi is authgen's output for authgen.yaml (one query,
// messages:list), committed so the typed-call benchmark compiles it like a
// user's package. TestTypedAPIIsCurrent fails when the generator's output
// has changed; regenerate with `go generate ./internal/typedapi` in bench/.
package typedapi

//go:generate go run github.com/authgen/authgen/cmd/authgen generate -f authgen.yaml
