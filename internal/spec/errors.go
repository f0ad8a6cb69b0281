package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Kind classifies extraction failures, for tests and callers that react
// to one kind.
type Kind string

// The kinds of Error.
const (
	KindNoDir         Kind = "no-dir"         // the functions directory does not exist
	KindNoNode        Kind = "no-node"        // node is not on PATH
	KindNodeVersion   Kind = "node-version"   // node is older than MinNodeMajor
	KindNodeFailed    Kind = "node-failed"    // node exited without a result
	KindConvexMissing Kind = "convex-missing" // the convex package is not installed
	KindEsbuild       Kind = "esbuild-missing"
	KindBuild         Kind = "build"     // esbuild rejected the source (syntax, unresolved import)
	KindImport        Kind = "import"    // a module threw while loaded
	KindValidator     Kind = "validator" // a validator the backend would reject
	KindLayout        Kind = "layout"    // files deploy would refuse ("use node" in http.ts, _deps/)
	KindHTTP          Kind = "http"      // http.js without a Router default export
	KindEnvFile       Kind = "env-file"  // the --env-file cannot be read
	KindInternal      Kind = "internal"
)

// Error is a failed extraction, worded for the user: what went wrong, where,
// and what to do.
type Error struct {
	Kind   Kind
	Dir    string // the functions directory
	Node   string // the node executable
	Module string // the module (relative to Dir) for import, http and layout errors
	Msg    string // the underlying message
	// Build holds esbuild's messages for KindBuild.
	Build []BuildMessage
	// UseNode reports that a build error comes from Node APIs in a file
	// without "use node".
	UseNode bool
	Output  string // the end of node's output, for KindNodeFailed
	Cause   error
}

// BuildMessage is one esbuild error with its position (line and column
// 1-based).
type BuildMessage struct {
	File     string
	Line     int
	Column   int
	LineText string
	Text     string
}

func (e *Error) Error() string {
	var b strings.Builder
	switch e.Kind {
	case KindNoDir:
		fmt.Fprintf(&b, "%s is not a directory; point --convex-dir (or functions.source) at the app's Convex functions directory", e.Dir)
	case KindNoNode:
		fmt.Fprintf(&b, "extracting the function spec needs Node.js %d or newer, and %q is not on PATH; install Node.js (https://nodejs.org) or use functions.spec with the output of `npx convex function-spec`", MinNodeMajor, e.Node)
	case KindNodeVersion:
		fmt.Fprintf(&b, "%s; extracting the function spec needs Node.js %d or newer", e.Msg, MinNodeMajor)
	case KindNodeFailed:
		fmt.Fprintf(&b, "%s exited without a function spec", e.Node)
		if e.Cause != nil {
			fmt.Fprintf(&b, " (%v)", e.Cause)
		}
		fmt.Fprintf(&b, "; extraction needs Node.js %d or newer", MinNodeMajor)
		if e.Output != "" {
			fmt.Fprintf(&b, "\nits output ended with:\n%s", indent(e.Output))
		}
	case KindConvexMissing:
		fmt.Fprintf(&b, "the convex package is not installed for %s; run `npm install` in the app (authgen uses the app's own convex and its esbuild)", e.Dir)
	case KindEsbuild:
		fmt.Fprintf(&b, "%s; run `npm install` in the app (without --omit=optional, which drops esbuild's platform package)", e.Msg)
	case KindBuild:
		b.WriteString("bundling the Convex functions failed:")
		for _, m := range e.Build {
			b.WriteString("\n  ")
			if m.File != "" {
				fmt.Fprintf(&b, "%s:%d:%d: ", relTo(e.Dir, m.File), m.Line, m.Column)
			}
			b.WriteString(m.Text)
			if strings.TrimSpace(m.LineText) != "" {
				fmt.Fprintf(&b, "\n      %s", strings.TrimSpace(m.LineText))
			}
		}
		if e.UseNode {
			b.WriteString("\nNode.js APIs are only available in files that start with \"use node\"; move the actions using them into such a file")
		} else if anyUnresolved(e.Build) {
			b.WriteString("\nan import could not be resolved: run `npm install` in the app")
		}
	case KindImport:
		fmt.Fprintf(&b, "loading %s failed: %s\n", relTo(e.Dir, filepath.Join(e.Dir, e.Module)), e.Msg)
		b.WriteString("code at module level runs when the spec is extracted, as it does when Convex analyzes a deploy; " +
			"if it needs deployment environment variables, put them in a file and pass --env-file (or set them in the environment)")
	case KindHTTP, KindLayout:
		if e.Module != "" {
			fmt.Fprintf(&b, "%s: ", relTo(e.Dir, filepath.Join(e.Dir, e.Module)))
		}
		b.WriteString(e.Msg)
	case KindValidator:
		b.WriteString(e.Msg)
	case KindEnvFile:
		fmt.Fprintf(&b, "--env-file: %s", e.Msg)
	default:
		fmt.Fprintf(&b, "extracting the function spec: %s", e.Msg)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Cause }

func anyUnresolved(ms []BuildMessage) bool {
	for _, m := range ms {
		if strings.HasPrefix(m.Text, "Could not resolve") {
			return true
		}
	}
	return false
}

// relTo names file for a message: relative to the working directory when
// it is below it (what the user typed), else relative to the functions
// directory's parent (convex/x.ts), else absolute.
func relTo(dir, file string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	if rel, err := filepath.Rel(filepath.Dir(dir), file); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return file
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// scriptErr is the {error} object extract.mjs writes.
type scriptErr struct {
	Kind       string `json:"kind"`
	Message    string `json:"message"`
	Module     string `json:"module"`
	Identifier string `json:"identifier"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	UseNode    bool   `json:"useNode"`
	Errors     []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		LineText string `json:"lineText"`
		Text     string `json:"text"`
	} `json:"errors"`
}

func (s *scriptErr) toError(dir, node string) *Error {
	e := &Error{Kind: Kind(s.Kind), Dir: dir, Node: node, Module: s.Module, Msg: s.Message, UseNode: s.UseNode}
	switch e.Kind {
	case KindBuild:
		for _, m := range s.Errors {
			e.Build = append(e.Build, BuildMessage{File: m.File, Line: m.Line, Column: m.Column, LineText: m.LineText, Text: m.Text})
		}
	case KindEnvFile:
		if s.Line > 0 {
			e.Msg = fmt.Sprintf("%s:%d: %s", s.File, s.Line, s.Message)
		} else {
			e.Msg = fmt.Sprintf("%s: %s", s.File, s.Message)
		}
	case KindNodeVersion, KindConvexMissing, KindEsbuild, KindImport, KindValidator, KindLayout, KindHTTP:
	default:
		e.Kind = KindInternal
	}
	return e
}
