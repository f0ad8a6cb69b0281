package live

import (
	"bufio"
	"context"
	"errors"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestStreamSSEWritesUpdatesAndErrorsAsEvents(t *testing.T) {
	seq := func(yield func([]string, error) bool) {
		_ = yield([]string{"a"}, nil) &&
			yield(nil, errors.New("query failed\nevent: forged")) &&
			yield([]string{"a", "b"}, nil)
	}
	done := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done <- StreamSSE(w, r, iter.Seq2[[]string, error](seq), nil)
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	body, _ := io.ReadAll(resp.Body)
	want := "event: update\ndata: [\"a\"]\n\n" +
		"event: error\ndata: query failed\ndata: event: forged\n\n" +
		"event: update\ndata: [\"a\",\"b\"]\n\n"
	if string(body) != want {
		t.Fatalf("stream:\n%q\nwant\n%q", body, want)
	}
	if err := <-done; err != nil {
		t.Fatalf("StreamSSE returned %v after the sequence ended cleanly", err)
	}
}

func TestStreamSSEStopsWhenTheBrowserLeaves(t *testing.T) {
	stopped := make(chan struct{})
	seq := func(yield func(int, error) bool) {
		defer close(stopped)
		for i := 0; ; i++ {
			if !yield(i, nil) {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}
	done := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done <- StreamSSE(w, r, iter.Seq2[int, error](seq), nil)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	if !strings.HasPrefix(line, "event: update") {
		t.Fatalf("first line %q", line)
	}
	cancel()
	resp.Body.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("StreamSSE returned %v when the browser left", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("StreamSSE kept going after the browser left")
	}
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the watch was not stopped")
	}
}
