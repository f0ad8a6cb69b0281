package convex

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults for a Client.
const (
	// DefaultTimeout bounds one call when the context has no earlier
	// deadline. Convex actions may run for up to 10 minutes; give long actions
	// a longer context or WithTimeout.
	DefaultTimeout = 60 * time.Second
	// DefaultMaxResponseBytes bounds a response body: a Convex value is at
	// most 32 MiB by its own measure, and its JSON somewhat more.
	DefaultMaxResponseBytes = 64 << 20
	// DefaultClientName is the Convex-Client header sent unless
	// WithClientName says otherwise; the deployment reads "<name>-<semver>".
	DefaultClientName = "authgen-go-" + Version
)

// Client calls one Convex deployment. It is safe for concurrent use; all
// calls share one pooled HTTP transport.
type Client struct {
	url          string
	endpoints    [KindAction + 1]string // by Kind
	httpClient   *http.Client
	timeout      time.Duration
	logger       *slog.Logger
	maxResponse  int64
	clientHeader []string
}

// ClientOption configures a Client.
type ClientOption func(*clientConfig)

type clientConfig struct {
	httpClient       *http.Client
	timeout          time.Duration
	logger           *slog.Logger
	maxResponseBytes int64
	clientName       string
}

// WithHTTPClient makes the Client send requests through hc instead of its
// own pooled transport.
func WithHTTPClient(hc *http.Client) ClientOption {
	return func(c *clientConfig) { c.httpClient = hc }
}

// WithTimeout bounds each call (DefaultTimeout otherwise); zero or less means
// only the caller's context bounds it.
func WithTimeout(d time.Duration) ClientOption {
	return func(c *clientConfig) { c.timeout = d }
}

// WithLogger receives the function's log lines (logLines in the response) at
// Info level, with the function path and kind as attributes.
func WithLogger(l *slog.Logger) ClientOption {
	return func(c *clientConfig) { c.logger = l }
}

// WithMaxResponseBytes bounds a response body (DefaultMaxResponseBytes
// otherwise); a larger response fails the call.
func WithMaxResponseBytes(n int64) ClientOption {
	return func(c *clientConfig) { c.maxResponseBytes = n }
}

// WithClientName sets the Convex-Client header, "<name>-<semver>" such as
// "myapp-1.2.3" (DefaultClientName otherwise).
func WithClientName(nameAndVersion string) ClientOption {
	return func(c *clientConfig) { c.clientName = nameAndVersion }
}

// sharedTransport pools connections for every Client built without
// WithHTTPClient; most programs talk to one deployment.
var sharedTransport = sync.OnceValue(func() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
})

// NewClient validates deploymentURL as the official client does (http or
// https, parseable, not the *.convex.site HTTP-actions URL) and returns a
// Client for it.
func NewClient(deploymentURL string, opts ...ClientOption) (*Client, error) {
	cfg := clientConfig{
		timeout:          DefaultTimeout,
		maxResponseBytes: DefaultMaxResponseBytes,
		clientName:       DefaultClientName,
	}
	for _, opt := range opts {
		opt(&cfg)
	}
	if err := validateDeploymentURL(deploymentURL); err != nil {
		return nil, err
	}
	if err := validateClientName(cfg.clientName); err != nil {
		return nil, err
	}
	if cfg.maxResponseBytes <= 0 {
		return nil, fmt.Errorf("convex: WithMaxResponseBytes(%d): the limit must be positive", cfg.maxResponseBytes)
	}
	if cfg.httpClient == nil {
		cfg.httpClient = &http.Client{Transport: sharedTransport()}
	}
	base := strings.TrimRight(deploymentURL, "/")
	c := &Client{
		url:          base,
		httpClient:   cfg.httpClient,
		timeout:      cfg.timeout,
		logger:       cfg.logger,
		maxResponse:  cfg.maxResponseBytes,
		clientHeader: []string{cfg.clientName},
	}
	for _, k := range []Kind{KindQuery, KindMutation, KindAction} {
		c.endpoints[k] = base + "/api/" + k.String()
	}
	return c, nil
}

// validateDeploymentURL mirrors validateDeploymentUrl in convex/common.
func validateDeploymentURL(raw string) error {
	if !strings.HasPrefix(raw, "http:") && !strings.HasPrefix(raw, "https:") {
		return fmt.Errorf("convex: invalid deployment URL %q: it must start with \"https://\" or \"http://\"", raw)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("convex: invalid deployment URL %q: not a valid URL", raw)
	}
	if strings.HasSuffix(strings.TrimRight(raw, "/"), ".convex.site") {
		return fmt.Errorf("convex: invalid deployment URL %q: .convex.site is the site URL (HTTP actions, Better Auth); "+
			"the API URL of the same deployment ends in .convex.cloud", raw)
	}
	return nil
}

// validateClientName checks the "<name>-<major>.<minor>.<patch>" shape the
// deployment parses; without a dash it answers 400 InvalidClientVersion. The
// name is printable ASCII without spaces, so the header value is valid.
func validateClientName(s string) error {
	i := strings.LastIndexByte(s, '-')
	ok := i > 0
	for j := 0; ok && j < i; j++ {
		ok = s[j] > ' ' && s[j] < 0x7f
	}
	if ok {
		parts := strings.Split(s[i+1:], ".")
		ok = len(parts) == 3
		for _, p := range parts {
			ok = ok && p != "" && strings.Trim(p, "0123456789") == ""
		}
	}
	if !ok {
		return fmt.Errorf("convex: WithClientName(%q): want \"<name>-<major>.<minor>.<patch>\", e.g. \"myapp-1.2.3\"", s)
	}
	return nil
}

// URL returns the deployment URL (without a trailing slash).
func (c *Client) URL() string { return c.url }

// CallOption configures one call.
type CallOption func(*callConfig)

type callConfig struct {
	token string
}

// WithToken sends "Authorization: Bearer <token>" (nothing when token is
// empty), as ConvexHttpClient.setAuth does.
func WithToken(token string) CallOption {
	return func(c *callConfig) { c.token = token }
}

// Call invokes the function at path of the given kind with args (encoded
// with Marshal; nil means {}) and decodes the success value into result (a
// pointer, or nil to discard it).
//
// Errors: *ConvexError when the function threw a ConvexError, *FunctionError
// for any other function error, *AuthError (errors.Is ErrUnauthenticated)
// when the deployment rejected the token, *HTTPError for other statuses, and
// wrapped errors for transport failures (errors.Is context.Canceled or
// context.DeadlineExceeded when the context ended) and malformed responses.
func (c *Client) Call(ctx context.Context, kind Kind, path string, args any, result any, opts ...CallOption) error {
	if kind < KindQuery || kind > KindAction {
		return fmt.Errorf("convex: Call %s: invalid kind %v", path, kind)
	}
	if err := ValidatePath(path); err != nil {
		return err
	}
	return c.call(ctx, kind, path, args, result, opts)
}

// bufferPool holds response buffers. Decoding copies everything it keeps,
// so a buffer is free again when the call returns.
var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps one huge response from pinning its memory.
const maxPooledBuffer = 1 << 20

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		bufferPool.Put(b)
	}
}

// call is Call for a path known to be valid.
func (c *Client) call(ctx context.Context, kind Kind, path string, args any, result any, opts []CallOption) error {
	var cfg callConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	// The request body is not pooled: the transport may read it after Do
	// returns (RoundTrip closes it asynchronously).
	body, err := appendRequestBody(make([]byte, 0, 256), path, args)
	if err != nil {
		return fmt.Errorf("convex: %s %s: %w", kind, path, err)
	}

	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoints[kind], bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("convex: %s %s: %w", kind, path, err)
	}
	req.Header = http.Header{
		"Content-Type":  jsonContentType,
		"Convex-Client": c.clientHeader,
	}
	if cfg.token != "" {
		req.Header["Authorization"] = []string{"Bearer " + cfg.token}
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return fmt.Errorf("convex: %s %s: %w", kind, path, err)
	}
	defer resp.Body.Close()

	// A declared length over the limit fails before reading; an undeclared
	// one is read up to one byte past the limit.
	if resp.ContentLength > c.maxResponse {
		return c.errTooLarge(kind, path, resp.StatusCode)
	}
	respBuf := bufferPool.Get().(*bytes.Buffer)
	defer putBuffer(respBuf)
	respBuf.Reset()
	if resp.ContentLength > 0 {
		respBuf.Grow(int(resp.ContentLength) + bytes.MinRead)
	}
	if _, err := respBuf.ReadFrom(io.LimitReader(resp.Body, c.maxResponse+1)); err != nil {
		return fmt.Errorf("convex: %s %s: HTTP %d: reading response body: %w", kind, path, resp.StatusCode, err)
	}
	if int64(respBuf.Len()) > c.maxResponse {
		return c.errTooLarge(kind, path, resp.StatusCode)
	}
	return c.handleResponse(ctx, kind, path, cfg.token, resp.StatusCode, respBuf.Bytes(), result)
}

func (c *Client) errTooLarge(kind Kind, path string, status int) error {
	return fmt.Errorf("convex: %s %s: HTTP %d: response body exceeds the limit of %d bytes (WithMaxResponseBytes)",
		kind, path, status, c.maxResponse)
}

var jsonContentType = []string{"application/json"}

// statusUDFFailed is the status the official client accepts, besides 2xx,
// as a function-error envelope (STATUS_CODE_UDF_FAILED).
const statusUDFFailed = 560

// handleResponse turns a response into the decoded result or a typed error.
// body is only valid during the call. Text the deployment sent back goes
// through redact before it reaches an error or a log line.
func (c *Client) handleResponse(ctx context.Context, kind Kind, path, token string, status int, body []byte, result any) error {
	switch {
	case status == http.StatusUnauthorized:
		code, msg := parseHTTPErrorBody(body)
		return &AuthError{Kind: kind, Path: path, Code: redact(code, token), Message: redact(msg, token)}
	case status/100 != 2 && status != statusUDFFailed:
		code, msg := parseHTTPErrorBody(body)
		return &HTTPError{Kind: kind, Path: path, Status: status, Code: redact(code, token), Message: redact(msg, token)}
	}
	env, err := parseEnvelope(body)
	if err != nil {
		return fmt.Errorf("convex: %s %s: HTTP %d: malformed response body: %w", kind, path, status, err)
	}
	if c.logger != nil {
		for _, line := range env.logLines {
			c.logger.LogAttrs(ctx, slog.LevelInfo, redact(line, token), slog.String("convex_function", path), slog.String("convex_kind", kind.String()))
		}
	}
	switch env.status {
	case "success":
		if env.value == nil {
			return fmt.Errorf("convex: %s %s: HTTP %d: success response without a value", kind, path, status)
		}
		if result == nil {
			return nil
		}
		if err := unmarshal(env.value, result); err != nil {
			return fmt.Errorf("convex: %s %s: result: %w", kind, path, err)
		}
		return nil
	case "error":
		msg := redact(env.errorMessage, token)
		if env.errorData == nil {
			return &FunctionError{Kind: kind, Path: path, Message: msg}
		}
		var data Value
		if err := unmarshal(env.errorData, &data); err != nil {
			return fmt.Errorf("convex: %s %s: ConvexError %q with invalid data: %w", kind, path, msg, err)
		}
		return &ConvexError{Kind: kind, Path: path, Message: msg, Data: data}
	default:
		return fmt.Errorf("convex: %s %s: HTTP %d: invalid response status %q", kind, path, status, redact(env.status, token))
	}
}

// redact removes the caller's token from text the deployment sent back. The
// client itself never writes the token anywhere but the Authorization
// header; this keeps a proxy or error page that echoes request headers from
// putting it into an error string or a log line.
func redact(text, token string) string {
	if token == "" || !strings.Contains(text, token) {
		return text
	}
	return strings.ReplaceAll(text, token, "[token]")
}

// maxErrorText bounds how much of a non-JSON error body ends up in an error.
const maxErrorText = 512

// parseHTTPErrorBody reads the deployment's {"code","message"}; for any
// other body it returns the start of the text as the message.
func parseHTTPErrorBody(body []byte) (code, message string) {
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(body, &e); err == nil && (e.Code != "" || e.Message != "") {
		return e.Code, e.Message
	}
	text := strings.ToValidUTF8(strings.TrimSpace(string(body[:min(len(body), maxErrorText)])), "\uFFFD")
	if len(body) > maxErrorText {
		text += "…"
	}
	return "", text
}

// appendRequestBody writes the body ConvexHttpClient sends:
// {"path":…,"format":"convex_encoded_json","args":[{…}]}.
func appendRequestBody(dst []byte, path string, args any) ([]byte, error) {
	dst = append(dst, `{"path":`...)
	dst = appendString(dst, path)
	dst = append(dst, `,"format":"convex_encoded_json","args":[`...)
	dst, err := appendArgs(dst, args)
	if err != nil {
		return nil, err
	}
	return append(dst, "]}"...), nil
}

// appendArgs writes the arguments object; nil (or a nil pointer or map)
// means {}, as undefined does for parseArgs, and anything that is not an
// object is refused as parseArgs refuses it.
func appendArgs(dst []byte, args any) ([]byte, error) {
	start := len(dst)
	dst, err := appendMarshal(dst, args)
	if err != nil {
		return nil, fmt.Errorf("arguments: %w", err)
	}
	switch {
	case string(dst[start:]) == "null":
		return append(dst[:start], "{}"...), nil
	case dst[start] != '{' || bytes.HasPrefix(dst[start:], []byte(`{"$`)):
		// A '$' key at the top can only be $integer, $float or $bytes.
		return nil, errors.New("arguments must be an object (a struct or a map)")
	}
	return dst, nil
}
