package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/authgen/authgen/betterauth"
)

// maxFormBytes bounds the sign-up and sign-in form bodies.
const maxFormBytes = 16 << 10

// maxAuthResponseBytes bounds how much of Better Auth's answer is kept: the
// app only needs its status, cookies and error message.
const maxAuthResponseBytes = 64 << 10

// forwardedHeaders are the browser's request headers passed on to Better
// Auth. Origin, Referer and the Sec-Fetch-* headers let it run its CSRF
// checks against the real browser request; Cookie carries the session for
// sign-out; User-Agent and X-Forwarded-For are stored with the session.
var forwardedHeaders = []string{
	"Cookie", "Origin", "Referer", "User-Agent", "Accept-Language",
	"Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest",
	"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
}

// authFormData is what the sign-in and sign-up templates render.
type authFormData struct {
	Name       string
	Email      string
	RedirectTo string
	Error      string
}

func (s *server) signUpForm(w http.ResponseWriter, r *http.Request) {
	s.pages.render(w, r, http.StatusOK, "sign-up", authFormData{RedirectTo: r.URL.Query().Get("redirect_to")})
}

func (s *server) signInForm(w http.ResponseWriter, r *http.Request) {
	s.pages.render(w, r, http.StatusOK, "sign-in", authFormData{RedirectTo: r.URL.Query().Get("redirect_to")})
}

// signUp creates the account through Better Auth's sign-up/email endpoint,
// which also signs the new user in.
func (s *server) signUp(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	form := authFormData{
		Name:       r.PostFormValue("name"),
		Email:      r.PostFormValue("email"),
		RedirectTo: r.PostFormValue("redirect_to"),
	}
	payload := map[string]string{"name": form.Name, "email": form.Email, "password": r.PostFormValue("password")}
	s.submitAuthForm(w, r, "/sign-up/email", payload, "sign-up", form)
}

// signIn checks the credentials through Better Auth's sign-in/email endpoint.
func (s *server) signIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	form := authFormData{
		Email:      r.PostFormValue("email"),
		RedirectTo: r.PostFormValue("redirect_to"),
	}
	payload := map[string]string{"email": form.Email, "password": r.PostFormValue("password")}
	s.submitAuthForm(w, r, "/sign-in/email", payload, "sign-in", form)
}

// submitAuthForm posts payload to a Better Auth endpoint. On success it
// passes Better Auth's cookies (session and Convex JWT) to the browser and
// redirects to the form's redirect_to when that is a same-origin path, else
// to the dashboard. On failure it shows the form again with Better Auth's
// message.
func (s *server) submitAuthForm(w http.ResponseWriter, r *http.Request, endpoint string, payload any, page string, form authFormData) {
	res, err := s.callAuth(r, endpoint, payload)
	if err != nil {
		s.log.ErrorContext(r.Context(), "better auth call failed", "endpoint", endpoint, "err", err)
		form.Error = "The sign-in service is unavailable. Try again in a moment."
		s.pages.render(w, r, http.StatusBadGateway, page, form)
		return
	}
	if res.status != http.StatusOK {
		s.log.InfoContext(r.Context(), "better auth refused the form", "endpoint", endpoint, "status", res.status)
		form.Error = res.message()
		s.pages.render(w, r, formErrorStatus(res.status), page, form)
		return
	}
	copySetCookies(w, res.header)
	http.Redirect(w, r, betterauth.SafeRedirect(form.RedirectTo, fallbackRedirect), http.StatusSeeOther)
}

// signOut ends the session through Better Auth's sign-out endpoint, which
// answers with cookies that clear the session and Convex JWT cookies.
func (s *server) signOut(w http.ResponseWriter, r *http.Request) {
	res, err := s.callAuth(r, "/sign-out", struct{}{})
	if err != nil {
		s.log.ErrorContext(r.Context(), "better auth call failed", "endpoint", "/sign-out", "err", err)
		http.Error(w, "The sign-in service is unavailable. Try again in a moment.", http.StatusBadGateway)
		return
	}
	if res.status != http.StatusOK {
		// Signing out an expired session is not an error for the visitor.
		s.log.InfoContext(r.Context(), "better auth refused sign-out", "status", res.status)
	}
	copySetCookies(w, res.header)
	http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
}

// callAuth sends a JSON POST to {authBasePath}{endpoint} through the
// generated client's AuthHandler, in process, the same way a browser's
// fetch would reach it.
func (s *server) callAuth(r *http.Request, endpoint string, payload any) (*capturedResponse, error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("encode %s request: %w", endpoint, err)
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, authBasePath+endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build %s request: %w", endpoint, err)
	}
	req.Host = r.Host
	req.RemoteAddr = r.RemoteAddr
	req.TLS = r.TLS
	for _, name := range forwardedHeaders {
		if v := r.Header.Values(name); len(v) > 0 {
			req.Header[name] = v
		}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")

	res := &capturedResponse{header: http.Header{}}
	s.api.AuthHandler().ServeHTTP(res, req)
	if res.status == 0 {
		res.status = http.StatusOK
	}
	if res.status >= 500 {
		return nil, fmt.Errorf("%s answered %d: %w", endpoint, res.status, errAuthUnavailable)
	}
	return res, nil
}

// errAuthUnavailable marks a Better Auth failure that is not the visitor's fault.
var errAuthUnavailable = errors.New("better auth unavailable")

// formErrorStatus maps Better Auth's refusal to the status of the re-rendered form.
func formErrorStatus(status int) int {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusUnprocessableEntity, http.StatusTooManyRequests:
		return status
	default:
		return http.StatusBadRequest
	}
}

// copySetCookies passes every Set-Cookie of Better Auth's answer to the browser.
func copySetCookies(w http.ResponseWriter, from http.Header) {
	for _, c := range from.Values("Set-Cookie") {
		w.Header().Add("Set-Cookie", c)
	}
}

// capturedResponse records what AuthHandler answers to an internal request.
type capturedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *capturedResponse) Header() http.Header { return c.header }

func (c *capturedResponse) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

// Write keeps at most maxAuthResponseBytes and drops the rest.
func (c *capturedResponse) Write(p []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	if room := maxAuthResponseBytes - c.body.Len(); room > 0 {
		c.body.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// message returns Better Auth's error message ({"message": ..., "code": ...}),
// or a generic one when the body has none.
func (c *capturedResponse) message() string {
	var e struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(c.body.Bytes(), &e) == nil && e.Message != "" {
		return e.Message
	}
	return http.StatusText(c.status)
}
