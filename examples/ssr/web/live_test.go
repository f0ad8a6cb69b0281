package web_test

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// nextUpdate reads Server-Sent Events until an "update" and returns its
// data, failing on an "error" event or the end of the stream.
func nextUpdate(t *testing.T, events *bufio.Reader) string {
	t.Helper()
	var name string
	var data []string
	for {
		line, err := events.ReadString('\n')
		if err != nil {
			t.Fatalf("the live stream ended: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		case line == "" && name != "":
			if name != "update" {
				t.Fatalf("live stream sent a %q event: %s", name, strings.Join(data, "\n"))
			}
			return strings.Join(data, "\n")
		}
	}
}

// TestLiveListShowsSentMessage follows /dashboard/live: the first update is
// the list as an HTML fragment, and a message sent through the form arrives
// as the next update, escaped, without another request.
func TestLiveListShowsSentMessage(t *testing.T) {
	a := startApp(t)
	wantRedirect(t, a.signUp(t, "/dashboard"), "/dashboard")

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.url+"/dashboard/live", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("/dashboard/live: status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	events := bufio.NewReader(resp.Body)
	if first := nextUpdate(t, events); !strings.Contains(first, "This list came from the typed messages:list query.") || strings.Contains(first, "<html") {
		t.Fatalf("first update is not the list fragment:\n%s", first)
	}

	sent, _ := a.post(t, "/dashboard/messages", url.Values{"body": {"<b>hello</b> from the test"}})
	wantRedirect(t, sent, "/dashboard")
	update := nextUpdate(t, events)
	if !strings.Contains(update, "<strong>Grace Hopper</strong>: &lt;b&gt;hello&lt;/b&gt; from the test") {
		t.Fatalf("the update after messages:send lacks the escaped message:\n%s", update)
	}
	_, page := a.get(t, "/dashboard")
	if !strings.Contains(page, "&lt;b&gt;hello&lt;/b&gt; from the test") {
		t.Errorf("the dashboard does not render the sent message:\n%s", page)
	}
}

// TestSendMessageRejectsEmptyAndAnonymous: the send form and the live
// stream are behind the /dashboard route rule, and an empty message gets a
// 400 page rather than a call.
func TestSendMessageRejectsEmptyAndAnonymous(t *testing.T) {
	a := startApp(t)
	resp, _ := a.post(t, "/dashboard/messages", url.Values{"body": {"hi"}})
	wantRedirect(t, resp, "/sign-in?redirect_to=%2Fdashboard%2Fmessages")
	resp, _ = a.get(t, "/dashboard/live")
	wantRedirect(t, resp, "/sign-in?redirect_to=%2Fdashboard%2Flive")

	wantRedirect(t, a.signUp(t, "/dashboard"), "/dashboard")
	resp, body := a.post(t, "/dashboard/messages", url.Values{"body": {"  "}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "A message needs some text.") {
		t.Fatalf("empty message: status %d\n%s", resp.StatusCode, body)
	}
}
