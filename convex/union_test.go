package convex

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// shape is a discriminated union as the generator emits it:
// {kind: "circle", r} | {kind: "square", side, label?} | {kind: 2} | {kind: true}.
type shape interface{ isShape() }

type shapeCircle struct {
	R float64 `json:"r"`
}

type shapeSquare struct {
	Side  int64   `json:"side"`
	Label *string `json:"label,omitzero"`
}

type shapeTwo struct{}

type shapeTrue struct {
	Zebra bool `json:"zebra"`
}

func (shapeCircle) isShape() {}
func (shapeSquare) isShape() {}
func (shapeTwo) isShape()    {}
func (shapeTrue) isShape()   {}

// scalarOrShape is a holder: string | number | shape | {x: string}.
type scalarOrShape struct {
	OneOf
	String *string
	Number *float64
	Shape  *shape
	Point  *point
}

type point struct {
	X string `json:"x"`
}

func init() {
	RegisterUnion[shape]("kind", map[any]shape{"circle": shapeCircle{}, "square": shapeSquare{}, 2.0: shapeTwo{}, true: shapeTrue{}})
}

type drawing struct {
	Main   shape           `json:"main"`
	Extra  shape           `json:"extra"` // nil is null
	Shapes []shape         `json:"shapes"`
	Any    []scalarOrShape `json:"any"`
}

func TestUnionRoundTrip(t *testing.T) {
	label, word, n := "big", "hello", 1.5
	in := drawing{
		Main:   shapeSquare{Side: 1 << 60, Label: &label},
		Shapes: []shape{shapeCircle{R: 2}, shapeTwo{}, shapeTrue{Zebra: true}, &shapeCircle{R: 3}},
		Any:    []scalarOrShape{{String: &word}, {Number: &n}, {Shape: ptr[shape](shapeCircle{R: 1})}, {Point: &point{X: "p"}}},
	}
	data, err := Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	// The discriminant is written in sorted key order, as convexToJson writes it.
	want := `{"any":["hello",1.5,{"kind":"circle","r":1},{"x":"p"}],"extra":null,` +
		`"main":{"kind":"square","label":"big","side":{"$integer":"AAAAAAAAABA="}},` +
		`"shapes":[{"kind":"circle","r":2},{"kind":2},{"kind":true,"zebra":true},{"kind":"circle","r":3}]}`
	if string(data) != want {
		t.Fatalf("Marshal:\n got %s\nwant %s", data, want)
	}
	var out drawing
	if err := Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	in.Shapes[3] = shapeCircle{R: 3} // decoding stores variants by value
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %#v\nwant %#v", out, in)
	}
}

func TestUnionDecodeErrors(t *testing.T) {
	tests := map[string]string{
		`{"main": {"kind": "hexagon"}}`:          `.main: cannot decode into the union convex.shape: unknown "kind" "hexagon" (want one of "circle", "square", 2, true)`,
		`{"main": {"r": 1}}`:                     `.main: cannot decode into the union convex.shape: the object has no "kind" field`,
		`{"main": "circle"}`:                     `.main: cannot decode a Convex string into the union convex.shape`,
		`{"main": {"kind": "circle", "r": "x"}}`: `.main.r: cannot store Convex string in Go value of type float64`,
		`{"any": [true]}`:                        `.any[0]: a Convex boolean matches none of the variants of convex.scalarOrShape (String, Number, Shape, Point)`,
		`{"any": [{"x": "p", "y": 1}]}`:          `.any[0]: a Convex object matches none`,
		`{"any": [{"kind": "oval"}]}`:            `.any[0]: a Convex object matches none`,
	}
	for input, want := range tests {
		var out drawing
		err := Unmarshal([]byte(input), &out)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %q", input, err, want)
		}
	}
}

func TestHolderEncodeErrors(t *testing.T) {
	s, n := "a", 1.0
	if _, err := Marshal(scalarOrShape{}); err == nil || !strings.Contains(err.Error(), "none of String, Number, Shape, Point is set") {
		t.Errorf("empty holder: %v", err)
	}
	if _, err := Marshal(scalarOrShape{String: &s, Number: &n}); err == nil || !strings.Contains(err.Error(), "both String and Number are set") {
		t.Errorf("two set: %v", err)
	}
}

func TestRegisterUnionRejectsMistakes(t *testing.T) {
	type notShape interface{ isNot() }
	for name, register := range map[string]func(){
		"not an interface": func() { RegisterUnion[point]("k", nil) },
		"bad tag type":     func() { RegisterUnion[notShape]("k", map[any]notShape{1: nil}) },
		"twice":            func() { RegisterUnion[shape]("kind", map[any]shape{}) },
		"bad field name":   func() { RegisterUnion[notShape]("$k", nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: RegisterUnion did not panic", name)
				}
			}()
			register()
		}()
	}
}

// FuzzUnionDecode decodes arbitrary input into sealed interfaces and holders:
// never a panic, and whatever decodes re-encodes to bytes that decode to the
// same value again.
func FuzzUnionDecode(f *testing.F) {
	for _, s := range []string{
		`{"main":{"kind":"square","label":"big","side":{"$integer":"AAAAAAAAABA="}},"shapes":[{"kind":2},{"kind":true}]}`,
		`{"any":["hello",1.5,{"kind":"circle","r":1},{"x":"p"}],"extra":null}`,
		`{"main":{"kind":"hexagon"}}`, `{"any":[null]}`, `{"main":{"kind":{"$integer":"AgAAAAAAAAA="}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d drawing
		if err := Unmarshal(data, &d); err != nil {
			return
		}
		for _, h := range d.Any {
			if holderOf(reflect.TypeOf(h)) == nil {
				t.Fatal("holder lost its marker")
			}
		}
		enc, err := Marshal(d)
		if err != nil {
			// A holder decoded from null has nothing set; that is the only
			// value that cannot be written back.
			if strings.Contains(err.Error(), "none of") {
				return
			}
			t.Fatalf("re-encoding %#v: %v", d, err)
		}
		var again drawing
		if err := Unmarshal(enc, &again); err != nil {
			t.Fatalf("decoding re-encoded %s: %v", enc, err)
		}
		enc2, err := Marshal(again)
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("not a fixed point: %s then %s (%v)", enc, enc2, err)
		}
	})
}

func ptr[T any](v T) *T { return &v }
