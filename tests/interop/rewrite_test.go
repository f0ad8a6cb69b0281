package interop

import (
	"bytes"
	"io"
	"net/http"
	"strings"
)

// emailRewriter makes "x@example.com" in request bodies "x+<tag>@example.com"
// and the reverse in response bodies, so scenarios sharing one real
// harness get distinct users while their observations stay comparable.
type emailRewriter struct{ tag string }

func (e emailRewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		body = []byte(strings.ReplaceAll(string(body), "@example.com", "+"+e.tag+"@example.com"))
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	body = []byte(strings.ReplaceAll(string(body), "+"+e.tag+"@example.com", "@example.com"))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}
