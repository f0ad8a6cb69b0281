// Package web is the example app's HTTP layer: server-rendered pages and a
// JSON endpoint in front of a Convex deployment that uses Better Auth, all
// through the typed client authgen generated in ../convexapi.
package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/authgen/authgen/examples/ssr/convexapi"
)

// authBasePath is auth.base_path from authgen.yaml: where Better Auth's
// endpoints are mounted, both on this server and on the deployment's site.
const authBasePath = "/api/auth"

// fallbackRedirect is where a successful sign-in or sign-up lands when the
// form carries no usable redirect_to.
const fallbackRedirect = "/dashboard"

// server holds what the handlers share.
type server struct {
	api   *convexapi.Client
	log   *slog.Logger
	pages *pages
}

// New returns the app's handler: Better Auth's endpoints under /api/auth,
// the sign-up, sign-in and sign-out forms, the protected /dashboard page
// with its live message list and send form, and the protected /api/messages
// endpoint. Every app request first goes
// through the client's Middleware (which resolves the session and refreshes
// the Convex JWT cookie) and then through Protect (the route table in
// authgen.yaml); Better Auth's own endpoints skip both.
func New(api *convexapi.Client, log *slog.Logger) (http.Handler, error) {
	if api == nil {
		return nil, fmt.Errorf("web: a convexapi.Client is required")
	}
	if log == nil {
		log = slog.Default()
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &server{api: api, log: log, pages: p}

	app := http.NewServeMux()
	app.HandleFunc("GET /{$}", s.home)
	app.HandleFunc("GET /sign-up", s.signUpForm)
	app.HandleFunc("POST /sign-up", s.signUp)
	app.HandleFunc("GET /sign-in", s.signInForm)
	app.HandleFunc("POST /sign-in", s.signIn)
	app.HandleFunc("POST /sign-out", s.signOut)
	app.HandleFunc("GET /dashboard", s.dashboard)
	app.HandleFunc("GET /dashboard/live", s.dashboardLive)
	app.HandleFunc("POST /dashboard/messages", s.sendMessage)
	app.HandleFunc("GET /api/messages", s.apiMessages)

	root := http.NewServeMux()
	root.Handle(authBasePath+"/", api.AuthHandler())
	root.Handle("/", api.Middleware(api.Protect(app)))
	return s.logRequests(root), nil
}

// home sends visitors to the dashboard, which itself sends anonymous ones to
// the sign-in page.
func (s *server) home(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, fallbackRedirect, http.StatusSeeOther)
}

// logRequests logs one line per request. It logs the path only: never the
// query, headers or cookies, which can carry tokens.
func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)))
	})
}

// statusWriter remembers the status code a handler wrote, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
