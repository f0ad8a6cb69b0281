package web

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/authgen/authgen/convex/live"

	"github.com/authgen/authgen/examples/ssr/convexapi"
)

// dashboardLive streams the signed-in user's messages to the dashboard as
// Server-Sent Events (experimental): messages:list is watched over Convex's
// sync socket with the request's session, and each new result is sent as
// an "update" event carrying the list's HTML, which the dashboard's script
// puts in place. The stream ends when the browser leaves or the session
// ends.
func (s *server) dashboardLive(w http.ResponseWriter, r *http.Request) {
	// The server's WriteTimeout would cut the stream; it lives as long as
	// the browser stays.
	if err := http.NewResponseController(w).SetWriteDeadline(time.Time{}); err != nil {
		s.log.WarnContext(r.Context(), "live stream: cannot lift the write deadline", "err", err)
	}
	msgs := s.api.WatchMessagesList(r.Context(), convexapi.MessagesListArgs{})
	if err := live.StreamSSE(w, r, msgs, s.pages.messageList); err != nil {
		s.log.WarnContext(r.Context(), "live stream ended", "function", "messages:list", "err", err)
	}
}

// messageList renders the dashboard's message list alone.
func (p *pages) messageList(msgs []convexapi.Message) ([]byte, error) {
	var buf bytes.Buffer
	if err := p.byName["dashboard"].ExecuteTemplate(&buf, "messages", msgs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sendMessage posts the form's message through messages:send and goes back
// to the dashboard; every open dashboard then shows it through its live
// stream.
func (s *server) sendMessage(w http.ResponseWriter, r *http.Request) {
	body := strings.TrimSpace(r.PostFormValue("body"))
	if body == "" {
		s.pages.render(w, r, http.StatusBadRequest, "error", "A message needs some text.")
		return
	}
	if _, err := s.api.MessagesSend(r.Context(), convexapi.MessagesSendArgs{Body: body}); err != nil {
		s.convexFailed(w, r, "messages:send", err)
		return
	}
	http.Redirect(w, r, fallbackRedirect, http.StatusSeeOther)
}
