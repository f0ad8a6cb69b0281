package web

import (
	"errors"
	"net/http"

	"github.com/authgen/authgen/betterauth"
)

// maxFormBytes bounds the sign-up and sign-in form bodies.
const maxFormBytes = 16 << 10

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
	res, err := s.api.Auth().SignUpEmail(r, betterauth.SignUpEmail{Name: form.Name, Email: form.Email, Password: r.PostFormValue("password")})
	s.finishAuthForm(w, r, res, err, "sign-up", form)
}

// signIn checks the credentials through Better Auth's sign-in/email endpoint.
func (s *server) signIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	form := authFormData{
		Email:      r.PostFormValue("email"),
		RedirectTo: r.PostFormValue("redirect_to"),
	}
	res, err := s.api.Auth().SignInEmail(r, betterauth.SignInEmail{Email: form.Email, Password: r.PostFormValue("password")})
	s.finishAuthForm(w, r, res, err, "sign-in", form)
}

// finishAuthForm answers a sign-up or sign-in. On success it passes Better
// Auth's cookies (session and Convex JWT) to the browser and redirects to
// the form's redirect_to when that is a same-origin path, else to the
// dashboard. On failure it shows the form again with Better Auth's message.
func (s *server) finishAuthForm(w http.ResponseWriter, r *http.Request, res *betterauth.SignInResult, err error, page string, form authFormData) {
	var refused *betterauth.APIError
	switch {
	case errors.As(err, &refused) && !errors.Is(err, betterauth.ErrAuthUnavailable):
		s.log.InfoContext(r.Context(), "better auth refused the form", "page", page, "status", refused.Status, "code", refused.Code)
		form.Error = refused.Message
		s.pages.render(w, r, formErrorStatus(refused.Status), page, form)
	case err != nil:
		s.log.ErrorContext(r.Context(), "better auth call failed", "page", page, "err", err)
		form.Error = "The sign-in service is unavailable. Try again in a moment."
		s.pages.render(w, r, http.StatusBadGateway, page, form)
	default:
		res.Cookies.Write(w)
		http.Redirect(w, r, betterauth.SafeRedirect(form.RedirectTo, fallbackRedirect), http.StatusSeeOther)
	}
}

// signOut ends the session through Better Auth, whose answer clears the
// session and Convex JWT cookies.
func (s *server) signOut(w http.ResponseWriter, r *http.Request) {
	cookies, err := s.api.Auth().SignOut(r)
	cookies.Write(w) // even when Better Auth is down: this browser is signed out
	if err != nil {
		s.log.ErrorContext(r.Context(), "better auth call failed", "page", "sign-out", "err", err)
		http.Error(w, "You are signed out on this device, but the sign-in service could not be reached to end the session.", http.StatusBadGateway)
		return
	}
	http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
}

// formErrorStatus maps Better Auth's refusal to the status of the re-rendered form.
func formErrorStatus(status int) int {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusUnprocessableEntity, http.StatusTooManyRequests:
		return status
	default:
		return http.StatusBadRequest
	}
}
