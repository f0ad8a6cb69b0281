package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/authgen/authgen/internal/nodeharness"
)

// maxControlBody bounds a control request's JSON body.
const maxControlBody = 1 << 16

// startControl serves the browser run's control routes until the test
// ends and returns their URL. They do what happens outside the browser:
//
//	POST /advance-clock {"seconds":n}
//	    moves the harness's clock and then c forward by n seconds (days
//	    too), so that no token the harness mints afterwards is from c's
//	    future
//	POST /revoke-session {"name":"...","value":"..."}
//	    signs the session cookie's session out at Better Auth itself, as
//	    another device or an admin would, so the app learns of it only
//	    from Better Auth; answers once the token endpoint refuses it
//	POST /sign-up-elsewhere {"name":"...","email":"...","password":"..."}
//	    signs a user up at Better Auth itself (another device, no client
//	    address) and answers {"verificationURL":"..."}, the link Better
//	    Auth e-mailed (EmailVerification)
func startControl(t *testing.T, c *clock, ba *nodeharness.BetterAuth) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /advance-clock", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Seconds int `json:"seconds"`
		}
		if err := decodeControl(r, &req); err != nil || req.Seconds <= 0 {
			http.Error(w, `want {"seconds": n > 0}`, http.StatusBadRequest)
			return
		}
		d := time.Duration(req.Seconds) * time.Second
		var harnessOffset time.Duration
		for rest := d; rest > 0; { // the harness moves at most a day per call
			step := min(rest, 24*time.Hour)
			var err error
			if harnessOffset, err = ba.AdvanceClock(step); err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			rest -= step
		}
		offset := time.Duration(c.offset.Add(int64(d)))
		if offset != harnessOffset {
			http.Error(w, fmt.Sprintf("clocks diverged: app %v ahead, Better Auth %v", offset, harnessOffset), http.StatusInternalServerError)
			return
		}
		writeControlJSON(w, map[string]int64{"offsetSeconds": int64(offset / time.Second)})
	})
	mux.HandleFunc("POST /revoke-session", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		}
		if err := decodeControl(r, &req); err != nil || req.Name == "" || req.Value == "" {
			http.Error(w, `want {"name": cookie name, "value": cookie value}`, http.StatusBadRequest)
			return
		}
		session := []*http.Cookie{{Name: req.Name, Value: req.Value}}
		if _, err := ba.SignOut(session); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		// A step that then finds the browser signed out must not owe it
		// to a sign-out that missed the session.
		if _, status, err := ba.Token(session); err != nil || status != http.StatusUnauthorized {
			http.Error(w, fmt.Sprintf("after the sign-out the token endpoint answered %d (%v), want 401", status, err), http.StatusInternalServerError)
			return
		}
		writeControlJSON(w, map[string]bool{"revoked": true})
	})
	mux.HandleFunc("POST /sign-up-elsewhere", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Name     string `json:"name"`
			Email    string `json:"email"`
			Password string `json:"password"`
		}
		if err := decodeControl(r, &req); err != nil || req.Name == "" || req.Email == "" || req.Password == "" {
			http.Error(w, `want {"name", "email", "password"}`, http.StatusBadRequest)
			return
		}
		if _, err := ba.SignUp(req.Email, req.Password, req.Name); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		link, err := ba.VerificationURL(req.Email)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		writeControlJSON(w, map[string]string{"verificationURL": link})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// decodeControl reads a control request's JSON body into v.
func decodeControl(r *http.Request, v any) error {
	if err := json.NewDecoder(io.LimitReader(r.Body, maxControlBody)).Decode(v); err != nil {
		return fmt.Errorf("decoding %s body: %w", r.URL.Path, err)
	}
	return nil
}

func writeControlJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
