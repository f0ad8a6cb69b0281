package convex

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// nodeDir holds the pinned npm packages (tests/node/package-lock.json).
const nodeDir = "../tests/node"

// requireNode fails (never skips) when Node or the npm packages are missing.
func requireNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found on PATH (%v): install Node.js and run `make node-deps`", err)
	}
	if _, err := os.Stat(filepath.Join(nodeDir, "node_modules", "convex", "package.json")); err != nil {
		t.Fatalf("the convex npm package is not installed (%v): run `make node-deps`", err)
	}
	return node
}

// parityCall is one call both clients make.
type parityCall struct {
	Kind  string          `json:"kind"`
	Path  string          `json:"path"`
	Args  json.RawMessage `json:"args"`
	Token string          `json:"token,omitempty"`
}

// cannedResponse is what the recording server answers for a function path.
type cannedResponse struct {
	status int
	body   string
}

var parityResponses = map[string]cannedResponse{
	"messages:list": {200, `{"status":"success","value":{"n":{"$integer":"AQAAAAAAAIA="},"b":{"$bytes":"AAEC_w=="},` +
		`"nan":{"$float":"AAAAAAAA+H8="},"negZero":{"$float":"AAAAAAAAAIA="},"x":3.0,"big":1e21,"s":"<é>\u2028",` +
		`"list":[null,true,{"_id":"k1"}]},"logLines":["[LOG] 'listing'"]}`},
	"dir/file:fn":     {200, `{"status":"success","value":null}`},
	"messages":        {200, `{"status":"error","errorMessage":"[Request ID: 1] Server Error\nUncaught ConvexError: {\"code\":42}\n","errorData":{"code":{"$integer":"KgAAAAAAAAA="},"msg":"nope","when":{"$float":"AAAAAAAA8H8="}}}`},
	"errors:plain":    {200, `{"status":"error","errorMessage":"[Request ID: 2] Server Error\nUncaught Error: boom\n    at handler (../convex/errors.ts:5:9)\n"}`},
	"errors:udf560":   {560, `{"status":"error","errorMessage":"function failed (560)"}`},
	"values:echo":     {200, `{"status":"success","value":null}`},
	"errors:data560":  {560, `{"status":"error","errorMessage":"ConvexError","errorData":"just a string"}`},
	"auth:bad":        {401, `{"code":"InvalidAuthHeader","message":"Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots."}`},
	"auth:noProvider": {401, `{"code":"NoAuthProvider","message":"No auth provider found matching the given token"}`},
}

var parityCalls = []parityCall{
	{Kind: "query", Path: "messages:list", Args: json.RawMessage(`{"a":[{"$float":"AAAAAAAA+H8="}],"b":{"$integer":"AQAAAAAAAAA="}}`)},
	{Kind: "mutation", Path: "dir/file:fn", Args: json.RawMessage(`{}`), Token: "eyJ.test.jwt"},
	{Kind: "action", Path: "messages", Args: json.RawMessage(`{"s":"<a&b>\u2028\u0001\"","nested":{"list":[1,2.5,{"$float":"AAAAAAAAAIA="}],"z":{"$bytes":"/w=="}},"_id":"x"}`)},
	{Kind: "query", Path: "errors:plain", Args: json.RawMessage(`{"n":1e-7}`), Token: "tok"},
	{Kind: "mutation", Path: "errors:udf560", Args: json.RawMessage(`{"big":123456789012345680000}`)},
	{Kind: "action", Path: "errors:data560", Args: json.RawMessage(`{}`)},
	{Kind: "query", Path: "auth:bad", Args: json.RawMessage(`{}`), Token: "not-a-jwt"},
	{Kind: "query", Path: "auth:noProvider", Args: json.RawMessage(`{"deep":{"er":[[],{}]}}`), Token: "eyJ.x.y"},
}

// allValuesCall is a mutation whose arguments hold every "value" vector, so
// both clients encode every value type (int64 extremes, bytes, special
// floats, escapes, number formatting, commitTs, random nests) in a request.
func allValuesCall(t *testing.T) parityCall {
	var members []string
	for i, c := range loadVectors(t) {
		if c.Kind == "value" {
			members = append(members, fmt.Sprintf(`"v%03d":%s`, i, c.JSON))
		}
	}
	return parityCall{Kind: "mutation", Path: "values:echo", Args: json.RawMessage("{" + strings.Join(members, ",") + "}"), Token: "eyJ.all.values"}
}

// recordedRequest is what the server saw.
type recordedRequest struct {
	Method, Path, ContentType, Authorization, ConvexClient string
	Body                                                   string
}

// recordingServer answers with parityResponses and records every request.
func recordingServer(t *testing.T) (*httptest.Server, func() []recordedRequest) {
	var (
		mu   sync.Mutex
		reqs []recordedRequest
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		reqs = append(reqs, recordedRequest{
			Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"),
			Authorization: r.Header.Get("Authorization"), ConvexClient: r.Header.Get("Convex-Client"), Body: string(body),
		})
		mu.Unlock()
		var req struct {
			Path string `json:"path"`
		}
		_ = json.Unmarshal(body, &req)
		resp, ok := parityResponses[req.Path]
		if !ok {
			resp = cannedResponse{404, `{"code":"NotFound","message":"no canned response"}`}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(resp.status)
		io.WriteString(w, resp.body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []recordedRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]recordedRequest(nil), reqs...)
	}
}

// nodeOutcome is one line of convex-parity.mjs output.
type nodeOutcome struct {
	OK        bool    `json:"ok"`
	ValueJSON string  `json:"valueJSON"`
	Name      string  `json:"name"`
	Message   string  `json:"message"`
	DataJSON  *string `json:"dataJSON"`
}

func runNodeClient(t *testing.T, url string, calls []parityCall) []nodeOutcome {
	node := requireNode(t)
	callsFile := filepath.Join(t.TempDir(), "calls.json")
	data, err := json.Marshal(calls)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(callsFile, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join(nodeDir, "convex-parity.mjs"), url, callsFile)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("convex-parity.mjs: %v\n%s", err, stderr.String())
	}
	var outcomes []nodeOutcome
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var o nodeOutcome
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("bad output line %q: %v", sc.Text(), err)
		}
		outcomes = append(outcomes, o)
	}
	if len(outcomes) != len(calls) {
		t.Fatalf("node made %d calls, want %d:\n%s", len(outcomes), len(calls), out)
	}
	return outcomes
}

var clientHeaderShape = regexp.MustCompile(`^[A-Za-z0-9_.]+(-[A-Za-z0-9_.]+)*-\d+\.\d+\.\d+$`)

// TestParityWithOfficialClient sends the same calls from ConvexHttpClient
// and from Client to recording servers with the same canned responses, and
// checks the requests match and both clients decode the same results.
func TestParityWithOfficialClient(t *testing.T) {
	calls := append(slices.Clone(parityCalls), allValuesCall(t))
	nodeSrv, nodeRequests := recordingServer(t)
	outcomes := runNodeClient(t, nodeSrv.URL, calls)

	// Go sends each call twice: args as a Value, and as the plain Go values
	// (int64, []byte, float64, map[string]any, …) Value.Interface returns.
	goSrv, goRequests := recordingServer(t)
	c, err := NewClient(goSrv.URL)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]Kind{"query": KindQuery, "mutation": KindMutation, "action": KindAction}
	var goErrs []error
	var goValues []Value
	for _, call := range calls {
		var args, result Value
		if err := Unmarshal(call.Args, &args); err != nil {
			t.Fatal(err)
		}
		err := c.Call(context.Background(), kinds[call.Kind], call.Path, args, &result, WithToken(call.Token))
		goErrs = append(goErrs, err)
		goValues = append(goValues, result)
		_ = c.Call(context.Background(), kinds[call.Kind], call.Path, args.Interface(), nil, WithToken(call.Token))
	}

	fromNode, fromGo := nodeRequests(), goRequests()
	if 2*len(fromNode) != len(fromGo) {
		t.Fatalf("node sent %d requests, Go %d (want twice as many)", len(fromNode), len(fromGo))
	}
	for i, n := range fromNode {
		for _, g := range fromGo[2*i : 2*i+2] {
			checkSameRequest(t, i, n, g)
		}
	}

	for i, o := range outcomes {
		err, call := goErrs[i], calls[i]
		switch {
		case o.OK:
			got, merr := Marshal(goValues[i])
			if err != nil || merr != nil || string(got) != o.ValueJSON {
				t.Errorf("%s: Go result %s (err %v, %v), node %s", call.Path, got, err, merr, o.ValueJSON)
			}
		case o.DataJSON != nil:
			var ce *ConvexError
			if !errors.As(err, &ce) {
				t.Errorf("%s: Go error %v, node threw ConvexError", call.Path, err)
				continue
			}
			data, _ := Marshal(ce.Data)
			if o.Name != "ConvexError" || ce.Message != o.Message || string(data) != *o.DataJSON || ce.Path != call.Path {
				t.Errorf("%s: Go ConvexError %q data %s, node %s %q data %s", call.Path, ce.Message, data, o.Name, o.Message, *o.DataJSON)
			}
		case parityResponses[call.Path].status == http.StatusUnauthorized:
			// The official client throws the raw body; Go parses it.
			var ae *AuthError
			if !errors.As(err, &ae) || !errors.Is(err, ErrUnauthenticated) {
				t.Errorf("%s: Go error %v, want *AuthError", call.Path, err)
				continue
			}
			var body struct{ Code, Message string }
			if jerr := json.Unmarshal([]byte(o.Message), &body); jerr != nil || body.Code != ae.Code || body.Message != ae.Message {
				t.Errorf("%s: Go AuthError %q %q, node message %q", call.Path, ae.Code, ae.Message, o.Message)
			}
		default:
			var fe *FunctionError
			if !errors.As(err, &fe) || fe.Message != o.Message || o.Name != "Error" {
				t.Errorf("%s: Go error %v, node %s %q", call.Path, err, o.Name, o.Message)
			}
		}
	}
}

// checkSameRequest compares the request Go sent for call i with Node's.
func checkSameRequest(t *testing.T, i int, n, g recordedRequest) {
	t.Helper()
	if n.Method != g.Method || n.Path != g.Path || n.ContentType != g.ContentType || n.Authorization != g.Authorization {
		t.Errorf("call %d: request line/headers differ:\nnode %+v\ngo   %+v", i, n, g)
	}
	if n.Body != g.Body {
		t.Errorf("call %d: body differs:\nnode %s\ngo   %s", i, n.Body, g.Body)
	}
	for _, h := range []string{n.ConvexClient, g.ConvexClient} {
		if !clientHeaderShape.MatchString(h) {
			t.Errorf("call %d: Convex-Client %q is not <name>-<semver>", i, h)
		}
	}
}
