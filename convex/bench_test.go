package convex

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchDoc is a realistic Convex document: system fields, strings, a list,
// a record, an optional field and numbers.
type benchDoc struct {
	ID           string             `json:"_id"`
	CreationTime float64            `json:"_creationTime"`
	Author       string             `json:"author"`
	Body         string             `json:"body"`
	Channel      string             `json:"channel"`
	Tags         []string           `json:"tags"`
	Likes        float64            `json:"likes"`
	Pinned       bool               `json:"pinned"`
	EditedAt     *float64           `json:"editedAt,omitempty"`
	Reactions    map[string]float64 `json:"reactions"`
}

func benchDocs(n int) []benchDoc {
	docs := make([]benchDoc, n)
	for i := range docs {
		d := benchDoc{
			ID:           fmt.Sprintf("k57%021dmsg", i),
			CreationTime: 1724300000000.123 + float64(i)*1000.5,
			Author:       fmt.Sprintf("user_%d", i%37),
			Body:         fmt.Sprintf("Message number %d: hello \"world\", see https://example.com/p?q=%d — ✓", i, i),
			Channel:      fmt.Sprintf("k97%021dchn", i%5),
			Tags:         []string{"general", fmt.Sprintf("t%d", i%9)},
			Likes:        float64(i % 100),
			Pinned:       i%11 == 0,
			Reactions:    map[string]float64{"thumbsup": float64(i % 7), "heart": float64(i % 3)},
		}
		if i%4 == 0 {
			edited := d.CreationTime + 60000
			d.EditedAt = &edited
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkMarshal1000Docs compares Marshal with encoding/json on the same
// 1,000 documents.
func BenchmarkMarshal1000Docs(b *testing.B) {
	docs := benchDocs(1000)
	b.Run("convex", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Marshal(docs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(docs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkUnmarshal1000Docs compares Unmarshal with encoding/json, each
// decoding its own encoding of the same 1,000 documents.
func BenchmarkUnmarshal1000Docs(b *testing.B) {
	docs := benchDocs(1000)
	convexData, err := Marshal(docs)
	if err != nil {
		b.Fatal(err)
	}
	jsonData, err := json.Marshal(docs)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("convex", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(convexData)))
		for b.Loop() {
			var out []benchDoc
			if err := Unmarshal(convexData, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(jsonData)))
		for b.Loop() {
			var out []benchDoc
			if err := json.Unmarshal(jsonData, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

type benchArgs struct {
	Channel string  `json:"channel"`
	Limit   float64 `json:"limit"`
}

// BenchmarkQueryCall compares a query through Client with a hand-written
// net/http + encoding/json call, against the same server and response (20
// documents).
func BenchmarkQueryCall(b *testing.B) {
	value, err := Marshal(benchDocs(20))
	if err != nil {
		b.Fatal(err)
	}
	response := []byte(`{"status":"success","value":` + string(value) + `}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(response)
	}))
	b.Cleanup(srv.Close)
	args := benchArgs{Channel: "k97000000000000000000000chn", Limit: 20}
	ctx := context.Background()

	b.Run("convex_client", func(b *testing.B) {
		c, err := NewClient(srv.URL)
		if err != nil {
			b.Fatal(err)
		}
		ref := NewQuery[benchArgs, []benchDoc]("messages:list")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Query(ctx, c, ref, args, WithToken("eyJ.bench.jwt")); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("net_http_encoding_json", func(b *testing.B) {
		hc := &http.Client{Transport: sharedTransport().Clone()}
		url := srv.URL + "/api/query"
		b.ReportAllocs()
		for b.Loop() {
			body, err := json.Marshal(map[string]any{"path": "messages:list", "format": "convex_encoded_json", "args": []any{args}})
			if err != nil {
				b.Fatal(err)
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Convex-Client", DefaultClientName)
			req.Header.Set("Authorization", "Bearer eyJ.bench.jwt")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var env struct {
				Status string     `json:"status"`
				Value  []benchDoc `json:"value"`
			}
			err = json.NewDecoder(resp.Body).Decode(&env)
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || env.Status != "success" {
				b.Fatal(err, env.Status)
			}
		}
	})
}
