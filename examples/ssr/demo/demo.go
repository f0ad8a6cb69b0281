// Package demo gives the example a Convex deployment to talk to when none
// is configured: the fake one from package authtest, with the two functions
// the app calls. The example's own tests use it too.
package demo

import (
	"context"

	"github.com/authgen/authgen/authtest"

	"github.com/authgen/authgen/examples/ssr/convexapi"
)

// welcome is what messages:list returns on the fake deployment.
var welcome = []convexapi.Message{
	{ID: "demo-message-1", CreationTime: 1.7e12, Author: "authgen", Body: "Welcome! This page was rendered on the server."},
	{ID: "demo-message-2", CreationTime: 1.7e12 + 1, Author: "authgen", Body: "This list came from the typed messages:list query."},
}

// Seed registers the functions the app calls on the fake deployment d:
// auth:getCurrentUser, which answers the signed-in user from the token's
// claims (null when anonymous), and messages:list, which needs a signed-in
// caller and returns a few fixed messages.
func Seed(d *authtest.Deployment) {
	authtest.Query(d, "auth:getCurrentUser", func(_ context.Context, id *authtest.Identity, _ struct{}) (*convexapi.User, error) {
		if id == nil {
			return nil, nil
		}
		return &convexapi.User{ID: convexapi.UsersID(id.Subject), Name: id.Name(), Email: id.Email()}, nil
	})
	authtest.Query(d, "messages:list", func(_ context.Context, id *authtest.Identity, args convexapi.MessagesListArgs) ([]convexapi.Message, error) {
		if id == nil {
			return nil, authtest.ConvexError("Unauthenticated")
		}
		msgs := welcome
		if args.Limit != nil && int(*args.Limit) < len(msgs) {
			msgs = msgs[:max(0, int(*args.Limit))]
		}
		return msgs, nil
	})
}
