package doctor

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// maxBody bounds every response doctor reads: a misrouted request may land
// on something that streams a large page.
const maxBody = 1 << 20

type response struct {
	status int
	header http.Header
	body   []byte
}

// get performs one GET and records the server's Date header for the clock check.
func (d *doctor) get(ctx context.Context, url string, header http.Header) (*response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("building request for %s: %w", url, err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	return d.do(req)
}

func (d *doctor) do(req *http.Request) (*response, error) {
	resp, err := d.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	received := d.now()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("reading the response of %s: %w", req.URL, err)
	}
	d.noteDate(resp.Header.Get("Date"), received)
	return &response{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

func (d *doctor) noteDate(header string, received time.Time) {
	if d.skewMeasure || header == "" {
		return
	}
	date, err := http.ParseTime(header)
	if err != nil {
		return
	}
	d.serverDate = date
	// The Date header has whole-second resolution: compare at that resolution.
	d.serverSkew = received.Truncate(time.Second).Sub(date)
	d.skewMeasure = true
}

// snippet is a short, single-line excerpt of a response body for findings.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if s == "" {
		return "(empty body)"
	}
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// authURL joins the site URL, the base path and a suffix under it.
func (d *doctor) authURL(suffix string) string {
	return strings.TrimRight(d.siteURL, "/") + strings.TrimSuffix(d.cfg.BasePath, "/") + suffix
}
