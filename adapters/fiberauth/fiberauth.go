// Package fiberauth runs authgen's net/http middleware in a fiber (v2) app.
// fiber is built on fasthttp, not net/http, so requests are converted for
// the middleware, and what it answers (a redirect to sign in, 401, 403,
// 503, or a refreshed convex_jwt cookie) is copied back to fiber.
//
//	app := fiber.New()
//	app.Use(fiberauth.Wrap(client.Middleware))
//	app.Get("/dashboard", fiberauth.Wrap(client.RequireAuth), func(c *fiber.Ctx) error {
//		user, err := client.CurrentUser(c.UserContext())
//		...
//	})
//
// Handlers read the session from c.UserContext().
package fiberauth

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/authgen/authgen/betterauth"
)

// Wrap turns a net/http middleware (the generated client's Middleware,
// Protect or RequireAuth, or betterauth.Auth's) into a fiber handler. When
// the middleware passes the request on, its context (with the session)
// becomes c.UserContext() and the headers it set (a refreshed convex_jwt
// cookie) are kept; when it answers itself, that answer is sent and the
// chain stops.
func Wrap(mw func(http.Handler) http.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		r, err := Request(c)
		if err != nil {
			return err
		}
		rec := &recorder{header: http.Header{}}
		var passed *http.Request
		mw(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { passed = r })).ServeHTTP(rec, r)
		for name, values := range rec.header {
			for _, v := range values {
				c.Response().Header.Add(name, v)
			}
		}
		if passed == nil {
			c.Status(rec.statusOr200())
			return c.Send(rec.body.Bytes())
		}
		c.SetUserContext(passed.Context())
		return c.Next()
	}
}

// Request converts c's request to net/http for calls that take one, such
// as betterauth's SignInEmail and SignOut: same method, URL, headers
// (cookies, Origin), body and client address, with c.UserContext() as its
// context.
func Request(c *fiber.Ctx) (*http.Request, error) {
	r, err := adaptor.ConvertRequest(c, true)
	if err != nil {
		return nil, fmt.Errorf("fiberauth: converting the request: %w", err)
	}
	return r.WithContext(c.UserContext()), nil
}

// WriteCookies adds Better Auth's Set-Cookie headers to c's response.
func WriteCookies(c *fiber.Ctx, cookies betterauth.SetCookies) {
	for _, v := range cookies {
		c.Response().Header.Add("Set-Cookie", v)
	}
}

// recorder keeps what the middleware answers.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(p)
}

func (r *recorder) statusOr200() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}
