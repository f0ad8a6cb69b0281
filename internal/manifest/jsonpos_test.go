package manifest

import "testing"

// Keys are escaped as in JSON Pointer, escaped keys are decoded, and a
// pointer the index lacks falls back to its nearest ancestor.
func TestJSONIndex(t *testing.T) {
	data := []byte("{\"a/b\": 1,\r\n \"c~d\": [true, {\"\\u0065\": null}],\n\"x\":\"y\\\"z\"}")
	ix := newJSONIndex("f.json", data, true)
	tests := map[string]string{
		"":                     "f.json:1:1",
		child("", "a/b"):       "f.json:1:9",
		child("", "c~d"):       "f.json:2:9",
		"/c~0d/1/e":            "f.json:2:27",
		"/c~0d/1/missing/deep": "f.json:2:16",
		"/x":                   "f.json:3:5",
		"/nothing":             "f.json:1:1",
	}
	for ptr, want := range tests {
		if got := ix.at(ptr).String(); got != want {
			t.Errorf("at(%q) = %s, want %s", ptr, got, want)
		}
	}
	if got := ix.posOf(len(data) + 5).String(); got != "f.json:3:12" {
		t.Errorf("past the end = %s, want f.json:3:12", got)
	}
	if got := ix.posOf(10).String(); got != "f.json:1:11" { // the \n of \r\n
		t.Errorf("inside a line break = %s, want f.json:1:11", got)
	}
}
