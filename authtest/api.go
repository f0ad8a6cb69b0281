package authtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/authgen/authgen/convex"
)

// maxRequestBytes is MAX_BACKEND_PUBLIC_API_REQUEST_SIZE.
const maxRequestBytes = 16<<20 + 2000

// apiHandler serves the deployment's API URL.
func (d *Deployment) apiHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /api/query", d.functionEndpoint(kindQuery))
	mux.Handle("POST /api/mutation", d.functionEndpoint(kindMutation))
	mux.Handle("POST /api/action", d.functionEndpoint(kindAction))
	mux.HandleFunc("GET /api/sync", d.syncHandler)
	mux.HandleFunc("GET /api/{version}/sync", d.syncHandler)
	return mux
}

// udfRequest is UdfPostRequest.
type udfRequest struct {
	Path   string          `json:"path"`
	Args   json.RawMessage `json:"args"`
	Format *string         `json:"format"`
}

// functionEndpoint answers POST /api/query|mutation|action: request-level
// problems as {"code","message"} with a 4xx status, everything the function
// does as 200 with {"status":"success"|"error",...}.
func (d *Deployment) functionEndpoint(k kind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		value, err := d.runRequest(r, k)
		var reqErr *requestError
		if errors.As(err, &reqErr) {
			writeJSON(w, reqErr.Status, reqErr)
			return
		}
		if err != nil {
			writeUdfError(w, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status":"success","value":%s}`, value)
		if k == kindMutation {
			d.invalidateSubscriptions()
		}
	})
}

// runRequest checks the request as the backend does, in its order (auth
// header shape, body, format, path, token, function lookup), runs the
// function and returns its result in the requested format.
func (d *Deployment) runRequest(r *http.Request, k kind) ([]byte, error) {
	token, reqErr := bearerToken(r.Header.Get("Authorization"))
	if reqErr != nil {
		return nil, reqErr
	}
	if !isJSONContentType(r.Header.Get("Content-Type")) {
		return nil, &requestError{http.StatusBadRequest, "BadJsonBody", "Expected request with `Content-Type: application/json`"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxRequestBytes))
	if err != nil {
		return nil, &requestError{http.StatusRequestEntityTooLarge, "PayloadTooLarge", "Request body exceeds the maximum size"}
	}
	var req udfRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, &requestError{http.StatusBadRequest, "BadJsonBody", "Failed to deserialize the JSON body: " + err.Error()}
	}
	setCallFunction(r.Context(), req.Path)
	clean, reqErr := parseFormat(req.Format)
	if reqErr != nil {
		return nil, reqErr
	}
	canonical, err := canonicalPath(req.Path)
	if err != nil {
		return nil, &requestError{http.StatusBadRequest, "BadConvexFunctionIdentifier", fmt.Sprintf("Invalid function identifier %q: %v", req.Path, err)}
	}
	var id *Identity
	if token != "" {
		if id, reqErr = d.verifyToken(token); reqErr != nil {
			return nil, reqErr
		}
	}
	fn, err := d.lookup(canonical, k)
	if err != nil {
		return nil, err
	}
	args, err := singleArgument(req.Args)
	if err != nil {
		return nil, systemError(fmt.Sprintf("Invalid arguments for %s: %v", canonical, err))
	}
	value, err := fn.call(r.Context(), id, args)
	if err != nil {
		return nil, err
	}
	if clean {
		return cleanJSON(value)
	}
	return value, nil
}

// lookup finds the function at a canonical path and checks its kind, with
// the backend's messages when it is missing or of another kind.
func (d *Deployment) lookup(canonical string, k kind) (function, error) {
	d.mu.Lock()
	fn, ok := d.functions[canonical]
	d.mu.Unlock()
	switch {
	case !ok:
		return fn, systemError(fmt.Sprintf("Could not find public function for '%s'. Did you forget to run `npx convex dev` or `npx convex deploy`?", canonical))
	case fn.kind != k:
		return fn, systemError(fmt.Sprintf("Trying to execute %s as %s, but it is defined as %s.", canonical, k, fn.kind))
	}
	return fn, nil
}

func isJSONContentType(header string) bool {
	mediaType, _, err := mime.ParseMediaType(header)
	return err == nil && (mediaType == "application/json" || strings.HasSuffix(mediaType, "+json"))
}

// parseFormat reports whether the response uses the clean "json" format;
// absent means clean for every client but old ones.
func parseFormat(format *string) (clean bool, _ *requestError) {
	if format == nil {
		return true, nil
	}
	switch *format {
	case "convex_encoded_json", "convex_json":
		return false, nil
	case "json", "convex_clean_json":
		return true, nil
	}
	return false, &requestError{http.StatusBadRequest, "BadFormat", fmt.Sprintf("Unsupported format: %s", *format)}
}

// singleArgument applies UdfArgsJson: an array is the legacy positional
// form whose first element is the argument object, anything else is the
// object itself; absent arguments are {}.
func singleArgument(raw json.RawMessage) ([]byte, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return []byte("{}"), nil
	}
	if raw[0] != '[' {
		return raw, nil
	}
	var positional []json.RawMessage
	if err := json.Unmarshal(raw, &positional); err != nil {
		return nil, err
	}
	switch len(positional) {
	case 0:
		return []byte("{}"), nil
	case 1:
		return positional[0], nil
	}
	return nil, fmt.Errorf("expected one argument object, got %d", len(positional))
}

// systemErr is an error the backend raises itself rather than the function
// throwing it; its message has no "Uncaught" prefix.
type systemErr struct{ msg string }

func (e *systemErr) Error() string { return e.msg }

func systemError(msg string) error { return &systemErr{msg} }

// udfError is how the backend reports a failed function: its errorMessage
// and, for a thrown ConvexError, its errorData (the Convex JSON of data).
func udfError(requestID string, err error) (message string, data json.RawMessage) {
	var sys *systemErr
	var ce *convexError
	switch {
	case errors.As(err, &sys):
		return fmt.Sprintf("[Request ID: %s] Server Error\n%s", requestID, sys.msg), nil
	case errors.As(err, &ce):
		encoded, encErr := convex.Marshal(ce.data)
		if encErr != nil {
			return errorMessage(requestID, fmt.Errorf("ConvexError data is not a Convex value: %w", encErr)), nil
		}
		return errorMessage(requestID, err), encoded
	}
	return errorMessage(requestID, err), nil
}

// writeUdfError writes {"status":"error", "errorMessage", "errorData"?}.
func writeUdfError(w http.ResponseWriter, err error) {
	var out struct {
		Status       string          `json:"status"`
		ErrorMessage string          `json:"errorMessage"`
		ErrorData    json.RawMessage `json:"errorData,omitempty"`
	}
	out.Status = "error"
	out.ErrorMessage, out.ErrorData = udfError(randomHex(16), err)
	writeJSON(w, http.StatusOK, out)
}
