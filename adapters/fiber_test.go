package adapters_test

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/authgen/authgen/adapters/fiberauth"
)

func TestFiber(t *testing.T) {
	f := newFixture(t)
	api := f.client

	app := fiber.New()
	app.Use(fiberauth.Wrap(api.Middleware), fiberauth.Wrap(api.Protect))
	app.Get("/dashboard", func(c *fiber.Ctx) error {
		r, err := fiberauth.Request(c)
		if err != nil {
			return err
		}
		text, err := dashboardText(f, r)
		if err != nil {
			return fiber.NewError(http.StatusBadGateway, err.Error())
		}
		return c.SendString(text)
	})
	app.Get("/api/messages", func(c *fiber.Ctx) error {
		msgs, err := api.MessagesList(c.UserContext(), convexapiArgs())
		if err != nil {
			return fiber.NewError(http.StatusBadGateway, err.Error())
		}
		return c.JSON(msgs)
	})
	app.Post("/sign-out", func(c *fiber.Ctx) error {
		r, err := fiberauth.Request(c)
		if err != nil {
			return err
		}
		cookies, err := api.Auth().SignOut(r)
		fiberauth.WriteCookies(c, cookies)
		if err != nil {
			return fiber.NewError(http.StatusBadGateway, err.Error())
		}
		return c.Redirect("/sign-in", http.StatusSeeOther)
	})
	exercise(t, f, func(r *http.Request) *http.Response {
		resp, err := app.Test(r, -1)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	})
}

// A middleware that answers itself stops fiber's chain: the handler never runs.
func TestFiberWrapStopsTheChain(t *testing.T) {
	f := newFixture(t)
	ran := false
	app := fiber.New()
	app.Get("/only-signed-in", fiberauth.Wrap(f.client.RequireAuth), func(c *fiber.Ctx) error { ran = true; return nil })
	resp, err := app.Test(httpRequest("/only-signed-in"), -1)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sign-in?redirect_to=%2Fonly-signed-in" || ran {
		t.Errorf("status %d Location %q, handler ran: %v", resp.StatusCode, resp.Header.Get("Location"), ran)
	}
}
