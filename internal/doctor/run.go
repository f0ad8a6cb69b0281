package doctor

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// Exit statuses of Run.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// options are the parsed command line.
type options struct {
	manifest         string
	manifestExplicit bool
	envFile          string
	cookie           string
	token            string
	json             bool
	timeout          time.Duration
}

// deps are the outside world: swapped in tests for a fixed clock and an
// empty process environment.
type deps struct {
	now       func() time.Time
	lookupEnv func(string) (string, bool)
	transport http.RoundTripper
}

// Run is `authgen doctor`: it parses args (without the verb), runs every
// check, prints the report and returns the exit status (0 ok, 1 failed, 2 usage).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return run(ctx, args, stdout, stderr, deps{now: time.Now, lookupEnv: os.LookupEnv})
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, d deps) int {
	opts, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "authgen doctor: %v\n%s\n", err, shortUsage)
		return exitUsage
	}
	cfg, err := loadSettings(opts.manifest, opts.manifestExplicit)
	if err != nil {
		fmt.Fprintf(stderr, "authgen doctor: %v\n", err)
		return exitUsage
	}
	env, err := loadEnv(opts.envFile, d.lookupEnv)
	if err != nil {
		fmt.Fprintf(stderr, "authgen doctor: %v\n", err)
		return exitUsage
	}
	doc := newDoctor(cfg, env, opts, d)
	report := doc.run(ctx)
	if env.fallback {
		report.Notes = append(report.Notes, fmt.Sprintf("read %s (where `npx convex dev` writes CONVEX_URL); the process environment wins over it; --env-file names another file", env.file))
	}
	if opts.json {
		err = report.writeJSON(stdout)
	} else {
		err = report.writeHuman(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "authgen doctor: writing report: %v\n", err)
		return exitFailed
	}
	if report.failed() {
		return exitFailed
	}
	return exitOK
}

// synopsis and help are what `authgen doctor -h` prints, in the shape of
// the other verbs' help: the synopsis, a blank line, the description, then
// the flags.
const (
	synopsis = "doctor [-f authgen.yaml] [--env-file .env.local] [--cookie '<Cookie header>'] [--token <jwt>] [--json] [--timeout 10s]"
	help     = "Runs every check between this server and the deployment (configuration, discovery,\n" +
		"JWKS, token minting, the Convex query) and explains, check by check, why the server would\n" +
		"think nobody is signed in. Exits 1 when a check fails."
	shortUsage = "usage: authgen " + synopsis + "\nRun 'authgen doctor -h' for details."
)

func parseFlags(args []string, stdout io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("authgen doctor", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints errors itself, followed by the short usage
	fs.Usage = func() {}     // -h is handled below, errors by run
	fs.StringVar(&o.manifest, "f", "authgen.yaml", "the manifest `file`")
	fs.StringVar(&o.envFile, "env-file", "", "read environment variables from this dotenv `file`; it wins over the process environment (default: .env.local when present, under the process environment)")
	fs.StringVar(&o.cookie, "cookie", "", "the Cookie `header` a browser sends to your app (DevTools → Network → a request → Cookie)")
	fs.StringVar(&o.token, "token", "", "a Convex `jwt` to inspect (e.g. the value of the convex_jwt cookie)")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "timeout for each network request")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: authgen %s\n\n%s\n\n", synopsis, help)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
		}
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.timeout <= 0 {
		return o, fmt.Errorf("--timeout must be positive, got %v", o.timeout)
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "f" {
			o.manifestExplicit = true
		}
	})
	o.cookie = strings.TrimSpace(o.cookie)
	if name, rest, ok := strings.Cut(o.cookie, ":"); ok && strings.EqualFold(strings.TrimSpace(name), "cookie") {
		o.cookie = strings.TrimSpace(rest)
	}
	o.token = strings.TrimSpace(o.token)
	if len(o.token) > 7 && strings.EqualFold(o.token[:7], "bearer ") {
		o.token = strings.TrimSpace(o.token[7:])
	}
	return o, nil
}

// defaultEnvFile is read when --env-file is not given: `npx convex dev`
// writes CONVEX_URL there, so a new project has it nowhere else.
const defaultEnvFile = ".env.local"

// environment holds variable values and where each came from, so findings
// can say "from .env" or "from the environment".
type environment struct {
	file   string
	values map[string]string
	// fallback is set when file is the default .env.local: the process
	// environment, which the server itself reads, wins over it. A file
	// named with --env-file wins over the process environment.
	fallback  bool
	lookupEnv func(string) (string, bool)
}

func loadEnv(file string, lookup func(string) (string, bool)) (environment, error) {
	e := environment{file: file, lookupEnv: lookup}
	if file == "" {
		if _, err := os.Stat(defaultEnvFile); err != nil {
			return e, nil
		}
		e.file, e.fallback = defaultEnvFile, true
	}
	f, err := os.Open(e.file)
	if err != nil {
		return e, fmt.Errorf("reading env file: %w", err)
	}
	defer f.Close()
	e.values, err = parseDotenv(f)
	if err != nil {
		return e, fmt.Errorf("%s: %w", e.file, err)
	}
	return e, nil
}

// get returns the value of name and a phrase naming its source: the env
// file first, unless it is the default .env.local (then the environment).
func (e environment) get(name string) (value, source string, ok bool) {
	if v, ok := e.values[name]; ok && !e.fallback {
		return v, "from " + e.file, true
	}
	if e.lookupEnv != nil {
		if v, ok := e.lookupEnv(name); ok {
			return v, "from the environment", true
		}
	}
	if v, ok := e.values[name]; ok {
		return v, "from " + e.file, true
	}
	return "", "", false
}
