package convex

import (
	"encoding/json"
	"testing"
)

func vectorSeeds(f *testing.F) []string {
	var seeds []string
	for _, c := range loadVectors(f) {
		for _, s := range []string{c.JSON, c.Input} {
			if s != "" {
				seeds = append(seeds, s)
			}
		}
	}
	return seeds
}

// FuzzUnmarshal: any input either fails cleanly or decodes to a Value whose
// canonical encoding decodes back to the same Value and is a fixed point.
// Decoding into other targets must never panic.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range vectorSeeds(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var native any
		_ = Unmarshal(data, &native)
		var doc struct {
			ID   string           `json:"_id"`
			N    int64            `json:"n"`
			F    float64          `json:"f"`
			B    []byte           `json:"b"`
			L    []map[string]any `json:"l"`
			Next *Value           `json:"next"`
		}
		_ = Unmarshal(data, &doc)

		var v Value
		if err := Unmarshal(data, &v); err != nil {
			return
		}
		enc, err := Marshal(v)
		if err != nil {
			t.Fatalf("decoded %q but cannot encode it: %v", data, err)
		}
		var back Value
		if err := Unmarshal(enc, &back); err != nil {
			t.Fatalf("canonical encoding %s of %q does not decode: %v", enc, data, err)
		}
		if !back.Equal(v) {
			t.Fatalf("%q → %s → %v: value changed", data, enc, back)
		}
		again, err := Marshal(back)
		if err != nil || string(again) != string(enc) {
			t.Fatalf("encoding is not canonical: %s then %s (%v)", enc, again, err)
		}
		if !json.Valid(enc) {
			t.Fatalf("Marshal wrote invalid JSON %s", enc)
		}
	})
}

// FuzzParseEnvelope: the response parser never panics, and what it accepts
// hands on value and errorData as well-formed JSON.
func FuzzParseEnvelope(f *testing.F) {
	for _, s := range vectorSeeds(f) {
		f.Add([]byte(`{"status":"success","value":` + s + `,"logLines":["a"]}`))
		f.Add([]byte(`{"status":"error","errorMessage":"m","errorData":` + s + `}`))
	}
	f.Add([]byte(`{"status":"error","errorMessage":"[Request ID: 1] Server Error"}`))
	f.Add([]byte(`{"logLines":null,"extra":[1,{"x":[]}],"status":"success","value":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := parseEnvelope(body)
		if err != nil {
			return
		}
		if !json.Valid(body) {
			t.Fatalf("accepted invalid JSON %q", body)
		}
		for _, raw := range [][]byte{env.value, env.errorData} {
			if raw != nil && !json.Valid(raw) {
				t.Fatalf("field %q of %q is not JSON", raw, body)
			}
		}
	})
}
