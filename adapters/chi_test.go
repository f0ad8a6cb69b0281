package adapters_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/go-chi/chi/v5"
)

// chi takes net/http middleware as it is: no adapter.
func TestChi(t *testing.T) {
	f := newFixture(t)
	api := f.client

	r := chi.NewRouter()
	r.Use(api.Middleware, api.Protect) // the session of every request; the manifest's route table
	r.Get("/dashboard", func(w http.ResponseWriter, r *http.Request) {
		text, err := dashboardText(f, r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.Write([]byte(text))
	})
	r.Get("/api/messages", func(w http.ResponseWriter, r *http.Request) {
		msgs, err := api.MessagesList(r.Context(), convexapiArgs())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		json.NewEncoder(w).Encode(msgs)
	})
	r.Post("/sign-out", func(w http.ResponseWriter, r *http.Request) {
		cookies, err := api.Auth().SignOut(r)
		cookies.Write(w)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
	})
	exercise(t, f, serveHTTP(r))
}
