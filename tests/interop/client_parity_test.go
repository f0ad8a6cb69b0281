package interop

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"testing"

	"github.com/authgen/authgen/authtest"
	"github.com/authgen/authgen/convex"
	"github.com/authgen/authgen/internal/nodeharness"
)

// valueCases are results of every Convex type with their encoding, from the
// official package's vectors (reference convex-http-api.md §4).
var valueCases = []struct {
	name    string
	value   any
	encoded string
}{
	{"int64 max", int64(math.MaxInt64), `{"$integer":"/////////38="}`},
	{"int64 min", int64(math.MinInt64), `{"$integer":"AAAAAAAAAIA="}`},
	{"int64 -1", int64(-1), `{"$integer":"//////////8="}`},
	{"int64 256", int64(256), `{"$integer":"AAEAAAAAAAA="}`},
	{"bytes", []byte{0, 1, 2, 253, 254, 255}, `{"$bytes":"AAEC/f7/"}`},
	{"bytes empty", []byte{}, `{"$bytes":""}`},
	{"NaN", math.NaN(), `{"$float":"AAAAAAAA+H8="}`},
	{"+Inf", math.Inf(1), `{"$float":"AAAAAAAA8H8="}`},
	{"-Inf", math.Inf(-1), `{"$float":"AAAAAAAA8P8="}`},
	{"-0", math.Copysign(0, -1), `{"$float":"AAAAAAAAAIA="}`},
	{"0", 0.0, `0`},
	{"3.5", 3.5, `3.5`},
	{"1e21", 1e21, `1e+21`},
	{"2^53+2", float64(1<<53 + 2), `9007199254740994`},
	{"5e-324", 5e-324, `5e-324`},
	{"string", "héllo wörld ✓ 😀 \u0000 \"q\" \\ \n <a&b>", `"héllo wörld ✓ 😀 \u0000 \"q\" \\ \n <a&b>"`},
	{"null", nil, `null`},
	{"booleans", []any{true, false}, `[true,false]`},
	{"object key order", map[string]any{"b": 1.0, "a": 2.0, "_c": 3.0, "B": 4.0, "a b": 5.0, "~": 6.0, "": 7.0}, `{"":7,"B":4,"_c":3,"a":2,"a b":5,"b":1,"~":6}`},
	{"nested", map[string]any{
		"list": []any{int64(1), map[string]any{"inner": []any{math.NaN(), []byte{255}}}},
		"obj":  map[string]any{"deep": map[string]any{"deeper": []any{[]any{}, map[string]any{}}}},
	}, `{"list":[{"$integer":"AQAAAAAAAAA="},{"inner":[{"$float":"AAAAAAAA+H8="},{"$bytes":"/w=="}]}],"obj":{"deep":{"deeper":[[],{}]}}}`},
}

// officialClient is tests/node/interop-convex-client.mjs: the unmodified
// ConvexHttpClient behind a small HTTP front.
type officialClient struct {
	url        string
	deployment string
	client     *http.Client
}

// officialResult is what the official client returned or threw.
type officialResult struct {
	OK      bool            `json:"ok"`
	Value   json.RawMessage `json:"value"`
	Name    string          `json:"name"`
	Message string          `json:"message"`
	HasData bool            `json:"hasData"`
	Data    json.RawMessage `json:"data"`
}

func (c officialClient) call(t *testing.T, kind, path, args, token string) officialResult {
	t.Helper()
	req, _ := json.Marshal(map[string]any{"deployment": c.deployment, "kind": kind, "path": path, "args": json.RawMessage(args), "token": token})
	resp, err := c.client.Post(c.url, "application/json", bytes.NewReader(req))
	if err != nil {
		t.Fatalf("official client: %v", err)
	}
	defer resp.Body.Close()
	var out officialResult
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("official client: status %d, %v", resp.StatusCode, err)
	}
	return out
}

type caseArgs struct {
	Case string `json:"case"`
}

// parityDeployment registers values:get (every case), values:echo (returns
// its arguments), values:fail (a ConvexError or a plain error) and
// values:whoami (the caller's identity).
func parityDeployment(t *testing.T) *authtest.Deployment {
	d := authtest.New(t)
	authtest.Query(d, "values:get", func(ctx context.Context, id *authtest.Identity, args caseArgs) (any, error) {
		for _, c := range valueCases {
			if c.name == args.Case {
				return c.value, nil
			}
		}
		return nil, fmt.Errorf("no case %q", args.Case)
	})
	authtest.Mutation(d, "values:echo", func(ctx context.Context, id *authtest.Identity, args convex.Value) (convex.Value, error) {
		return args, nil
	})
	authtest.Action(d, "values:fail", func(ctx context.Context, id *authtest.Identity, args caseArgs) (any, error) {
		switch args.Case {
		case "string":
			return nil, authtest.ConvexError("Unauthenticated")
		case "object":
			return nil, authtest.ConvexError(map[string]any{"code": "LIMIT", "max": int64(math.MaxInt64), "tags": []any{"a", math.Inf(1)}})
		}
		return nil, errors.New("boom")
	})
	authtest.Query(d, "values:whoami", func(ctx context.Context, id *authtest.Identity, _ struct{}) (*string, error) {
		if id == nil {
			return nil, nil
		}
		s := id.TokenIdentifier + " " + id.Email()
		return &s, nil
	})
	return d
}

func startOfficialClient(t *testing.T, d *authtest.Deployment) officialClient {
	p := nodeharness.Start(t, "interop-convex-client.mjs", nil)
	return officialClient{url: p.URL, deployment: d.ConvexURL(), client: nodeharness.NewHTTPClient()}
}

var requestID = regexp.MustCompile(`\[Request ID: [0-9a-f]+\]`)

// TestOfficialClientParity: the official ConvexHttpClient and the Go client
// decode the same authtest responses to the same values and errors.
func TestOfficialClientParity(t *testing.T) {
	d := parityDeployment(t)
	official := startOfficialClient(t, d)
	goClient, err := convex.NewClient(d.ConvexURL())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	t.Run("values", func(t *testing.T) {
		get := convex.NewQuery[caseArgs, convex.Value]("values:get")
		for _, c := range valueCases {
			args := fmt.Sprintf(`{"case":%q}`, c.name)
			node := official.call(t, "query", "values:get", args, "")
			if !node.OK || string(node.Value) != c.encoded {
				t.Errorf("%s: official client got %+v, want %s", c.name, node, c.encoded)
			}
			v, err := convex.Query(ctx, goClient, get, caseArgs{c.name})
			if err != nil {
				t.Errorf("%s: Go client: %v", c.name, err)
				continue
			}
			if got, err := convex.Marshal(v); err != nil || string(got) != c.encoded {
				t.Errorf("%s: Go client decoded %s (%v), want %s", c.name, got, err, c.encoded)
			}
		}
	})

	t.Run("arguments", func(t *testing.T) {
		echo := convex.NewMutation[convex.Value, convex.Value]("values:echo")
		for _, c := range valueCases {
			args := `{"x":` + c.encoded + `}`
			node := official.call(t, "mutation", "values:echo", args, "")
			if !node.OK || string(node.Value) != args {
				t.Errorf("%s: official client round trip = %+v, want %s", c.name, node, args)
			}
			var in convex.Value
			if err := convex.Unmarshal([]byte(args), &in); err != nil {
				t.Fatal(err)
			}
			out, err := convex.Mutation(ctx, goClient, echo, in)
			if got, _ := convex.Marshal(out); err != nil || string(got) != args {
				t.Errorf("%s: Go client round trip = %s (%v), want %s", c.name, got, err, args)
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		fail := convex.NewAction[caseArgs, convex.Value]("values:fail")
		for _, tt := range []struct{ name, data string }{
			{"string", `"Unauthenticated"`},
			{"object", `{"code":"LIMIT","max":{"$integer":"/////////38="},"tags":["a",{"$float":"AAAAAAAA8H8="}]}`},
			{"plain", ``},
		} {
			node := official.call(t, "action", "values:fail", fmt.Sprintf(`{"case":%q}`, tt.name), "")
			_, err := convex.Action(ctx, goClient, fail, caseArgs{tt.name})
			goMessage := ""
			if tt.data != "" {
				var ce *convex.ConvexError
				if !errors.As(err, &ce) {
					t.Fatalf("%s: Go client error %T %v, want *convex.ConvexError", tt.name, err, err)
				}
				data, _ := convex.Marshal(ce.Data)
				if node.OK || node.Name != "ConvexError" || !node.HasData || string(node.Data) != tt.data || string(data) != tt.data {
					t.Errorf("%s: official %+v, Go data %s; want ConvexError with data %s", tt.name, node, data, tt.data)
				}
				goMessage = ce.Message
			} else {
				var fe *convex.FunctionError
				if !errors.As(err, &fe) || node.OK || node.Name != "Error" || node.HasData {
					t.Fatalf("%s: official %+v, Go %T %v; want a plain Error", tt.name, node, err, err)
				}
				goMessage = fe.Message
			}
			// Messages match up to the per-request id.
			if a, b := requestID.ReplaceAllString(node.Message, "[Request ID]"), requestID.ReplaceAllString(goMessage, "[Request ID]"); a != b {
				t.Errorf("%s: messages differ:\nofficial %q\nGo       %q", tt.name, a, b)
			}
		}
	})

	t.Run("identity and auth errors", func(t *testing.T) {
		token := d.Token(t, d.SignUp(t, "alice@example.com", "password1234", "Alice"))
		node := official.call(t, "query", "values:whoami", `{}`, token)
		who, err := convex.Query(ctx, goClient, convex.NewQuery[struct{}, *string]("values:whoami"), struct{}{}, convex.WithToken(token))
		if err != nil || who == nil || string(node.Value) != fmt.Sprintf("%q", *who) {
			t.Errorf("whoami: official %+v, Go %v %v", node, who, err)
		}
		node = official.call(t, "query", "values:whoami", `{}`, "not-a-jwt")
		_, err = convex.Query(ctx, goClient, convex.NewQuery[struct{}, *string]("values:whoami"), struct{}{}, convex.WithToken("not-a-jwt"))
		var ae *convex.AuthError
		if !errors.As(err, &ae) || ae.Code != "InvalidAuthHeader" || node.OK {
			t.Fatalf("bad token: official %+v, Go %v", node, err)
		}
		// The official client throws the raw 401 body.
		var body struct{ Code, Message string }
		if json.Unmarshal([]byte(node.Message), &body) != nil || body.Code != ae.Code || body.Message != ae.Message {
			t.Errorf("bad token: official message %q, Go %s: %s", node.Message, ae.Code, ae.Message)
		}
	})
}
