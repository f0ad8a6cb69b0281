// Command ssr is a small server-rendered web app in front of a Convex
// deployment that uses Better Auth, written against the typed package that
// authgen generates from authgen.yaml.
//
// With CONVEX_URL and CONVEX_SITE_URL set it talks to that deployment. With
// neither set it starts an in-process fake deployment (package authtest) so
// that `go run .` works with no setup.
package main

//go:generate go run github.com/authgen/authgen/cmd/authgen generate -f authgen.yaml

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/authgen/authgen/betterauth"

	"github.com/authgen/authgen/examples/ssr/convexapi"
	"github.com/authgen/authgen/examples/ssr/web"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, log); err != nil {
		// Plain text, not a log record: a configuration error lists one
		// problem per line, which a log attribute would quote into one.
		fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(os.Args[0]), err)
		os.Exit(1)
	}
}

func run(addr string, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	origin := "http://" + ln.Addr().String()

	api, closeBackend, err := newClient(origin, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer closeBackend()

	handler, err := web.New(api, log)
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("listening", "url", origin)

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// newClient connects to the deployment named by CONVEX_URL and
// CONVEX_SITE_URL, or starts the embedded fake one when neither is set;
// origin is this app's, which the fake trusts as a deployment's SITE_URL is.
func newClient(origin string, log *slog.Logger) (api *convexapi.Client, closeBackend func(), err error) {
	convexURL, siteURL := os.Getenv("CONVEX_URL"), os.Getenv("CONVEX_SITE_URL")
	switch {
	case convexURL != "" && siteURL != "":
		api, err := convexapi.NewFromEnv(betterauth.WithLogger(log))
		if err != nil {
			return nil, nil, fmt.Errorf("configure the Convex deployment from the environment: %w", err)
		}
		log.Info("using the Convex deployment", "convex_url", convexURL, "site_url", siteURL)
		return api, func() {}, nil
	case convexURL != "" || siteURL != "":
		return nil, nil, errors.New("set both CONVEX_URL (https://<name>.convex.cloud) and CONVEX_SITE_URL (https://<name>.convex.site), or neither to use the embedded fake deployment")
	default:
		return startDemo(origin, log)
	}
}
