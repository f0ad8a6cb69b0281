package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"github.com/authgen/authgen/convex"

	"github.com/authgen/authgen/examples/ssr/convexapi"
)

// templateFS holds the page templates. They use [[ ]] as delimiters, not
// html/template's default ones: `authgen init --example` renders every
// file of the example with text/template, which must leave them unchanged.
//
//go:embed templates/*.html
var templateFS embed.FS

// pages are the parsed templates, one per page, each with the shared layout.
type pages struct {
	byName map[string]*template.Template
}

func parsePages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range []string{"sign-in", "sign-up", "dashboard", "error"} {
		t, err := template.New(name).Delims("[[", "]]").ParseFS(templateFS, "templates/layout.html", "templates/messages.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse %s template: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// render executes a page into a buffer first, so that a template error
// yields a clean 500 rather than half a page.
func (p *pages) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := p.byName[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// dashboardData is what the dashboard template renders.
type dashboardData struct {
	User     *convexapi.User
	Tab      string
	Messages []convexapi.Message
}

// dashboard renders the signed-in user's name and their messages on the
// server. Protect has already sent anonymous visitors to the sign-in page.
func (s *server) dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	user, err := s.api.CurrentUser(ctx)
	if err != nil {
		s.convexFailed(w, r, "auth:getCurrentUser", err)
		return
	}
	if user == nil {
		// The session is valid but the deployment knows no such user.
		s.log.WarnContext(ctx, "signed in but auth:getCurrentUser returned null")
		s.pages.render(w, r, http.StatusInternalServerError, "error", "You are signed in, but the Convex deployment returned no user. Is auth:getCurrentUser deployed?")
		return
	}
	msgs, err := s.api.MessagesList(ctx, convexapi.MessagesListArgs{})
	if err != nil {
		s.convexFailed(w, r, "messages:list", err)
		return
	}
	s.pages.render(w, r, http.StatusOK, "dashboard", dashboardData{User: user, Tab: r.URL.Query().Get("tab"), Messages: msgs})
}

// apiMessages answers the signed-in user's messages as JSON. Protect has
// already answered 401 to anonymous requests.
func (s *server) apiMessages(w http.ResponseWriter, r *http.Request) {
	msgs, err := s.api.MessagesList(r.Context(), convexapi.MessagesListArgs{})
	if err != nil {
		s.log.ErrorContext(r.Context(), "convex call failed", "function", "messages:list", "err", err)
		status := http.StatusBadGateway
		if errors.Is(err, convex.ErrUnauthenticated) {
			status = http.StatusUnauthorized
		}
		writeJSON(w, status, map[string]string{"error": http.StatusText(status)})
		return
	}
	if msgs == nil {
		msgs = []convexapi.Message{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"messages": msgs})
}

// convexFailed logs a failed Convex call and shows an error page; a token
// the deployment rejected sends the visitor back to the sign-in page.
func (s *server) convexFailed(w http.ResponseWriter, r *http.Request, function string, err error) {
	s.log.ErrorContext(r.Context(), "convex call failed", "function", function, "err", err)
	if errors.Is(err, convex.ErrUnauthenticated) {
		http.Redirect(w, r, "/sign-in?redirect_to="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.pages.render(w, r, http.StatusBadGateway, "error", "The Convex deployment could not be reached. Try again in a moment.")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
