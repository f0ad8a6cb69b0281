package convex

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
)

// Value holds any Convex value (for v.any() and untyped unions), keeping
// int64, bytes and special floats exact. Its zero value is Convex null.
//
// A Value encodes to the same Convex JSON it was decoded from (up to key
// order and number formatting, which are canonicalized), both through this
// package and through encoding/json, whose MarshalJSON/UnmarshalJSON use the
// Convex encoding.
type Value struct{ v any }

// ValueKind is the type of the Convex value a Value holds.
type ValueKind int

// The Convex value types.
const (
	KindNull ValueKind = iota
	KindBool
	KindFloat64
	KindInt64
	KindString
	KindBytes
	KindArray
	KindObject
	// KindCommitTs is an unresolved commit timestamp (see
	// CommitTsPlaceholder), not a value of its own.
	KindCommitTs
)

// String returns the name convex/values uses for the type: "null",
// "boolean", "number", "int64", "string", "bytes", "array", "object" or
// "commitTs".
func (k ValueKind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindBool:
		return "boolean"
	case KindFloat64:
		return "number"
	case KindInt64:
		return "int64"
	case KindString:
		return "string"
	case KindBytes:
		return "bytes"
	case KindArray:
		return "array"
	case KindObject:
		return "object"
	case KindCommitTs:
		return "commitTs"
	}
	return fmt.Sprintf("ValueKind(%d)", int(k))
}

// NullValue returns Convex null (the zero Value).
func NullValue() Value { return Value{} }

// BoolValue returns a boolean Value.
func BoolValue(b bool) Value { return Value{b} }

// Float64Value returns a number Value (Convex float64).
func Float64Value(f float64) Value { return Value{f} }

// Int64Value returns an int64 Value (a bigint in JavaScript).
func Int64Value(i int64) Value { return Value{i} }

// StringValue returns a string Value.
func StringValue(s string) Value { return Value{s} }

// BytesValue returns a bytes Value (an ArrayBuffer in JavaScript). A nil
// slice is an empty byte string, not null.
func BytesValue(b []byte) Value {
	if b == nil {
		b = []byte{}
	}
	return Value{b}
}

// ArrayValue returns an array Value.
func ArrayValue(elems ...Value) Value {
	if elems == nil {
		elems = []Value{}
	}
	return Value{elems}
}

// ObjectValue returns an object Value. Field names are checked when the
// Value is encoded.
func ObjectValue(fields map[string]Value) Value {
	if fields == nil {
		fields = map[string]Value{}
	}
	return Value{fields}
}

// CommitTsValue returns the unresolved commit timestamp, {"$commitTs":null}.
func CommitTsValue() Value { return Value{CommitTsPlaceholder{}} }

// NewValue converts a Go value to a Value by encoding it with Marshal.
func NewValue(v any) (Value, error) {
	if val, ok := v.(Value); ok {
		return val, nil
	}
	data, err := Marshal(v)
	if err != nil {
		return Value{}, err
	}
	var val Value
	err = Unmarshal(data, &val)
	return val, err
}

// Kind returns the type of the value held.
func (v Value) Kind() ValueKind {
	switch v.v.(type) {
	case bool:
		return KindBool
	case float64:
		return KindFloat64
	case int64:
		return KindInt64
	case string:
		return KindString
	case []byte:
		return KindBytes
	case []Value:
		return KindArray
	case map[string]Value:
		return KindObject
	case CommitTsPlaceholder:
		return KindCommitTs
	}
	return KindNull
}

// IsNull reports whether v is Convex null.
func (v Value) IsNull() bool { return v.v == nil }

// Bool returns the boolean held, and whether v is a boolean.
func (v Value) Bool() (bool, bool) { b, ok := v.v.(bool); return b, ok }

// Float64 returns the number held, and whether v is a number.
func (v Value) Float64() (float64, bool) { f, ok := v.v.(float64); return f, ok }

// Int64 returns the int64 held, and whether v is an int64.
func (v Value) Int64() (int64, bool) { i, ok := v.v.(int64); return i, ok }

// AsString returns the string held, and whether v is a string.
func (v Value) AsString() (string, bool) { s, ok := v.v.(string); return s, ok }

// Bytes returns the bytes held, and whether v is bytes. The slice is shared.
func (v Value) Bytes() ([]byte, bool) { b, ok := v.v.([]byte); return b, ok }

// Array returns the elements held, and whether v is an array. The slice is
// shared.
func (v Value) Array() ([]Value, bool) { a, ok := v.v.([]Value); return a, ok }

// Object returns the fields held, and whether v is an object. The map is
// shared.
func (v Value) Object() (map[string]Value, bool) { o, ok := v.v.(map[string]Value); return o, ok }

// Interface returns v as plain Go values: nil, bool, float64, int64, string,
// []byte, []any, map[string]any or CommitTsPlaceholder, the same shapes
// Unmarshal stores in an empty interface.
func (v Value) Interface() any {
	switch x := v.v.(type) {
	case []Value:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e.Interface()
		}
		return out
	case map[string]Value:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = e.Interface()
		}
		return out
	}
	return v.v
}

// Decode stores v in the Go value into points to, as Unmarshal would store
// v's encoding.
func (v Value) Decode(into any) error {
	data, err := Marshal(v)
	if err != nil {
		return err
	}
	return Unmarshal(data, into)
}

// Equal reports whether v and w are the same Convex value: same kind and
// contents, with numbers compared as their encodings compare. So NaN equals
// a NaN with the same payload (Go's math.NaN() counts as JavaScript's NaN,
// which Marshal writes for it), and -0 does not equal 0.
func (v Value) Equal(w Value) bool {
	switch x := v.v.(type) {
	case nil:
		return w.v == nil
	case float64:
		y, ok := w.v.(float64)
		return ok && wireBits(x) == wireBits(y)
	case []byte:
		y, ok := w.v.([]byte)
		return ok && bytes.Equal(x, y)
	case []Value:
		y, ok := w.v.([]Value)
		return ok && slices.EqualFunc(x, y, Value.Equal)
	case map[string]Value:
		y, ok := w.v.(map[string]Value)
		return ok && maps.EqualFunc(x, y, Value.Equal)
	default:
		return v.v == w.v
	}
}

// String returns v's Convex JSON, or a description of why it has none.
func (v Value) String() string {
	data, err := Marshal(v)
	if err != nil {
		return "<invalid Convex value: " + err.Error() + ">"
	}
	return string(data)
}

// MarshalConvex implements Marshaler.
func (v Value) MarshalConvex() ([]byte, error) { return Marshal(v) }

// UnmarshalConvex implements Unmarshaler.
func (v *Value) UnmarshalConvex(data []byte) error { return Unmarshal(data, v) }

// MarshalJSON encodes v as Convex JSON, so a Value survives encoding/json
// without losing int64, bytes or special floats.
func (v Value) MarshalJSON() ([]byte, error) { return Marshal(v) }

// UnmarshalJSON decodes Convex JSON (plain JSON is Convex JSON too).
func (v *Value) UnmarshalJSON(data []byte) error { return Unmarshal(data, v) }

// appendValue writes v, sorting object keys as convexToJson does.
func (e *encodeState) appendValue(v Value) error {
	switch x := v.v.(type) {
	case nil:
		e.writeNull()
	case bool:
		e.size += sizeNullOrBool
		if x {
			e.buf = append(e.buf, "true"...)
		} else {
			e.buf = append(e.buf, "false"...)
		}
	case float64:
		e.appendFloat(x, 64)
	case int64:
		e.appendInt64(x)
	case string:
		e.size += sizeContainer + int64(len(x))
		e.buf = appendString(e.buf, x)
	case []byte:
		e.appendBytes(x)
	case CommitTsPlaceholder:
		e.size += sizeNumber
		e.buf = append(e.buf, commitTsJSON...)
	case []Value:
		if len(x) > MaxArrayLength {
			return errArrayLength()
		}
		if err := e.enter(); err != nil {
			return err
		}
		e.buf = append(e.buf, '[')
		for i, elem := range x {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if err := e.appendValue(elem); err != nil {
				return &pathError{seg: indexSegment(i), err: err}
			}
		}
		e.buf = append(e.buf, ']')
		e.leave()
	case map[string]Value:
		if len(x) > MaxObjectFields {
			return errObjectFields()
		}
		if err := e.enter(); err != nil {
			return err
		}
		keys := slices.Sorted(maps.Keys(x))
		e.buf = append(e.buf, '{')
		for i, k := range keys {
			if err := validateFieldName(k); err != nil {
				return err
			}
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendString(e.buf, k)
			e.buf = append(e.buf, ':')
			e.size += int64(len(k)) + 1
			if err := e.appendValue(x[k]); err != nil {
				return &pathError{seg: keySegment(k), err: err}
			}
		}
		e.buf = append(e.buf, '}')
		e.leave()
	}
	return nil
}

// readValue decodes the next value into a Value tree.
func (d *decodeState) readValue(depth int) (Value, error) {
	switch c := d.peek(); c {
	case '[':
		if depth >= MaxNesting {
			return Value{}, errNesting()
		}
		d.off++
		d.size += sizeContainer
		elems := []Value{}
		if d.peek() == ']' {
			d.off++
			return Value{elems}, nil
		}
		for {
			if len(elems) >= MaxArrayLength {
				return Value{}, errArrayLength()
			}
			elem, err := d.readValue(depth + 1)
			if err != nil {
				return Value{}, &pathError{seg: indexSegment(len(elems)), err: err}
			}
			elems = append(elems, elem)
			if done, err := d.nextMember(']'); err != nil {
				return Value{}, err
			} else if done {
				return Value{elems}, nil
			}
		}
	case '{':
		if depth >= MaxNesting {
			return Value{}, errNesting()
		}
		d.off++
		if d.peek() == '}' {
			d.off++
			d.size += sizeContainer
			return Value{map[string]Value{}}, nil
		}
		var fields map[string]Value
		for n := 0; ; n++ {
			if n >= MaxObjectFields {
				return Value{}, errObjectFields()
			}
			key, err := d.readString()
			if err != nil {
				return Value{}, err
			}
			if n == 0 {
				if len(key) > 0 && key[0] == '$' {
					s, err := d.readSpecial(key)
					if err != nil {
						return Value{}, err
					}
					return s.value(), nil
				}
				d.size += sizeContainer
				fields = map[string]Value{}
			}
			if err := validateFieldNameBytes(key); err != nil {
				return Value{}, err
			}
			name := string(key)
			d.size += int64(len(name)) + 1
			if err := d.expect(':'); err != nil {
				return Value{}, err
			}
			elem, err := d.readValue(depth + 1)
			if err != nil {
				return Value{}, &pathError{seg: keySegment(name), err: err}
			}
			fields[name] = elem
			if done, err := d.nextMember('}'); err != nil {
				return Value{}, err
			} else if done {
				return Value{fields}, nil
			}
		}
	default:
		s, err := d.readScalar()
		if err != nil {
			return Value{}, err
		}
		return s.value(), nil
	}
}

// value returns the Value s holds. readScalar reports arrays and objects by
// kind only, so readValue never passes them here.
func (s scalar) value() Value {
	switch s.kind {
	case scalarBool:
		return Value{s.b}
	case scalarNumber:
		return Value{parseFloat(s.text, 64)}
	case scalarString:
		return Value{string(s.text)}
	case scalarInt64:
		return Value{s.i}
	case scalarFloat:
		return Value{s.f}
	case scalarBytes:
		return Value{s.bytes}
	case scalarCommitTs:
		return CommitTsValue()
	}
	return Value{}
}
