package adapters_test

import (
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"
)

// echo wraps net/http middleware with its own echo.WrapMiddleware: no adapter.
func TestEcho(t *testing.T) {
	f := newFixture(t)
	api := f.client

	e := echo.New()
	e.Use(echo.WrapMiddleware(api.Middleware), echo.WrapMiddleware(api.Protect))
	e.GET("/dashboard", func(c echo.Context) error {
		text, err := dashboardText(f, c.Request())
		if err != nil {
			return echo.NewHTTPError(http.StatusBadGateway, err.Error())
		}
		return c.String(http.StatusOK, text)
	})
	e.GET("/api/messages", func(c echo.Context) error {
		msgs, err := api.MessagesList(c.Request().Context(), convexapiArgs())
		if err != nil {
			return echo.NewHTTPError(http.StatusBadGateway, err.Error())
		}
		return c.JSON(http.StatusOK, msgs)
	})
	e.POST("/sign-out", func(c echo.Context) error {
		cookies, err := api.Auth().SignOut(c.Request())
		cookies.Write(c.Response())
		if err != nil {
			return echo.NewHTTPError(http.StatusBadGateway, err.Error())
		}
		return c.Redirect(http.StatusSeeOther, "/sign-in")
	})
	exercise(t, f, serveHTTP(e))
}
