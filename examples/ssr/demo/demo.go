// Package demo gives the example a Convex deployment to talk to when none
// is configured: the fake one from package authtest, with the functions
// the app calls. The example's own tests use it too.
package demo

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/authgen/authgen/authtest"

	"github.com/authgen/authgen/examples/ssr/convexapi"
)

// welcome is what messages:list returns on the fake deployment.
var welcome = []convexapi.Message{
	{ID: "demo-message-1", CreationTime: 1.7e12, Author: "authgen", Body: "Welcome! This page was rendered on the server."},
	{ID: "demo-message-2", CreationTime: 1.7e12 + 1, Author: "authgen", Body: "This list came from the typed messages:list query."},
}

// maxBodyLen bounds a message's body, in bytes.
const maxBodyLen = 500

// Seed registers the functions the app calls on the fake deployment d:
// auth:getCurrentUser, which answers the signed-in user from the token's
// claims (null when anonymous); messages:list, which needs a signed-in
// caller and returns the welcome messages and those sent since; and
// messages:send, which appends one as the signed-in user. The fake
// deployment re-runs subscribed queries after every mutation, so a sent
// message reaches every live list.
func Seed(d *authtest.Deployment) {
	var (
		mu   sync.Mutex
		sent []convexapi.Message
	)
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
		mu.Lock()
		msgs := append(append([]convexapi.Message(nil), welcome...), sent...)
		mu.Unlock()
		if args.Limit != nil && int(*args.Limit) < len(msgs) {
			msgs = msgs[:max(0, int(*args.Limit))]
		}
		return msgs, nil
	})
	authtest.Mutation(d, "messages:send", func(_ context.Context, id *authtest.Identity, args convexapi.MessagesSendArgs) (convexapi.MessagesID, error) {
		if id == nil {
			return "", authtest.ConvexError("Unauthenticated")
		}
		body := strings.TrimSpace(args.Body)
		if body == "" || len(body) > maxBodyLen {
			return "", authtest.ConvexError(fmt.Sprintf("a message needs 1 to %d bytes of text", maxBodyLen))
		}
		mu.Lock()
		defer mu.Unlock()
		msg := convexapi.Message{
			ID:           convexapi.MessagesID(fmt.Sprintf("demo-message-%d", len(welcome)+len(sent)+1)),
			CreationTime: welcome[len(welcome)-1].CreationTime + float64(len(sent)+1),
			Author:       id.Name(),
			Body:         body,
		}
		sent = append(sent, msg)
		return msg.ID, nil
	})
}
