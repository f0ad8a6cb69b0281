package live

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// SSEHeartbeat is how often StreamSSE writes a comment line on a quiet
// stream, so proxies and load balancers keep the connection open.
const SSEHeartbeat = 15 * time.Second

// StreamSSE sends the items of seq (usually a Watch) to the browser as
// Server-Sent Events until seq ends or the browser goes away: a value is an
// "update" event whose data is render(v) (JSON when render is nil), an error
// an "error" event with the error's message. A browser's EventSource, or
// htmx's SSE extension, shows each update as it happens.
//
// It returns nil when the browser left, else the error that ended seq or
// the write that failed. Errors reaching the browser carry no token: the
// runtime never puts one in an error.
func StreamSSE[R any](w http.ResponseWriter, r *http.Request, seq iter.Seq2[R, error], render func(R) ([]byte, error)) error {
	if render == nil {
		render = func(v R) ([]byte, error) { return json.Marshal(v) }
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	if err := rc.Flush(); err != nil {
		return fmt.Errorf("live: the response cannot stream: %w", err)
	}

	type item struct {
		v   R
		err error
	}
	items := make(chan item)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(items)
		for v, err := range seq {
			select {
			case items <- item{v, err}:
			case <-stop:
				return
			}
		}
	}()

	heartbeat := time.NewTicker(SSEHeartbeat)
	defer heartbeat.Stop()
	var last error
	for {
		var event []byte
		select {
		case <-r.Context().Done():
			return nil
		case <-heartbeat.C:
			event = []byte(": keep-alive\n\n")
		case it, ok := <-items:
			if !ok {
				if r.Context().Err() != nil {
					return nil
				}
				return last
			}
			if it.err != nil {
				last = it.err
				event = sseEvent("error", []byte(it.err.Error()))
				break
			}
			last = nil
			data, err := render(it.v)
			if err != nil {
				last = fmt.Errorf("live: rendering an update: %w", err)
				event = sseEvent("error", []byte("could not render the update"))
				break
			}
			event = sseEvent("update", data)
		}
		if _, err := w.Write(event); err != nil {
			return err
		}
		if err := rc.Flush(); err != nil {
			return err
		}
	}
}

// sseEvent formats one event; each line of data gets its own "data:" field,
// so a newline in data cannot start a new field or event.
func sseEvent(name string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("event: ")
	b.WriteString(name)
	b.WriteByte('\n')
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		b.WriteString("data: ")
		b.Write(line)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return b.Bytes()
}
