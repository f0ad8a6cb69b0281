package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// verbFlags is the flag set of one verb with its help text.
type verbFlags struct {
	*flag.FlagSet
	name string
	// help is the synopsis line, a blank line and the description.
	help string
}

// newFlagSet returns the flag set of verb name. Its errors go to stderr
// followed by the synopsis; -h prints the whole help to stdout.
func newFlagSet(name, help string, stderr io.Writer) *verbFlags {
	v := &verbFlags{FlagSet: flag.NewFlagSet("authgen "+name, flag.ContinueOnError), name: name, help: help}
	v.SetOutput(stderr)
	v.Usage = func() {} // parse prints the usage itself: short on errors, full for -h
	return v
}

// shortUsage is what a usage error prints: the synopsis and where to read more.
func (v *verbFlags) shortUsage() {
	synopsis, _, _ := strings.Cut(v.help, "\n\n")
	fmt.Fprintf(v.Output(), "usage: authgen %s\nRun 'authgen %s -h' for details.\n", synopsis, v.name)
}

// parse parses args and reports (status, done): -h prints the full help
// and exits 0, a bad flag or a stray argument exits 2.
func (v *verbFlags) parse(args []string, stdout io.Writer) (int, bool) {
	if err := v.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			v.SetOutput(stdout)
			fmt.Fprintf(stdout, "Usage: authgen %s\n\n", v.help)
			v.PrintDefaults()
			return exitOK, true
		}
		v.shortUsage()
		return exitUsage, true
	}
	if v.NArg() > 0 {
		arg := v.Arg(0)
		fmt.Fprintf(v.Output(), "%s: unexpected argument %q", v.Name(), arg)
		if v.Lookup("f") != nil && (strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml")) {
			fmt.Fprintf(v.Output(), "; name the manifest with -f %s", arg)
		}
		fmt.Fprintln(v.Output())
		v.shortUsage()
		return exitUsage, true
	}
	return 0, false
}
