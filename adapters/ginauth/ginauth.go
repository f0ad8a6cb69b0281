// Package ginauth runs authgen's net/http middleware in a gin engine.
//
//	r := gin.New()
//	r.Use(ginauth.Wrap(client.Middleware)) // resolve the session of every request
//	admin := r.Group("/dashboard", ginauth.Wrap(client.RequireAuth))
//	admin.GET("", func(c *gin.Context) {
//		user, err := client.CurrentUser(c.Request.Context())
//		...
//	})
//
// Handlers read the session from c.Request.Context(), as net/http handlers do.
package ginauth

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Wrap turns a net/http middleware (the generated client's Middleware,
// Protect or RequireAuth, or betterauth.Auth's) into gin middleware. The
// request the middleware passes on, with the session in its context,
// replaces c.Request for the handlers after it; when the middleware answers
// itself (a redirect to sign in, 401, 403, 503), the chain stops there.
func Wrap(mw func(http.Handler) http.Handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		passed := false
		mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			passed = true
			c.Request = r
			c.Next()
		})).ServeHTTP(c.Writer, c.Request)
		if !passed {
			c.Abort()
		}
	}
}
