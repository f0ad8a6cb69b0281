package convex

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

type UserID string

type profile struct {
	Name     string            `json:"name"`
	Nick     *string           `json:"nick"`              // null when nil
	Bio      *string           `json:"bio,omitempty"`     // absent when nil
	Age      float64           `json:"age,omitzero"`      // absent when 0
	Count    int               `json:"count"`             // a Convex number
	Balance  int64             `json:"balance"`           // a Convex int64
	Avatar   []byte            `json:"avatar,omitempty"`  // $bytes
	Tags     []string          `json:"tags"`              // null when nil
	Meta     map[string]any    `json:"meta,omitempty"`    // nested any
	ID       UserID            `json:"_id"`               // named string type
	Friends  map[UserID]bool   `json:"friends,omitempty"` // named string keys
	Extra    Value             `json:"extra"`             // v.any()
	Raw      json.RawMessage   `json:"raw,omitempty"`     // embedded Convex JSON
	Scores   [2]float32        `json:"scores"`            // arrays
	Skipped  string            `json:"-"`
	Untagged bool              // named by the Go field name
	Nested   *profile          `json:"nested,omitempty"`
	Lookup   map[string]*int64 `json:"lookup,omitempty"`
	//lint:ignore U1000 the codec must skip unexported fields; this one proves it
	private string
}

func TestStructRoundTrip(t *testing.T) {
	nick, bio := "al", "hi <there> & \u2028"
	n := int64(-5)
	in := profile{
		Name: "Ada", Nick: &nick, Bio: &bio, Age: 36.5, Count: 3, Balance: 1 << 62, Avatar: []byte{1, 2, 3},
		Meta: map[string]any{"b": []any{int64(1), 2.5, nil}, "a": "x"}, ID: "u1", Friends: map[UserID]bool{"u2": true},
		Extra: ObjectValue(map[string]Value{"n": Float64Value(math.Inf(-1))}), Raw: json.RawMessage(`{"z": 1.0, "y": [true]}`),
		Scores: [2]float32{0.1, -0}, Skipped: "gone", Untagged: true, Nested: &profile{Name: "child"},
		Lookup: map[string]*int64{"k": &n, "nil": nil},
	}
	data, err := Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Untagged":true,"_id":"u1","age":36.5,"avatar":{"$bytes":"AQID"},"balance":{"$integer":"AAAAAAAAAEA="},` +
		`"bio":"hi <there> & ` + "\u2028" + `","count":3,"extra":{"n":{"$float":"AAAAAAAA8P8="}},"friends":{"u2":true},` +
		`"lookup":{"k":{"$integer":"+/////////8="},"nil":null},"meta":{"a":"x","b":[{"$integer":"AQAAAAAAAAA="},2.5,null]},` +
		`"name":"Ada","nested":{"Untagged":false,"_id":"","balance":{"$integer":"AAAAAAAAAAA="},"count":0,"extra":null,"name":"child","nick":null,"scores":[0,0],"tags":null},` +
		`"nick":"al","raw":{"y":[true],"z":1},"scores":[0.1,0],"tags":null}`
	if string(data) != want {
		t.Fatalf("Marshal:\n got %s\nwant %s", data, want)
	}
	var out profile
	if err := Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	again, err := Marshal(out)
	if err != nil || string(again) != want {
		t.Fatalf("round trip:\n got %s, %v\nwant %s", again, err, want)
	}
	if out.Balance != 1<<62 || *out.Lookup["k"] != -5 || out.Lookup["nil"] != nil || out.Skipped != "" || out.Meta["b"].([]any)[0] != int64(1) {
		t.Errorf("decoded %+v", out)
	}
}

func TestNilAndAbsentStayDistinct(t *testing.T) {
	type args struct {
		Null   *string `json:"null"`
		Absent *string `json:"absent,omitempty"`
	}
	data, err := Marshal(args{})
	if err != nil || string(data) != `{"null":null}` {
		t.Fatalf("Marshal = %s, %v", data, err)
	}
	// Decoding null into a pointer clears it; an absent field leaves it alone.
	s := "keep"
	got := args{Null: &s, Absent: &s}
	if err := Unmarshal([]byte(`{"null":null}`), &got); err != nil || got.Null != nil || got.Absent != &s {
		t.Errorf("got %+v, %v", got, err)
	}
}

type embeddedBase struct {
	ID   string `json:"_id"`
	Kind string `json:"kind"`
}

type embeddedDoc struct {
	embeddedBase
	*EmbeddedMore
	Kind string `json:"kind"` // shadows embeddedBase.Kind
}

type EmbeddedMore struct {
	Extra int64 `json:"extra"`
}

func TestEmbeddedStructsFollowEncodingJSON(t *testing.T) {
	in := embeddedDoc{embeddedBase: embeddedBase{ID: "x", Kind: "hidden"}, Kind: "shown"}
	data, err := Marshal(in)
	if err != nil || string(data) != `{"_id":"x","kind":"shown"}` {
		t.Fatalf("Marshal = %s, %v", data, err)
	}
	var out embeddedDoc
	if err := Unmarshal([]byte(`{"_id":"y","kind":"k","extra":{"$integer":"AgAAAAAAAAA="}}`), &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != "y" || out.Kind != "k" || out.EmbeddedMore == nil || out.Extra != 2 {
		t.Errorf("decoded %+v", out)
	}
}

type textID struct{ n int }

func (t textID) MarshalText() ([]byte, error) { return []byte("id-" + string(rune('0'+t.n))), nil }
func (t *textID) UnmarshalText(b []byte) error {
	if !strings.HasPrefix(string(b), "id-") {
		return errors.New("bad id")
	}
	t.n = int(b[3] - '0')
	return nil
}

func TestTextMarshalers(t *testing.T) {
	ts := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	data, err := Marshal(map[string]any{"t": ts, "id": textID{7}})
	if err != nil || string(data) != `{"id":"id-7","t":"2024-01-02T03:04:05Z"}` {
		t.Fatalf("Marshal = %s, %v", data, err)
	}
	var out struct {
		T  time.Time `json:"t"`
		ID textID    `json:"id"`
	}
	if err := Unmarshal(data, &out); err != nil || !out.T.Equal(ts) || out.ID.n != 7 {
		t.Errorf("got %+v, %v", out, err)
	}
	if err := Unmarshal([]byte(`{"id":"nope"}`), &out); err == nil || !strings.Contains(err.Error(), ".id") {
		t.Errorf("bad text: %v", err)
	}
}

func TestIntegerRules(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{int64(1), `{"$integer":"AQAAAAAAAAA="}`},
		{uint64(1), `{"$integer":"AQAAAAAAAAA="}`},
		{int(-3), `-3`},
		{int32(7), `7`},
		{uint8(255), `255`},
		{float32(0.1), `0.1`},
		{math.NaN(), `{"$float":"AAAAAAAA+H8="}`},
		{[]uint16{1, 2}, `[1,2]`},
	} {
		if got, err := Marshal(tc.in); err != nil || string(got) != tc.want {
			t.Errorf("Marshal(%T %v) = %s, %v; want %s", tc.in, tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []any{uint64(1 << 63), int(1 << 54), uint(1 << 60), complex(1, 1), make(chan int), map[int]string{1: "x"}} {
		if got, err := Marshal(bad); err == nil {
			t.Errorf("Marshal(%T) = %s, want an error", bad, got)
		}
	}

	var i8 int8
	if err := Unmarshal([]byte(`300`), &i8); err == nil {
		t.Error("300 into int8 accepted")
	}
	var i int
	if err := Unmarshal([]byte(`2.5`), &i); err == nil {
		t.Error("2.5 into int accepted")
	}
	if err := Unmarshal([]byte(`{"$integer":"BQAAAAAAAAA="}`), &i); err != nil || i != 5 {
		t.Errorf("$integer into int: %d, %v", i, err)
	}
	var i64 int64
	if err := Unmarshal([]byte(`12`), &i64); err != nil || i64 != 12 {
		t.Errorf("number into int64: %d, %v", i64, err)
	}
	var u uint32
	if err := Unmarshal([]byte(`{"$integer":"//////////8="}`), &u); err == nil {
		t.Error("-1 into uint32 accepted")
	}
	var f float64
	var te *UnmarshalTypeError
	if err := Unmarshal([]byte(`{"$integer":"AQAAAAAAAAA="}`), &f); !errors.As(err, &te) || te.Value != "int64" {
		t.Errorf("$integer into float64: %v", err)
	}
	if err := Unmarshal([]byte(`{"$float":"AAAAAAAAAIA="}`), &f); err != nil || f != 0 || !math.Signbit(f) {
		t.Errorf("-0: %v, %v", f, err)
	}
}

func TestTypeMismatches(t *testing.T) {
	var s struct {
		A string  `json:"a"`
		B []byte  `json:"b"`
		C []int   `json:"c"`
		D bool    `json:"d"`
		E *string `json:"e"`
		M map[string]int
	}
	for _, in := range []string{
		`{"a":1}`, `{"a":{"$bytes":""}}`, `{"b":"AAAA"}`, `{"c":{}}`, `{"c":"x"}`, `{"d":"true"}`,
		`{"e":[1]}`, `{"M":[]}`, `[]`, `"x"`, `{"$integer":"AQAAAAAAAAA="}`, `{"M":{"$bytes":"AA=="}}`,
	} {
		err := Unmarshal([]byte(in), &s)
		var te *UnmarshalTypeError
		if !errors.As(err, &te) {
			t.Errorf("Unmarshal(%s) = %v, want an UnmarshalTypeError", in, err)
		}
	}
	var invalid *InvalidUnmarshalError
	if err := Unmarshal([]byte(`1`), s); !errors.As(err, &invalid) {
		t.Errorf("non-pointer: %v", err)
	}
	if err := Unmarshal([]byte(`1`), nil); !errors.As(err, &invalid) {
		t.Errorf("nil: %v", err)
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `01`, `1.`, `-`, `1e`, `+1`, `.5`, `"abc`, `"\x"`, `"\u12"`,
		"\"a\x01b\"", `tru`, `nul`, `[1 2]`, `{"a":1}x`, `{"a":1} {}`, `NaN`, `Infinity`, `'a'`, `{a:1}`,
	} {
		var v Value
		err := Unmarshal([]byte(in), &v)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Unmarshal(%q) = %v, want a SyntaxError", in, err)
		}
	}
}

func TestStringDecoding(t *testing.T) {
	for in, want := range map[string]string{
		`"\ud83d\ude00"`:     "😀",
		`"\ud800"`:           "\uFFFD", // lone surrogate, as encoding/json decodes it
		`"\ud800\u0041"`:     "\uFFFDA",
		`"a\/b"`:             "a/b",
		"\"\xff\"":           "\uFFFD", // invalid UTF-8
		"\"ok\xe2\x80\xa8\"": "ok\u2028",
	} {
		var got string
		if err := Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("Unmarshal(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, _ := Marshal("\xffa"); string(got) != "\"\uFFFDa\"" {
		t.Errorf("Marshal(invalid UTF-8) = %q", got)
	}
}

func TestFieldNameValidation(t *testing.T) {
	type dollar struct {
		X int `json:"$x"`
	}
	type omitted struct {
		X int `json:"$x,omitempty"`
	}
	for _, in := range []any{dollar{}, map[string]int{"é": 1}, map[string]int{"a\x7f": 1}, map[string]int{strings.Repeat("k", 1025): 1},
		ObjectValue(map[string]Value{"$y": NullValue()})} {
		if got, err := Marshal(in); err == nil {
			t.Errorf("Marshal(%T) = %s, want a field-name error", in, got)
		}
	}
	// A field that is omitted is never written, so its name does not matter.
	if got, err := Marshal(omitted{}); err != nil || string(got) != `{}` {
		t.Errorf("omitted invalid field: %s, %v", got, err)
	}
	if _, err := Marshal(map[string]int{strings.Repeat("k", 1024): 1, " ~": 2}); err != nil {
		t.Errorf("longest valid name: %v", err)
	}
}

func nested(depth int, leaf string) string {
	return strings.Repeat("[", depth) + leaf + strings.Repeat("]", depth)
}

func TestLimits(t *testing.T) {
	var v Value
	if err := Unmarshal([]byte(nested(MaxNesting, "1")), &v); err != nil {
		t.Errorf("nesting %d: %v", MaxNesting, err)
	}
	for name, in := range map[string]string{
		"nesting":       nested(MaxNesting+1, "1"),
		"deep hostile":  nested(100000, ""),
		"array length":  "[" + strings.Repeat("0,", MaxArrayLength) + "0]",
		"object fields": `{` + strings.TrimSuffix(strings.Repeat(`"a":1,`, MaxObjectFields+1), ",") + `}`,
		"value size":    `"` + strings.Repeat("x", MaxValueSize) + `"`,
	} {
		for _, target := range []any{&v, new(any), new([]any), new(map[string]any), new(json.RawMessage), new(struct{ X int })} {
			if err := Unmarshal([]byte(in), target); err == nil {
				t.Errorf("%s: Unmarshal into %T accepted", name, target)
			}
		}
	}

	deep := Value{}
	for range MaxNesting + 1 {
		deep = ArrayValue(deep)
	}
	if _, err := Marshal(deep); err == nil {
		t.Error("Marshal of a too-deep Value accepted")
	}
	type node struct {
		Next *node `json:"next"`
	}
	cycle := &node{}
	cycle.Next = cycle
	if _, err := Marshal(cycle); err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("Marshal of a cycle: %v", err)
	}
	if _, err := Marshal(make([]int, MaxArrayLength+1)); err == nil {
		t.Error("Marshal of a too-long array accepted")
	}
	fields := map[string]int{}
	for i := range MaxObjectFields + 1 {
		fields[strings.Repeat("k", i%40)+string(rune('A'+i/40))] = i
	}
	if _, err := Marshal(fields); err == nil {
		t.Error("Marshal of too many fields accepted")
	}
	if _, err := Marshal(strings.Repeat("x", MaxValueSize)); err == nil {
		t.Error("Marshal of a too-large value accepted")
	}
}

func TestErrorsNameThePath(t *testing.T) {
	var out struct {
		Items []struct {
			N int64 `json:"n"`
		} `json:"items"`
	}
	err := Unmarshal([]byte(`{"items":[{"n":1},{"n":"x"}]}`), &out)
	if err == nil || !strings.Contains(err.Error(), ".items[1].n") {
		t.Errorf("err = %v", err)
	}
	_, err = Marshal(map[string]any{"a": []any{1.0, map[string]any{"$b": 1}}})
	if err == nil || !strings.Contains(err.Error(), ".a[1]") {
		t.Errorf("err = %v", err)
	}
}

func TestValueAccessors(t *testing.T) {
	obj := ObjectValue(map[string]Value{"i": Int64Value(7), "b": BytesValue(nil), "s": StringValue("x"), "t": BoolValue(true), "f": Float64Value(1.5), "a": ArrayValue()})
	fields, ok := obj.Object()
	if !ok || obj.Kind() != KindObject {
		t.Fatal("Object")
	}
	if i, ok := fields["i"].Int64(); !ok || i != 7 {
		t.Error("Int64")
	}
	if b, ok := fields["b"].Bytes(); !ok || b == nil || len(b) != 0 {
		t.Error("Bytes")
	}
	if s, ok := fields["s"].AsString(); !ok || s != "x" {
		t.Error("AsString")
	}
	if b, ok := fields["t"].Bool(); !ok || !b {
		t.Error("Bool")
	}
	if f, ok := fields["f"].Float64(); !ok || f != 1.5 {
		t.Error("Float64")
	}
	if a, ok := fields["a"].Array(); !ok || len(a) != 0 {
		t.Error("Array")
	}
	if _, ok := fields["i"].Float64(); ok {
		t.Error("Float64 of an int64")
	}
	if !NullValue().IsNull() || NullValue().Kind() != KindNull || KindBytes.String() != "bytes" {
		t.Error("null")
	}
	if obj.String() != `{"a":[],"b":{"$bytes":""},"f":1.5,"i":{"$integer":"BwAAAAAAAAA="},"s":"x","t":true}` {
		t.Errorf("String() = %s", obj)
	}
	var target struct {
		I int64 `json:"i"`
		S string
	}
	if err := obj.Decode(&target); err != nil || target.I != 7 {
		t.Errorf("Decode: %+v, %v", target, err)
	}
	v, err := NewValue(struct {
		A []byte `json:"a"`
	}{A: []byte{9}})
	if err != nil || v.String() != `{"a":{"$bytes":"CQ=="}}` {
		t.Errorf("NewValue = %v, %v", v, err)
	}
	if Float64Value(math.NaN()).Equal(Float64Value(math.NaN())) != true || Float64Value(0).Equal(Float64Value(math.Copysign(0, -1))) {
		t.Error("Equal on special floats")
	}
	jsNaN, payloadNaN := Float64Value(math.Float64frombits(0x7ff8000000000000)), Float64Value(math.Float64frombits(0x7ff8000000000002))
	if !Float64Value(math.NaN()).Equal(jsNaN) || jsNaN.Equal(payloadNaN) || !payloadNaN.Equal(payloadNaN) {
		t.Error("Equal on NaN payloads does not follow the encoding")
	}
}

// A Value survives encoding/json losslessly, because it marshals to Convex JSON.
func TestValueThroughEncodingJSON(t *testing.T) {
	in := map[string]Value{"v": ObjectValue(map[string]Value{"n": Int64Value(-2), "b": BytesValue([]byte{1}), "x": Float64Value(math.Inf(1))})}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]Value
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !out["v"].Equal(in["v"]) {
		t.Errorf("json round trip: %s → %v", data, out["v"])
	}
	var bad Value
	if err := json.Unmarshal([]byte(`{"$integer":"AA=="}`), &bad); err == nil {
		t.Error("invalid Convex JSON accepted through encoding/json")
	}
}

type upper string

func (u upper) MarshalConvex() ([]byte, error) {
	return []byte(`{"b": 1.0, "a": "` + strings.ToUpper(string(u)) + `"}`), nil
}
func (u *upper) UnmarshalConvex(data []byte) error {
	var v struct {
		A string `json:"a"`
	}
	if err := Unmarshal(data, &v); err != nil {
		return err
	}
	*u = upper(strings.ToLower(v.A))
	return nil
}

type badMarshaler struct{}

func (badMarshaler) MarshalConvex() ([]byte, error) { return []byte(`{"$nope":1}`), nil }

func TestCustomMarshalers(t *testing.T) {
	data, err := Marshal(map[string]upper{"k": "abc"})
	if err != nil || string(data) != `{"k":{"a":"ABC","b":1}}` {
		t.Fatalf("Marshal = %s, %v", data, err)
	}
	var out map[string]upper
	if err := Unmarshal(data, &out); err != nil || out["k"] != "abc" {
		t.Errorf("Unmarshal = %v, %v", out, err)
	}
	if _, err := Marshal(badMarshaler{}); err == nil {
		t.Error("invalid MarshalConvex output accepted")
	}
}

// A mutation may return the unresolved commit timestamp; jsonToConvex turns
// {"$commitTs":null} into a placeholder, and so does Unmarshal.
func TestCommitTsPlaceholder(t *testing.T) {
	const doc = `{"n":{"$integer":"AQAAAAAAAAA="},"ts":{"$commitTs":null}}`
	var v Value
	if err := Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	if fields, _ := v.Object(); fields["ts"].Kind() != KindCommitTs || !fields["ts"].Equal(CommitTsValue()) || KindCommitTs.String() != "commitTs" {
		t.Errorf("Unmarshal into Value = %v", v)
	}
	var native map[string]any
	if err := Unmarshal([]byte(doc), &native); err != nil || native["ts"] != (CommitTsPlaceholder{}) {
		t.Errorf("Unmarshal into any = %#v, %v", native, err)
	}
	var typed struct {
		TS  CommitTsPlaceholder  `json:"ts"`
		Ptr *CommitTsPlaceholder `json:"ptr"`
	}
	if err := Unmarshal([]byte(`{"ts":{"$commitTs":null},"ptr":{"$commitTs":null}}`), &typed); err != nil || typed.Ptr == nil {
		t.Errorf("Unmarshal into CommitTsPlaceholder fields = %+v, %v", typed, err)
	}
	if err := Unmarshal([]byte(`{"ts":1}`), &typed); err == nil || !strings.Contains(err.Error(), ".ts") {
		t.Errorf("a number into CommitTsPlaceholder: %v", err)
	}
	// There is no number yet, so an int64 target cannot take it.
	var n struct {
		TS int64 `json:"ts"`
	}
	var te *UnmarshalTypeError
	if err := Unmarshal([]byte(doc), &n); !errors.As(err, &te) || te.Value != "commitTs" {
		t.Errorf("Unmarshal into int64 = %v, want an UnmarshalTypeError for commitTs", err)
	}
	for _, in := range []any{v, native, typed} {
		if got, err := Marshal(in); err != nil || !strings.Contains(string(got), `"ts":{"$commitTs":null}`) {
			t.Errorf("Marshal(%T) = %s, %v", in, got, err)
		}
	}
	if CommitTsValue().String() != `{"$commitTs":null}` || (CommitTsPlaceholder{}).String() != "[unresolved commit timestamp]" {
		t.Error("String")
	}
}

// Every limit of reference §4 holds at its boundary in both directions: the
// largest allowed value encodes and decodes, one more fails both ways.
func TestLimitsAtTheBoundary(t *testing.T) {
	deep := func(n int) Value {
		v := NullValue()
		for range n {
			v = ArrayValue(v)
		}
		return v
	}
	fields := func(n int) (Value, string) {
		m := map[string]Value{}
		var members []string
		for i := range n {
			m["f"+strconv.Itoa(i)] = NullValue()
			members = append(members, `"f`+strconv.Itoa(i)+`":null`)
		}
		return ObjectValue(m), "{" + strings.Join(members, ",") + "}"
	}
	fitsFields, _ := fields(MaxObjectFields)
	tooManyFields, tooManyFieldsJSON := fields(MaxObjectFields + 1)
	longKey := strings.Repeat("k", MaxFieldNameLength+1)
	for _, tc := range []struct {
		name      string
		fits, not Value
		notJSON   string // not, written by hand since Marshal refuses it
	}{
		{"nesting", deep(MaxNesting), deep(MaxNesting + 1), nested(MaxNesting+1, "null")},
		{"array length", ArrayValue(make([]Value, MaxArrayLength)...), ArrayValue(make([]Value, MaxArrayLength+1)...),
			"[" + strings.Repeat("null,", MaxArrayLength) + "null]"},
		{"object fields", fitsFields, tooManyFields, tooManyFieldsJSON},
		{"field name length", ObjectValue(map[string]Value{longKey[1:]: NullValue()}), ObjectValue(map[string]Value{longKey: NullValue()}),
			`{"` + longKey + `":null}`},
		// A string's size is 2 plus its length.
		{"value size", StringValue(strings.Repeat("x", MaxValueSize-2)), StringValue(strings.Repeat("x", MaxValueSize-1)),
			`"` + strings.Repeat("x", MaxValueSize-1) + `"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Marshal(tc.fits)
			if err != nil {
				t.Fatalf("Marshal at the limit: %v", err)
			}
			var back Value
			if err := Unmarshal(data, &back); err != nil || !back.Equal(tc.fits) {
				t.Fatalf("Unmarshal at the limit: %v", err)
			}
			if _, err := Marshal(tc.not); err == nil {
				t.Error("Marshal beyond the limit accepted")
			}
			if err := Unmarshal([]byte(tc.notJSON), &back); err == nil {
				t.Error("Unmarshal beyond the limit accepted")
			}
		})
	}
}

// The base64 inside $bytes, $integer and $float: both alphabets of
// convex/values, padding required. Characters from neither alphabet are an
// error here, where the JavaScript decoder reads them as zero bits.
func TestBase64Rules(t *testing.T) {
	for in, want := range map[string][]byte{
		`{"$bytes":"AAEC/f7/"}`: {0, 1, 2, 253, 254, 255},
		`{"$bytes":"AAEC_f7_"}`: {0, 1, 2, 253, 254, 255},
		`{"$bytes":"/w=="}`:     {255},
		`{"$bytes":"//8="}`:     {255, 255},
		`{"$bytes":""}`:         {},
	} {
		var got []byte
		if err := Unmarshal([]byte(in), &got); err != nil || string(got) != string(want) || got == nil {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{
		`{"$bytes":"AAE"}`,            // unpadded, length not a multiple of 4
		`{"$bytes":"/w"}`,             // unpadded
		`{"$bytes":"AA*A"}`,           // '*' is in neither alphabet
		`{"$bytes":"AA A"}`,           // nor is a space
		`{"$bytes":"A=AA"}`,           // padding in the middle
		`{"$bytes":"A==="}`,           // too much padding
		`{"$integer":"AAAAAAAA AA="}`, // a space inside an int64
		`{"$float":"AAAAAAAA+H8!"}`,   // '!' inside a float
	} {
		var v Value
		if err := Unmarshal([]byte(in), &v); err == nil || !strings.Contains(err.Error(), "base64") {
			t.Errorf("Unmarshal(%s) = %v, %v; want a base64 error", in, v, err)
		}
	}
}

// Struct fields match member names exactly (Convex field names are
// case-sensitive), not case-insensitively as in encoding/json.
func TestStructFieldsMatchExactly(t *testing.T) {
	var out struct {
		Name string `json:"name"`
		Body string
	}
	if err := Unmarshal([]byte(`{"Name":"upper","body":"lower"}`), &out); err != nil || out.Name != "" || out.Body != "" {
		t.Errorf("case-folded match: %+v, %v", out, err)
	}
	if err := Unmarshal([]byte(`{"name":"a","Body":"b"}`), &out); err != nil || out.Name != "a" || out.Body != "b" {
		t.Errorf("exact match: %+v, %v", out, err)
	}
}

// Decoding stops at the first value that does not fit, unlike encoding/json,
// which stores the rest and reports the first mismatch at the end.
func TestDecodingStopsAtTheFirstMismatch(t *testing.T) {
	var out struct {
		A int64  `json:"a"`
		B string `json:"b"`
		C string `json:"c"`
	}
	err := Unmarshal([]byte(`{"a":1,"b":2,"c":"x"}`), &out)
	var te *UnmarshalTypeError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), ".b") {
		t.Fatalf("err = %v, want an UnmarshalTypeError at .b", err)
	}
	if out.A != 1 || out.C != "" {
		t.Errorf("after the mismatch: %+v; want a set, c untouched", out)
	}
}
