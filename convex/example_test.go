package convex_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/authgen/authgen/convex"
)

// Marshal writes Convex's JSON encoding: an int64 (v.int64(), a bigint in
// TypeScript) becomes {"$integer": base64 of its 8 little-endian bytes} and
// a []byte (v.bytes(), an ArrayBuffer) {"$bytes": base64}; a float64 stays a
// JSON number. Object keys come out sorted, as Convex writes them.
func ExampleMarshal() {
	type Upload struct {
		Name  string  `json:"name"`
		Size  int64   `json:"size"`
		Ratio float64 `json:"ratio"`
		Data  []byte  `json:"data"`
	}
	data, err := convex.Marshal(Upload{Name: "hi.txt", Size: 1 << 40, Ratio: 0.5, Data: []byte("hi")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data))

	var back Upload
	if err := convex.Unmarshal(data, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Size, string(back.Data))
	// Output:
	// {"data":{"$bytes":"aGk="},"name":"hi.txt","ratio":0.5,"size":{"$integer":"AAAAAAABAAA="}}
	// 1099511627776 hi
}

// A Client calls a deployment's public functions over its HTTP API. Here an
// httptest server stands in for the deployment's /api/query endpoint.
func ExampleClient() {
	deployment := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Path string `json:"path"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fmt.Println("deployment got:", r.Method, r.URL.Path, req.Path)
		fmt.Fprint(w, `{"status":"success","value":[{"author":"ada","body":"hello","likes":{"$integer":"BwAAAAAAAAA="}}]}`)
	}))
	defer deployment.Close()

	client, err := convex.NewClient(deployment.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	type ListArgs struct {
		Channel string `json:"channel"`
	}
	type Message struct {
		Author string `json:"author"`
		Body   string `json:"body"`
		Likes  int64  `json:"likes"`
	}
	list := convex.NewQuery[ListArgs, []Message]("messages:list")
	messages, err := convex.Query(context.Background(), client, list, ListArgs{Channel: "general"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range messages {
		fmt.Printf("%s: %s (%d likes)\n", m.Author, m.Body, m.Likes)
	}
	// Output:
	// deployment got: POST /api/query messages:list
	// ada: hello (7 likes)
}
