package convex

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixedServer answers every request with status and body, and hands the
// last request's headers and body to the test.
type fixedServer struct {
	*httptest.Server
	mu       sync.Mutex
	lastHdr  http.Header
	lastBody string
	lastPath string
}

func newFixedServer(t *testing.T, status int, body string) *fixedServer {
	fs := &fixedServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fs.mu.Lock()
		fs.lastHdr, fs.lastBody, fs.lastPath = r.Header.Clone(), string(b), r.URL.Path
		fs.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func mustClient(t *testing.T, url string, opts ...ClientOption) *Client {
	t.Helper()
	c, err := NewClient(url, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type listArgs struct {
	Channel string `json:"channel"`
	Limit   *int   `json:"limit,omitempty"`
}

type message struct {
	ID    string  `json:"_id"`
	Time  float64 `json:"_creationTime"`
	Body  string  `json:"body"`
	Views int64   `json:"views"`
}

func TestNewClientValidatesTheDeploymentURL(t *testing.T) {
	for _, good := range []string{"https://happy-animal-123.convex.cloud", "http://127.0.0.1:3210", "https://api.example.com/"} {
		c, err := NewClient(good)
		if err != nil {
			t.Errorf("NewClient(%q): %v", good, err)
			continue
		}
		if strings.HasSuffix(c.URL(), "/") {
			t.Errorf("URL() = %q keeps the trailing slash", c.URL())
		}
	}
	for bad, want := range map[string]string{
		"ftp://x.convex.cloud":                 "https://",
		"happy-animal-123.convex.cloud":        "https://",
		"https://":                             "not a valid URL",
		"https://happy-animal-123.convex.site": "site URL",
		"":                                     "https://",
	} {
		if _, err := NewClient(bad); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewClient(%q) = %v, want an error mentioning %q", bad, err, want)
		}
	}
}

func TestNewClientValidatesOptions(t *testing.T) {
	for _, name := range []string{"nodash", "app-1.2", "app-x.y.z", "-1.2.3", "my app-1.2.3", "my\tapp-1.2.3", "é-1.2.3", "app\x7f-1.2.3"} {
		if _, err := NewClient("https://a.convex.cloud", WithClientName(name)); err == nil {
			t.Errorf("WithClientName(%q) accepted", name)
		}
	}
	if _, err := NewClient("https://a.convex.cloud", WithClientName("my-app-10.2.3")); err != nil {
		t.Errorf("WithClientName(my-app-10.2.3): %v", err)
	}
	if _, err := NewClient("https://a.convex.cloud", WithMaxResponseBytes(0)); err == nil {
		t.Error("WithMaxResponseBytes(0) accepted")
	}
}

func TestQuerySendsWhatTheOfficialClientSends(t *testing.T) {
	srv := newFixedServer(t, 200, `{"status":"success","value":[]}`)
	c := mustClient(t, srv.URL, WithClientName("myapp-1.2.3"))
	ref := NewQuery[listArgs, []message]("messages:list")
	if _, err := Query(context.Background(), c, ref, listArgs{Channel: "c1"}, WithToken("eyJ.a.b")); err != nil {
		t.Fatal(err)
	}
	if srv.lastPath != "/api/query" {
		t.Errorf("path %q", srv.lastPath)
	}
	if got := srv.lastBody; got != `{"path":"messages:list","format":"convex_encoded_json","args":[{"channel":"c1"}]}` {
		t.Errorf("body %s", got)
	}
	for h, want := range map[string]string{"Content-Type": "application/json", "Convex-Client": "myapp-1.2.3", "Authorization": "Bearer eyJ.a.b"} {
		if got := srv.lastHdr.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}

	// No token, no Authorization; mutations and actions use their endpoints.
	if _, err := Mutation(context.Background(), c, NewMutation[struct{}, any]("dir/file:fn"), struct{}{}); err != nil {
		t.Fatal(err)
	}
	if srv.lastPath != "/api/mutation" || srv.lastHdr.Get("Authorization") != "" || srv.lastHdr.Get("Convex-Client") != "myapp-1.2.3" {
		t.Errorf("mutation: path %q, headers %v", srv.lastPath, srv.lastHdr)
	}
	if _, err := Action(context.Background(), c, NewAction[*listArgs, any]("messages"), nil); err != nil {
		t.Fatal(err)
	}
	if srv.lastPath != "/api/action" || srv.lastBody != `{"path":"messages","format":"convex_encoded_json","args":[{}]}` {
		t.Errorf("action: path %q body %s", srv.lastPath, srv.lastBody)
	}
}

func TestCallRefusesArgumentsThatAreNotObjects(t *testing.T) {
	srv := newFixedServer(t, 200, `{"status":"success","value":null}`)
	c := mustClient(t, srv.URL)
	for _, args := range []any{"x", 1.5, []int{1}, int64(7), []byte("x"), map[string]any{"$bad": 1}} {
		if err := c.Call(context.Background(), KindQuery, "a:b", args, nil); err == nil {
			t.Errorf("Call with args %#v succeeded", args)
		}
	}
	if err := c.Call(context.Background(), KindQuery, "a:b", nil, nil); err != nil {
		t.Errorf("nil args: %v", err)
	}
	if err := c.Call(context.Background(), KindQuery, "bad path:", nil, nil); err == nil {
		t.Error("invalid path accepted")
	}
	if err := c.Call(context.Background(), Kind(9), "a:b", nil, nil); err == nil {
		t.Error("invalid kind accepted")
	}
}

func TestSuccessDecodesIntoTheResultType(t *testing.T) {
	srv := newFixedServer(t, 200, `{"status":"success","value":[{"_id":"k1","_creationTime":1.7e12,"body":"hi","views":{"$integer":"AAAAAAAAAIA="},"extra":{"$bytes":"AA=="}}]}`)
	c := mustClient(t, srv.URL)
	got, err := Query(context.Background(), c, NewQuery[listArgs, []message]("messages:list"), listArgs{})
	if err != nil {
		t.Fatal(err)
	}
	want := []message{{ID: "k1", Time: 1.7e12, Body: "hi", Views: -1 << 63}}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestResultThatDoesNotFitIsAnError(t *testing.T) {
	srv := newFixedServer(t, 200, `{"status":"success","value":{"views":"many"}}`)
	c := mustClient(t, srv.URL)
	_, err := Query(context.Background(), c, NewQuery[struct{}, message]("messages:get"), struct{}{})
	var te *UnmarshalTypeError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "messages:get") || !strings.Contains(err.Error(), ".views") {
		t.Errorf("err = %v, want an UnmarshalTypeError naming the function and field", err)
	}
}

func TestErrorResponses(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		check  func(t *testing.T, err error)
	}{
		{"ConvexError with int64 data", 200, `{"status":"error","errorMessage":"[Request ID: 1] Server Error\nUncaught ConvexError: x\n","errorData":{"code":{"$integer":"KgAAAAAAAAA="},"kind":"limit"}}`,
			func(t *testing.T, err error) {
				var ce *ConvexError
				if !errors.As(err, &ce) || ce.Path != "a:b" || !strings.HasPrefix(ce.Message, "[Request ID: 1]") {
					t.Fatalf("err = %#v", err)
				}
				var data struct {
					Code int64  `json:"code"`
					Kind string `json:"kind"`
				}
				if err := ce.DataAs(&data); err != nil || data.Code != 42 || data.Kind != "limit" {
					t.Errorf("DataAs = %+v, %v", data, err)
				}
				if i, ok := ce.Data.Object(); !ok || i["code"].Kind() != KindInt64 {
					t.Errorf("Data = %v", ce.Data)
				}
				var wrong struct {
					Code string `json:"code"`
				}
				if err := ce.DataAs(&wrong); err == nil {
					t.Error("DataAs into a mismatched type succeeded")
				}
			}},
		{"ConvexError with null data", 200, `{"status":"error","errorMessage":"m","errorData":null}`,
			func(t *testing.T, err error) {
				var ce *ConvexError
				if !errors.As(err, &ce) || !ce.Data.IsNull() {
					t.Errorf("err = %#v", err)
				}
			}},
		{"ConvexError with invalid data", 200, `{"status":"error","errorMessage":"m","errorData":{"$foo":1}}`,
			func(t *testing.T, err error) {
				var ce *ConvexError
				if err == nil || errors.As(err, &ce) || !strings.Contains(err.Error(), "a:b") {
					t.Errorf("err = %v", err)
				}
			}},
		{"function error", 200, `{"status":"error","errorMessage":"Uncaught Error: boom"}`,
			func(t *testing.T, err error) {
				var fe *FunctionError
				if !errors.As(err, &fe) || fe.Message != "Uncaught Error: boom" || fe.Error() != fe.Message || fe.Path != "a:b" {
					t.Errorf("err = %#v", err)
				}
			}},
		{"function error as 560", 560, `{"status":"error","errorMessage":"failed"}`,
			func(t *testing.T, err error) {
				var fe *FunctionError
				if !errors.As(err, &fe) || fe.Message != "failed" {
					t.Errorf("err = %#v", err)
				}
			}},
	}
	for _, code := range []string{"InvalidAuthHeader", "NoAuthProvider", "Unauthenticated"} {
		tests = append(tests, struct {
			name   string
			status int
			body   string
			check  func(t *testing.T, err error)
		}{"401 " + code, 401, `{"code":"` + code + `","message":"rejected: ` + code + `"}`, func(t *testing.T, err error) {
			var ae *AuthError
			if !errors.As(err, &ae) || !errors.Is(err, ErrUnauthenticated) || ae.Code != code || ae.Message != "rejected: "+code || ae.Path != "a:b" {
				t.Errorf("err = %#v", err)
			}
		}})
	}
	tests = append(tests, []struct {
		name   string
		status int
		body   string
		check  func(t *testing.T, err error)
	}{
		{"401 without JSON", 401, "Unauthorized", func(t *testing.T, err error) {
			var ae *AuthError
			if !errors.As(err, &ae) || !errors.Is(err, ErrUnauthenticated) || ae.Code != "" || ae.Message != "Unauthorized" {
				t.Errorf("err = %#v", err)
			}
		}},
		{"400 with code", 400, `{"code":"BadConvexFunctionIdentifier","message":"bad path"}`, func(t *testing.T, err error) {
			var he *HTTPError
			if !errors.As(err, &he) || he.Status != 400 || he.Code != "BadConvexFunctionIdentifier" || he.Message != "bad path" || errors.Is(err, ErrUnauthenticated) {
				t.Errorf("err = %#v", err)
			}
		}},
		{"502 HTML", 502, "<html>" + strings.Repeat("x", 2000) + "</html>", func(t *testing.T, err error) {
			var he *HTTPError
			if !errors.As(err, &he) || he.Status != 502 || he.Code != "" || len(he.Message) > maxErrorText+10 || !strings.Contains(err.Error(), "502") {
				t.Errorf("err = %v", err)
			}
		}},
		{"non-JSON 200", 200, "<html>oops</html>", func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "a:b") || !strings.Contains(err.Error(), "200") {
				t.Errorf("err = %v, want it to name the path and status", err)
			}
		}},
		{"truncated 200", 200, `{"status":"success","value":{"a":[1,2`, func(t *testing.T, err error) {
			var se *SyntaxError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), "a:b") || !strings.Contains(err.Error(), "200") {
				t.Errorf("err = %v", err)
			}
		}},
		{"hostile nesting", 200, `{"status":"success","value":` + strings.Repeat("[", 1<<20) + `}`, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "nested") {
				t.Errorf("err = %v", err)
			}
		}},
		{"unknown status", 200, `{"status":"pending"}`, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), `"pending"`) {
				t.Errorf("err = %v", err)
			}
		}},
		{"success without value", 200, `{"status":"success"}`, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "without a value") {
				t.Errorf("err = %v", err)
			}
		}},
		{"invalid value", 200, `{"status":"success","value":{"$integer":"AA=="}}`, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "expected 8") {
				t.Errorf("err = %v", err)
			}
		}},
	}...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFixedServer(t, tc.status, tc.body)
			c := mustClient(t, srv.URL)
			var result Value
			tc.check(t, c.Call(context.Background(), KindQuery, "a:b", nil, &result))
		})
	}
}

func TestResponseSizeLimit(t *testing.T) {
	body := `{"status":"success","value":"` + strings.Repeat("x", 2000) + `"}`
	srv := newFixedServer(t, 200, body)
	small := mustClient(t, srv.URL, WithMaxResponseBytes(1000))
	if err := small.Call(context.Background(), KindQuery, "a:b", nil, nil); err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Errorf("err = %v, want a size-limit error", err)
	}
	exact := mustClient(t, srv.URL, WithMaxResponseBytes(int64(len(body))))
	if err := exact.Call(context.Background(), KindQuery, "a:b", nil, nil); err != nil {
		t.Errorf("a body of exactly the limit: %v", err)
	}
}

func TestContextCancellationAndTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := mustClient(t, srv.URL)
	if err := c.Call(ctx, KindQuery, "a:b", nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: err = %v", err)
	}
	short := mustClient(t, srv.URL, WithTimeout(time.Millisecond))
	if err := short.Call(context.Background(), KindQuery, "a:b", nil, nil); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "a:b") {
		t.Errorf("timeout: err = %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if err := c.Call(ctx, KindQuery, "a:b", nil, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("context deadline: err = %v", err)
	}
}

func TestLogLinesGoToTheLogger(t *testing.T) {
	srv := newFixedServer(t, 200, `{"status":"success","value":1,"logLines":["[LOG] 'hello'",{"structured":true}]}`)
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	c := mustClient(t, srv.URL, WithLogger(logger))
	if err := c.Call(context.Background(), KindQuery, "a:b", nil, nil, WithToken("secret-token")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`[LOG] 'hello'`, `{\"structured\":true}`, "convex_function=a:b", "convex_kind=query"} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "secret-token") {
		t.Error("the token was logged")
	}
	// Without a logger, log lines are parsed and dropped.
	if err := mustClient(t, srv.URL).Call(context.Background(), KindQuery, "a:b", nil, nil); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentCalls(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Args []map[string]float64 `json:"args"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		b, _ := json.Marshal(map[string]any{"status": "success", "value": req.Args[0]["n"] * 2})
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	c := mustClient(t, srv.URL)
	ref := NewQuery[map[string]float64, float64]("math:double")
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			got, err := Query(context.Background(), c, ref, map[string]float64{"n": float64(i)})
			if err != nil || got != float64(2*i) {
				t.Errorf("call %d: %v, %v", i, got, err)
			}
		})
	}
	wg.Wait()
}

func TestPreloadMatchesPreloadQuery(t *testing.T) {
	srv := newFixedServer(t, 200, `{"status":"success","value":{"b":3.0,"a":{"$integer":"AQAAAAAAAAA="}}}`)
	c := mustClient(t, srv.URL)
	type result struct {
		A int64   `json:"a"`
		B float64 `json:"b"`
	}
	got, pre, err := Preload(context.Background(), c, NewQuery[listArgs, result]("messages:list"), listArgs{Channel: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if got != (result{A: 1, B: 3}) {
		t.Errorf("result %+v", got)
	}
	if pre.Name != "messages:list" || string(pre.ArgsJSON) != `{"channel":"c"}` || string(pre.ValueJSON) != `{"a":{"$integer":"AQAAAAAAAAA="},"b":3}` {
		t.Errorf("Preloaded = {%s %s %s}", pre.Name, pre.ArgsJSON, pre.ValueJSON)
	}
	// Through encoding/json the payload is preloadQuery's object, with the
	// Convex JSON embedded as values.
	b, err := json.Marshal(pre)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"_name":"messages:list","_argsJSON":{"channel":"c"},"_valueJSON":{"a":{"$integer":"AQAAAAAAAAA="},"b":3}}` {
		t.Errorf("json.Marshal(Preloaded) = %s", b)
	}
}

func TestPathValidation(t *testing.T) {
	for _, good := range []string{"messages:list", "dir/file:fn", "messages.js:list", "messages", "a/b-c/d_e:$f1", "_system/x:y"} {
		if err := ValidatePath(good); err != nil {
			t.Errorf("ValidatePath(%q): %v", good, err)
		}
	}
	for _, bad := range []string{"", ":list", "/abs:fn", "a//b:fn", "a/../b:fn", "messages.ts:list", "messages:", "messages:1fn", "mes sages:list", "a:b:c d", "héllo:x"} {
		if err := ValidatePath(bad); err == nil {
			t.Errorf("ValidatePath(%q) accepted", bad)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("NewQuery with an invalid path did not panic")
		}
	}()
	NewQuery[struct{}, any]("bad path")
}

func TestKindString(t *testing.T) {
	if KindQuery.String() != "query" || KindMutation.String() != "mutation" || KindAction.String() != "action" || Kind(0).String() != "Kind(0)" {
		t.Error("Kind.String")
	}
	if ref := NewMutation[struct{}, any]("a:b"); ref.Path() != "a:b" {
		t.Error("Path")
	}
}

// roundTripFunc lets a test see the request the client hands its transport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// deadlineSeen makes one call through c's options and reports the deadline
// the request's context carried.
func deadlineSeen(t *testing.T, ctx context.Context, opts ...ClientOption) (time.Time, bool) {
	t.Helper()
	var deadline time.Time
	var has bool
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		deadline, has = r.Context().Deadline()
		return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"status":"success","value":null}`)), Request: r}, nil
	})}
	c := mustClient(t, "https://a.convex.cloud", append(opts, WithHTTPClient(hc))...)
	if err := c.Call(ctx, KindQuery, "a:b", nil, nil); err != nil {
		t.Fatal(err)
	}
	return deadline, has
}

// A call gets DefaultTimeout unless the caller's deadline is earlier or the
// timeout is turned off. Deadlines are compared, nothing waits.
func TestDefaultTimeout(t *testing.T) {
	before := time.Now()
	deadline, ok := deadlineSeen(t, context.Background())
	if !ok || deadline.Before(before.Add(DefaultTimeout)) || deadline.After(time.Now().Add(DefaultTimeout)) {
		t.Errorf("default deadline %v (set %v), want now + %v", deadline, ok, DefaultTimeout)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	if deadline, _ := deadlineSeen(t, ctx, WithTimeout(time.Minute)); deadline.After(time.Now().Add(time.Minute)) {
		t.Errorf("WithTimeout(1m) gave deadline %v", deadline)
	}
	early, _ := ctx.Deadline()
	ctx2, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(time.Second))
	defer cancel2()
	if deadline, _ := deadlineSeen(t, ctx2); !deadline.Before(early) || deadline.After(time.Now().Add(time.Second)) {
		t.Errorf("an earlier caller deadline was not kept: %v", deadline)
	}
	if _, ok := deadlineSeen(t, context.Background(), WithTimeout(0)); ok {
		t.Error("WithTimeout(0) still set a deadline")
	}
}

func TestDefaultClientHeader(t *testing.T) {
	srv := newFixedServer(t, 200, `{"status":"success","value":null}`)
	if err := mustClient(t, srv.URL).Call(context.Background(), KindQuery, "a:b", nil, nil); err != nil {
		t.Fatal(err)
	}
	got := srv.lastHdr.Get("Convex-Client")
	if got != DefaultClientName || !strings.HasSuffix(got, "-"+Version) || validateClientName(got) != nil || !clientHeaderShape.MatchString(got) {
		t.Errorf("Convex-Client = %q, want authgen-go-%s in <name>-<semver> form", got, Version)
	}
}

// The default limit holds: a declared length over it fails before the body
// is read; an undeclared (chunked) one fails once the limit is passed.
func TestResponseSizeLimitDefaultAndChunked(t *testing.T) {
	declared := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(DefaultMaxResponseBytes+1))
		w.WriteHeader(200)
		io.WriteString(w, `{"status":"success","value":"`) // the client hangs up long before the rest
	}))
	t.Cleanup(declared.Close)
	if err := mustClient(t, declared.URL).Call(context.Background(), KindQuery, "a:b", nil, nil); err == nil ||
		!strings.Contains(err.Error(), "exceeds the limit of "+strconv.Itoa(DefaultMaxResponseBytes)) {
		t.Errorf("declared oversize: err = %v", err)
	}
	chunked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"status":"success","value":"`)
		w.(http.Flusher).Flush() // no Content-Length from here on
		io.WriteString(w, strings.Repeat("x", 4000)+`"}`)
	}))
	t.Cleanup(chunked.Close)
	c := mustClient(t, chunked.URL, WithMaxResponseBytes(2000))
	if err := c.Call(context.Background(), KindQuery, "a:b", nil, nil); err == nil || !strings.Contains(err.Error(), "query a:b: HTTP 200") ||
		!strings.Contains(err.Error(), "exceeds") {
		t.Errorf("chunked oversize: err = %v", err)
	}
}

// A hostile deployment (or a proxy's error page) that echoes the
// Authorization header cannot get the token into an error or a log line.
func TestTokenNeverReachesErrorsOrLogs(t *testing.T) {
	const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2VjcmV0LXNpZ25hdHVyZQ"
	for _, tc := range []struct {
		status int
		body   string // %s is replaced by the Authorization header
	}{
		{401, `{"code":"InvalidAuthHeader %s","message":"bad token: %s"}`},
		{400, `{"code":"BadRequest","message":"header was %s"}`},
		{502, `<html>upstream said %s</html>`},
		{200, `{"status":"error","errorMessage":"Uncaught Error: %s","logLines":["[LOG] %s"]}`},
		{200, `{"status":"error","errorMessage":"%s","errorData":{"auth":"x"},"logLines":["%s"]}`},
		{200, `{"status":"%s","logLines":["%s"]}`},
		{200, `not JSON: %s`},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(tc.status)
			io.WriteString(w, strings.ReplaceAll(tc.body, "%s", r.Header.Get("Authorization")))
		}))
		var logs bytes.Buffer
		c := mustClient(t, srv.URL, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
		err := c.Call(context.Background(), KindMutation, "a:b", nil, nil, WithToken(token))
		srv.Close()
		if err == nil {
			t.Errorf("%d %s: no error", tc.status, tc.body)
			continue
		}
		var text strings.Builder
		text.WriteString(err.Error())
		var ae *AuthError
		var he *HTTPError
		var fe *FunctionError
		var ce *ConvexError
		switch {
		case errors.As(err, &ae):
			text.WriteString(ae.Code + ae.Message)
		case errors.As(err, &he):
			text.WriteString(he.Code + he.Message)
		case errors.As(err, &fe):
			text.WriteString(fe.Message)
		case errors.As(err, &ce):
			text.WriteString(ce.Message)
		}
		if strings.Contains(text.String(), token) || strings.Contains(logs.String(), token) {
			t.Errorf("%d %s: the token leaked:\nerror %s\nlogs %s", tc.status, tc.body, text.String(), logs.String())
		}
	}
}

// Errors say which call failed: "convex: <kind> <path>: …".
func TestErrorsNameTheCall(t *testing.T) {
	for status, body := range map[int]string{
		401: `{"code":"Unauthenticated","message":"expired"}`,
		400: `{"code":"BadJsonBody","message":"nope"}`,
		200: `{"status":"success","value":`,
	} {
		srv := newFixedServer(t, status, body)
		err := mustClient(t, srv.URL).Call(context.Background(), KindAction, "dir/file:fn", nil, nil)
		if err == nil || !strings.HasPrefix(err.Error(), "convex: action dir/file:fn: ") {
			t.Errorf("HTTP %d: err = %v, want it to start with \"convex: action dir/file:fn: \"", status, err)
		}
	}
	if got := (&HTTPError{Path: "a:b", Status: 500}).Error(); got != "convex: a:b: HTTP 500 (no error code): " {
		t.Errorf("HTTPError without a Kind: %q", got)
	}
}
