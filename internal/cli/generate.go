package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/authgen/authgen"
	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/manifest"
	"github.com/authgen/authgen/internal/write"
)

// exampleDir is where `generate -example` writes unless -o says otherwise:
// a directory of its own, so the quick start never touches project files.
const exampleDir = "authgen-example"

// defaultManifest is the manifest generate and check read without -f.
const defaultManifest = "authgen.yaml"

// sourceFlags are the flags generate and check share.
type sourceFlags struct {
	file    string
	out     string
	example bool
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.file, "f", defaultManifest, "the manifest")
	fs.StringVar(&s.out, "o", "", "output directory (default: the manifest's package.dir; "+exampleDir+" with -example)")
	fs.BoolVar(&s.example, "example", false, "use the embedded example manifest (schema.yaml.example) instead of -f")
}

// args repeats the flags that chose the input and output, for messages
// that tell the user which command to run.
func (s *sourceFlags) args() string {
	var b strings.Builder
	if s.example {
		b.WriteString(" -example")
	} else if s.file != defaultManifest {
		b.WriteString(" -f " + s.file)
	}
	if s.out != "" {
		b.WriteString(" -o " + s.out)
	}
	return b.String()
}

func (s *sourceFlags) options() generator.Options {
	if s.example {
		out := s.out
		if out == "" {
			out = exampleDir
		}
		return generator.Options{ManifestPath: "schema.yaml.example", Data: authgen.ExampleManifest, OutDir: out}
	}
	return generator.Options{ManifestPath: s.file, OutDir: s.out}
}

// plan generates in memory and compares with the output directory,
// printing errors, and warnings when warn is set. A nil plan means the run
// failed.
func (s *sourceFlags) plan(stderr io.Writer, warn, verbose bool) (*write.Plan, *generator.Result) {
	res, err := generator.Generate(s.options())
	if res != nil {
		if warn {
			for _, w := range res.Warnings {
				fmt.Fprintln(stderr, w.Warning())
			}
		}
		if verbose {
			for _, skipped := range res.Skipped {
				fmt.Fprintf(stderr, "skipped %s\n", skipped)
			}
		}
	}
	if err != nil {
		printError(stderr, err)
		return nil, nil
	}
	if _, err := manifest.FindModule(res.Dir); err != nil {
		// The generated package imports authgen's runtime: outside a module
		// it cannot build, so write nothing rather than a package that fails later.
		printError(stderr, fmt.Errorf("cannot generate into %s: %w; nothing was written", res.Dir, err))
		return nil, nil
	}
	p, err := write.NewPlan(res.Dir, res.Files)
	if err != nil {
		printError(stderr, err)
		return nil, nil
	}
	return p, res
}

func printError(stderr io.Writer, err error) {
	var list manifest.ErrorList
	var refused *write.HandWrittenError
	if errors.As(err, &list) || errors.As(err, &refused) {
		fmt.Fprintln(stderr, err)
		return
	}
	fmt.Fprintf(stderr, "authgen: %v\n", err)
}

func runGenerate(args []string, stdout, stderr io.Writer) int {
	var src sourceFlags
	var verbose bool
	fs := newFlagSet("generate", "generate [-f authgen.yaml] [-o dir] [-example] [-v]\n\n"+
		"Generates the package the manifest describes. Files are written atomically and only when\n"+
		"their bytes change; a file without the \"Code generated ... DO NOT EDIT.\" header is never\n"+
		"overwritten; generated files that no longer belong are removed. Nothing is written when the\n"+
		"manifest has errors.\n\n"+
		"Quick start: `authgen generate -example` writes the example package to ./"+exampleDir+"\n"+
		"and prints what it wrote; `go build ./"+exampleDir+"` compiles it.", stderr)
	src.register(fs.FlagSet)
	fs.BoolVar(&verbose, "v", false, "list what was written and the function-spec entries skipped")
	if code, done := fs.parse(args, stdout); done {
		return code
	}
	p, _ := src.plan(stderr, true, verbose)
	if p == nil {
		return exitFail
	}
	touched, err := p.Apply()
	if src.example && err == nil {
		// The quick start is a first run: say what happened and what to do next.
		for _, path := range touched {
			fmt.Fprintf(stdout, "wrote %s\n", path)
		}
		if len(touched) == 0 {
			fmt.Fprintf(stdout, "%s is up to date\n", p.Dir)
		}
		fmt.Fprintf(stdout, "next: go build ./%s\n", filepath.ToSlash(p.Dir))
	} else if verbose {
		removed := map[string]bool{}
		for _, c := range p.Changes {
			removed[filepath.Join(p.Dir, c.Name)] = c.Action == write.Remove
		}
		for _, path := range touched {
			if removed[path] {
				fmt.Fprintf(stderr, "removed %s (no longer generated)\n", path)
			} else {
				fmt.Fprintf(stderr, "wrote %s\n", path)
			}
		}
	}
	if err != nil {
		printError(stderr, err)
		return exitFail
	}
	return exitOK
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var src sourceFlags
	var verbose bool
	fs := newFlagSet("check", "check [-f authgen.yaml] [-o dir] [-example] [-v]\n\n"+
		"Exits 0 silently when the generated code is current. Otherwise exits 1 and prints which\n"+
		"files are stale, missing or orphaned, with a unified diff of each, on stdout. Warnings\n"+
		"belong to generate, which printed them when it wrote the code; -v prints them here too.", stderr)
	src.register(fs.FlagSet)
	fs.BoolVar(&verbose, "v", false, "print the manifest's warnings and the function-spec entries skipped")
	if code, done := fs.parse(args, stdout); done {
		return code
	}
	p, _ := src.plan(stderr, verbose, verbose)
	if p == nil {
		return exitFail
	}
	if !p.Stale() {
		return exitOK
	}
	stdout.Write(p.Report())
	fmt.Fprintf(stderr, "authgen: generated code in %s is out of date; run %s\n", p.Dir, regenerateCommand(&src, p.Dir))
	return exitFail
}

// regenerateCommand is the command that brings dir up to date, in the form
// the user runs it: `go generate` on the package whose //go:generate line
// runs authgen on this manifest, else authgen generate with check's flags.
func regenerateCommand(src *sourceFlags, dir string) string {
	if !src.example {
		for _, d := range []string{dir, filepath.Dir(src.file)} {
			if at, line := findGenerateDirective(d); at != "" {
				return fmt.Sprintf("`go generate %s` (%s: %s)", goPackageArg(d), at, line)
			}
		}
	}
	return "`authgen generate" + src.args() + "`"
}

// findGenerateDirective returns where in dir's Go files a //go:generate line
// runs authgen generate, and the line, or "" when none does.
func findGenerateDirective(dir string) (at, line string) {
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for i, l := range strings.Split(string(data), "\n") {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "//go:generate ") && strings.Contains(l, "authgen") && strings.Contains(l, " generate") {
				return fmt.Sprintf("%s:%d", filepath.ToSlash(name), i+1), l
			}
		}
	}
	return "", ""
}

// goPackageArg writes dir as a go command package argument: relative
// directories need a leading ./ to be read as directories.
func goPackageArg(dir string) string {
	dir = filepath.ToSlash(filepath.Clean(dir))
	if dir == "." || filepath.IsAbs(dir) || strings.HasPrefix(dir, "../") {
		return dir
	}
	return "./" + dir
}
