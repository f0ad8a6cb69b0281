package adapters_test

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/authgen/authgen/adapters/ginauth"
)

func TestGin(t *testing.T) {
	gin.SetMode(gin.TestMode)
	f := newFixture(t)
	api := f.client

	r := gin.New()
	r.Use(ginauth.Wrap(api.Middleware), ginauth.Wrap(api.Protect))
	r.GET("/dashboard", func(c *gin.Context) {
		text, err := dashboardText(f, c.Request)
		if err != nil {
			c.String(http.StatusBadGateway, err.Error())
			return
		}
		c.String(http.StatusOK, text)
	})
	r.GET("/api/messages", func(c *gin.Context) {
		msgs, err := api.MessagesList(c.Request.Context(), convexapiArgs())
		if err != nil {
			c.String(http.StatusBadGateway, err.Error())
			return
		}
		c.JSON(http.StatusOK, msgs)
	})
	r.POST("/sign-out", func(c *gin.Context) {
		cookies, err := api.Auth().SignOut(c.Request)
		cookies.Write(c.Writer)
		if err != nil {
			c.String(http.StatusBadGateway, err.Error())
			return
		}
		c.Redirect(http.StatusSeeOther, "/sign-in")
	})
	exercise(t, f, serveHTTP(r))
}

// A middleware that answers itself stops gin's chain: the handler never runs.
func TestGinWrapStopsTheChain(t *testing.T) {
	gin.SetMode(gin.TestMode)
	f := newFixture(t)
	ran := false
	r := gin.New()
	r.GET("/only-signed-in", ginauth.Wrap(f.client.RequireAuth), func(c *gin.Context) { ran = true })
	resp := serveHTTP(r)(httpRequest("/only-signed-in"))
	if resp.StatusCode != http.StatusSeeOther || ran {
		t.Errorf("status %d, handler ran: %v", resp.StatusCode, ran)
	}
}
