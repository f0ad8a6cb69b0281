package convex

import (
	"encoding/hex"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"strconv"
	"testing"
)

// The vectors come from the official convex/values (tests/node/vectors.mjs);
// see that script for the format.
type vectorFile struct {
	Generator string       `json:"generator"`
	Convex    string       `json:"convex"`
	Cases     []vectorCase `json:"cases"`
}

type vectorCase struct {
	Name  string          `json:"name"`
	Kind  string          `json:"kind"`
	JSON  string          `json:"json"`
	Input string          `json:"input"`
	Error string          `json:"error"`
	Value json.RawMessage `json:"value"`
}

// vectorNode is one value description.
type vectorNode struct {
	T    string          `json:"t"`
	V    json.RawMessage `json:"v"`
	Bits string          `json:"bits"`
	Hex  string          `json:"hex"`
	JS   string          `json:"js"`
}

func loadVectors(t testing.TB) []vectorCase {
	t.Helper()
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatalf("reading vectors (regenerate with `node tests/node/vectors.mjs > convex/testdata/vectors.json` after `make node-deps`): %v", err)
	}
	var f vectorFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("parsing vectors: %v", err)
	}
	return f.Cases
}

func parseNode(t testing.TB, raw json.RawMessage) vectorNode {
	t.Helper()
	var n vectorNode
	if err := json.Unmarshal(raw, &n); err != nil {
		t.Fatalf("bad value description %s: %v", raw, err)
	}
	return n
}

// expectedValue builds the Value a description stands for; ok is false for
// undefined, which an object drops.
func expectedValue(t testing.TB, raw json.RawMessage) (Value, bool) {
	t.Helper()
	n := parseNode(t, raw)
	switch n.T {
	case "undefined":
		return Value{}, false
	case "null":
		return NullValue(), true
	case "bool":
		var b bool
		mustUnmarshalJSON(t, n.V, &b)
		return BoolValue(b), true
	case "float64":
		bits, err := strconv.ParseUint(n.Bits, 16, 64)
		if err != nil {
			t.Fatalf("bad float bits %q", n.Bits)
		}
		return Float64Value(math.Float64frombits(bits)), true
	case "int64":
		var s string
		mustUnmarshalJSON(t, n.V, &s)
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("bad int64 %q", s)
		}
		return Int64Value(i), true
	case "string":
		var s string
		mustUnmarshalJSON(t, n.V, &s)
		return StringValue(s), true
	case "commitTs":
		return CommitTsValue(), true
	case "bytes":
		b, err := hex.DecodeString(n.Hex)
		if err != nil {
			t.Fatalf("bad hex %q", n.Hex)
		}
		return BytesValue(b), true
	case "array":
		var elems []json.RawMessage
		mustUnmarshalJSON(t, n.V, &elems)
		out := []Value{}
		for _, e := range elems {
			v, _ := expectedValue(t, e)
			out = append(out, v)
		}
		return ArrayValue(out...), true
	case "object":
		var fields map[string]json.RawMessage
		mustUnmarshalJSON(t, n.V, &fields)
		out := map[string]Value{}
		for k, e := range fields {
			if v, ok := expectedValue(t, e); ok {
				out[k] = v
			}
		}
		return ObjectValue(out), true
	}
	t.Fatalf("no Value for description %s", raw)
	return Value{}, false
}

// goInput builds the Go value an encode_error description stands for: the
// closest thing Go has to the JavaScript value convexToJson refused.
func goInput(t testing.TB, raw json.RawMessage) any {
	t.Helper()
	n := parseNode(t, raw)
	switch n.T {
	case "bigint":
		var s string
		mustUnmarshalJSON(t, n.V, &s)
		b, ok := new(big.Int).SetString(s, 10)
		if !ok || !b.IsUint64() {
			t.Fatalf("bigint %s has no Go integer type", s)
		}
		return b.Uint64()
	case "unsupported":
		// Go counterparts of types no Convex value maps to.
		switch n.JS {
		case "Uint8Array":
			return complex(1, 0)
		case "Date":
			return make(chan int)
		default:
			return func() {}
		}
	case "object":
		var fields map[string]json.RawMessage
		mustUnmarshalJSON(t, n.V, &fields)
		out := map[string]any{}
		for k, e := range fields {
			out[k] = goInput(t, e)
		}
		return out
	case "array":
		var elems []json.RawMessage
		mustUnmarshalJSON(t, n.V, &elems)
		out := []any{}
		for _, e := range elems {
			out = append(out, goInput(t, e))
		}
		return out
	}
	v, _ := expectedValue(t, raw)
	return v.Interface()
}

func mustUnmarshalJSON(t testing.TB, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("json.Unmarshal(%s): %v", data, err)
	}
}

func TestVectorsCoverTheReference(t *testing.T) {
	cases := loadVectors(t)
	if len(cases) < 60 {
		t.Fatalf("%d vectors, want at least 60", len(cases))
	}
	kinds := map[string]int{}
	for _, c := range cases {
		kinds[c.Kind]++
	}
	for _, k := range []string{"value", "decode", "decode_error", "encode_error"} {
		if kinds[k] == 0 {
			t.Errorf("no %s vectors", k)
		}
	}
}

// TestVectorsEncode: Marshal writes byte-for-byte what convexToJson +
// JSON.stringify wrote, from a Value and from plain Go values.
func TestVectorsEncode(t *testing.T) {
	for _, c := range loadVectors(t) {
		if c.Kind != "value" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			want, _ := expectedValue(t, c.Value)
			got, err := Marshal(want)
			if err != nil || string(got) != c.JSON {
				t.Fatalf("Marshal(Value) = %s, %v\nwant %s", got, err, c.JSON)
			}
			got, err = Marshal(want.Interface())
			if err != nil || string(got) != c.JSON {
				t.Fatalf("Marshal(%#v) = %s, %v\nwant %s", want.Interface(), got, err, c.JSON)
			}
		})
	}
}

// TestVectorsDecode: Unmarshal produces exactly the value jsonToConvex
// produced (int64s, bytes and float bits included), into a Value and into an
// empty interface, and re-encodes it canonically.
func TestVectorsDecode(t *testing.T) {
	for _, c := range loadVectors(t) {
		if c.Kind != "value" && c.Kind != "decode" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			input := c.Input
			if c.Kind == "value" {
				input = c.JSON
			}
			want, _ := expectedValue(t, c.Value)
			var got Value
			if err := Unmarshal([]byte(input), &got); err != nil {
				t.Fatalf("Unmarshal(%s): %v", input, err)
			}
			if !got.Equal(want) {
				t.Fatalf("Unmarshal(%s) = %v, want %v", input, got, want)
			}
			var native any
			if err := Unmarshal([]byte(input), &native); err != nil {
				t.Fatalf("Unmarshal(%s) into any: %v", input, err)
			}
			again, err := Marshal(native)
			if err != nil || string(again) != c.JSON {
				t.Fatalf("Marshal(Unmarshal(%s)) = %s, %v; want %s", input, again, err, c.JSON)
			}
		})
	}
}

func TestVectorsDecodeErrors(t *testing.T) {
	for _, c := range loadVectors(t) {
		if c.Kind != "decode_error" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			var v Value
			if err := Unmarshal([]byte(c.Input), &v); err == nil {
				t.Errorf("Unmarshal(%s) into Value = %v, want an error like %q", c.Input, v, c.Error)
			}
			var native any
			if err := Unmarshal([]byte(c.Input), &native); err == nil {
				t.Errorf("Unmarshal(%s) into any = %#v, want an error like %q", c.Input, native, c.Error)
			}
			var s struct {
				A any `json:"a"`
			}
			if err := Unmarshal([]byte(c.Input), &s); err == nil {
				t.Errorf("Unmarshal(%s) into a struct succeeded, want an error like %q", c.Input, c.Error)
			}
		})
	}
}

func TestVectorsEncodeErrors(t *testing.T) {
	for _, c := range loadVectors(t) {
		if c.Kind != "encode_error" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			in := goInput(t, c.Value)
			if got, err := Marshal(in); err == nil {
				t.Errorf("Marshal(%T) = %s, want an error like %q", in, got, c.Error)
			}
		})
	}
}
