package convex

import (
	"encoding"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Marshaler is implemented by types that encode themselves as Convex JSON.
// The output is validated and re-encoded canonically (sorted keys, ES number
// formatting), so it only needs to be valid Convex JSON.
type Marshaler interface {
	MarshalConvex() ([]byte, error)
}

// Marshal encodes v as Convex JSON (the convex_encoded_json format), producing
// the bytes convexToJson + JSON.stringify produce for the same value.
//
// It follows encoding/json's rules for struct tags (`json:"name,omitempty"`,
// "omitzero", "-"), embedded structs, pointers, interfaces, maps with string
// keys and slices (a nil slice or map is null), with these Convex rules:
//
//   - int64 and uint64 are {"$integer": base64 of 8 little-endian bytes};
//     other integer types are numbers (int and uint must fit in ±2^53);
//   - []byte is {"$bytes": base64};
//   - NaN, ±Inf and -0 are {"$float": base64 of the 8 little-endian bytes};
//     other floats are numbers formatted as JavaScript formats them;
//   - object keys are sorted and validated as Convex field names;
//   - strings are escaped as JSON.stringify escapes them (no HTML escaping);
//   - encoding.TextMarshaler values are strings; json.RawMessage and
//     Marshaler output are embedded after validation;
//   - the limits (MaxNesting, MaxArrayLength, MaxObjectFields, MaxValueSize)
//     are enforced.
func Marshal(v any) ([]byte, error) {
	e := newEncodeState()
	defer encodeStatePool.Put(e)
	if err := e.marshal(v); err != nil {
		return nil, fmt.Errorf("convex: %w", err)
	}
	return slices.Clone(e.buf), nil
}

// appendMarshal appends the encoding of v to dst; the client uses it to
// write a request body without an intermediate copy.
func appendMarshal(dst []byte, v any) ([]byte, error) {
	e := &encodeState{buf: dst}
	err := e.marshal(v)
	return e.buf, err
}

// encodeState accumulates the output and the bookkeeping for the limits.
type encodeState struct {
	buf   []byte
	depth int
	size  int64
	// keys is scratch space for sorting map keys, reused across maps.
	keys []mapEntry
}

type mapEntry struct {
	key string
	val reflect.Value
}

var encodeStatePool = sync.Pool{New: func() any { return &encodeState{buf: make([]byte, 0, 1024)} }}

func newEncodeState() *encodeState {
	e := encodeStatePool.Get().(*encodeState)
	e.buf, e.depth, e.size = e.buf[:0], 0, 0
	return e
}

func (e *encodeState) marshal(v any) error {
	if v == nil {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	rv := reflect.ValueOf(v)
	if err := typeEncoder(rv.Type())(e, rv); err != nil {
		return wrapPathError("encoding", err)
	}
	if e.size > MaxValueSize {
		return fmt.Errorf("encoding: %w", errValueSize(e.size))
	}
	return nil
}

// enter and leave bracket every array and object, enforcing MaxNesting
// (which also stops pointer cycles).
func (e *encodeState) enter() error {
	e.depth++
	if e.depth > MaxNesting {
		return errNesting()
	}
	e.size += sizeContainer
	return nil
}

func (e *encodeState) leave() { e.depth-- }

// encoderFunc appends the encoding of v to e.buf.
type encoderFunc func(e *encodeState, v reflect.Value) error

var encoderCache sync.Map // reflect.Type → encoderFunc

// typeEncoder returns the cached encoder for t, building it once. A
// recursive type sees a forwarding function while its encoder is built,
// as in encoding/json.
func typeEncoder(t reflect.Type) encoderFunc {
	if f, ok := encoderCache.Load(t); ok {
		return f.(encoderFunc)
	}
	var (
		wg sync.WaitGroup
		f  encoderFunc
	)
	wg.Add(1)
	fi, loaded := encoderCache.LoadOrStore(t, encoderFunc(func(e *encodeState, v reflect.Value) error {
		wg.Wait()
		return f(e, v)
	}))
	if loaded {
		return fi.(encoderFunc)
	}
	f = newTypeEncoder(t, true)
	wg.Done()
	encoderCache.Store(t, f)
	return f
}

var (
	valueType         = reflect.TypeFor[Value]()
	rawMessageType    = reflect.TypeFor[json.RawMessage]()
	marshalerType     = reflect.TypeFor[Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// newTypeEncoder builds the encoder for t. With allowAddr, a type whose
// pointer implements a marshaling interface uses it when the value is
// addressable, as encoding/json does.
func newTypeEncoder(t reflect.Type, allowAddr bool) encoderFunc {
	switch t {
	case valueType:
		return func(e *encodeState, v reflect.Value) error { return e.appendValue(v.Interface().(Value)) }
	case rawMessageType:
		return func(e *encodeState, v reflect.Value) error { return e.appendRaw(v.Bytes()) }
	}
	if t.Kind() != reflect.Pointer && allowAddr {
		pt := reflect.PointerTo(t)
		if pt.Implements(marshalerType) || (pt.Implements(textMarshalerType) && !t.Implements(textMarshalerType)) {
			return condAddrEncoder(newTypeEncoder(pt, false), newTypeEncoder(t, false))
		}
	}
	if t.Implements(marshalerType) {
		return marshalerEncoder
	}
	if t.Implements(textMarshalerType) {
		return textMarshalerEncoder
	}
	switch t.Kind() {
	case reflect.Bool:
		return boolEncoder
	case reflect.Int64:
		return int64Encoder
	case reflect.Uint64, reflect.Uintptr:
		return uint64Encoder
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32:
		return intEncoder
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return uintEncoder
	case reflect.Float32:
		return float32Encoder
	case reflect.Float64:
		return float64Encoder
	case reflect.String:
		return stringEncoder
	case reflect.Interface:
		return interfaceEncoder
	case reflect.Struct:
		if h := holderOf(t); h != nil {
			return h.encode
		}
		return newStructEncoder(t)
	case reflect.Map:
		return newMapEncoder(t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(marshalerType) &&
			!reflect.PointerTo(t.Elem()).Implements(textMarshalerType) {
			return bytesEncoder
		}
		return newSliceEncoder(t)
	case reflect.Array:
		return newArrayEncoder(t)
	case reflect.Pointer:
		return newPointerEncoder(t)
	default:
		return unsupportedTypeEncoder(t)
	}
}

func condAddrEncoder(addr, plain encoderFunc) encoderFunc {
	return func(e *encodeState, v reflect.Value) error {
		if v.CanAddr() {
			return addr(e, v.Addr())
		}
		return plain(e, v)
	}
}

func marshalerEncoder(e *encodeState, v reflect.Value) error {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		e.writeNull()
		return nil
	}
	data, err := v.Interface().(Marshaler).MarshalConvex()
	if err != nil {
		return fmt.Errorf("MarshalConvex of %s: %w", v.Type(), err)
	}
	return e.appendRaw(data)
}

// appendRaw validates Convex JSON produced elsewhere and appends its
// canonical form, so the output stays byte-identical to convexToJson.
func (e *encodeState) appendRaw(data []byte) error {
	var val Value
	if err := unmarshal(data, &val); err != nil {
		return err
	}
	return e.appendValue(val)
}

func textMarshalerEncoder(e *encodeState, v reflect.Value) error {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		e.writeNull()
		return nil
	}
	text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return fmt.Errorf("MarshalText of %s: %w", v.Type(), err)
	}
	e.size += sizeContainer + int64(len(text))
	e.buf = appendString(e.buf, string(text))
	return nil
}

func unsupportedTypeEncoder(t reflect.Type) encoderFunc {
	return func(*encodeState, reflect.Value) error {
		return fmt.Errorf("%s is not a supported Convex type", t)
	}
}

func (e *encodeState) writeNull() {
	e.size += sizeNullOrBool
	e.buf = append(e.buf, "null"...)
}

func boolEncoder(e *encodeState, v reflect.Value) error {
	e.size += sizeNullOrBool
	if v.Bool() {
		e.buf = append(e.buf, "true"...)
	} else {
		e.buf = append(e.buf, "false"...)
	}
	return nil
}

func int64Encoder(e *encodeState, v reflect.Value) error {
	e.appendInt64(v.Int())
	return nil
}

func uint64Encoder(e *encodeState, v reflect.Value) error {
	u := v.Uint()
	if u > math.MaxInt64 {
		return fmt.Errorf("integer %d does not fit into a 64-bit signed integer", u)
	}
	e.appendInt64(int64(u))
	return nil
}

// maxSafeInteger is JavaScript's Number.MAX_SAFE_INTEGER: an int or uint
// beyond it would silently change value as a Convex number.
const maxSafeInteger = 1<<53 - 1

func intEncoder(e *encodeState, v reflect.Value) error {
	i := v.Int()
	if i > maxSafeInteger || i < -maxSafeInteger {
		return fmt.Errorf("%s %d is outside ±2^53 and would lose precision as a Convex number; use int64 for a Convex int64", v.Type(), i)
	}
	e.appendFloat(float64(i), 64)
	return nil
}

func uintEncoder(e *encodeState, v reflect.Value) error {
	u := v.Uint()
	if u > maxSafeInteger {
		return fmt.Errorf("%s %d is above 2^53 and would lose precision as a Convex number; use int64 for a Convex int64", v.Type(), u)
	}
	e.appendFloat(float64(u), 64)
	return nil
}

func float32Encoder(e *encodeState, v reflect.Value) error {
	e.appendFloat(v.Float(), 32)
	return nil
}

func float64Encoder(e *encodeState, v reflect.Value) error {
	e.appendFloat(v.Float(), 64)
	return nil
}

func stringEncoder(e *encodeState, v reflect.Value) error {
	s := v.String()
	e.size += sizeContainer + int64(len(s))
	e.buf = appendString(e.buf, s)
	return nil
}

func bytesEncoder(e *encodeState, v reflect.Value) error {
	if v.IsNil() {
		e.writeNull()
		return nil
	}
	e.appendBytes(v.Bytes())
	return nil
}

func interfaceEncoder(e *encodeState, v reflect.Value) error {
	if v.IsNil() {
		e.writeNull()
		return nil
	}
	elem := v.Elem()
	return typeEncoder(elem.Type())(e, elem)
}

func newPointerEncoder(t reflect.Type) encoderFunc {
	elemEnc := typeEncoder(t.Elem())
	return func(e *encodeState, v reflect.Value) error {
		if v.IsNil() {
			e.writeNull()
			return nil
		}
		return elemEnc(e, v.Elem())
	}
}

func newSliceEncoder(t reflect.Type) encoderFunc {
	arrayEnc := newArrayEncoder(t)
	return func(e *encodeState, v reflect.Value) error {
		if v.IsNil() {
			e.writeNull()
			return nil
		}
		return arrayEnc(e, v)
	}
}

func newArrayEncoder(t reflect.Type) encoderFunc {
	elemEnc := typeEncoder(t.Elem())
	return func(e *encodeState, v reflect.Value) error {
		n := v.Len()
		if n > MaxArrayLength {
			return errArrayLength()
		}
		if err := e.enter(); err != nil {
			return err
		}
		e.buf = append(e.buf, '[')
		for i := range n {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if err := elemEnc(e, v.Index(i)); err != nil {
				return &pathError{seg: indexSegment(i), err: err}
			}
		}
		e.buf = append(e.buf, ']')
		e.leave()
		return nil
	}
}

func newMapEncoder(t reflect.Type) encoderFunc {
	if t.Key().Kind() != reflect.String {
		return unsupportedTypeEncoder(t)
	}
	elemEnc := typeEncoder(t.Elem())
	return func(e *encodeState, v reflect.Value) error {
		if v.IsNil() {
			e.writeNull()
			return nil
		}
		if v.Len() > MaxObjectFields {
			return errObjectFields()
		}
		if err := e.enter(); err != nil {
			return err
		}
		// Sort into scratch space owned by this call: nested maps append
		// after our entries and truncate back before we read ours again.
		base := len(e.keys)
		iter := v.MapRange()
		for iter.Next() {
			e.keys = append(e.keys, mapEntry{key: iter.Key().String(), val: iter.Value()})
		}
		entries := e.keys[base:]
		slices.SortFunc(entries, func(a, b mapEntry) int { return strings.Compare(a.key, b.key) })
		e.buf = append(e.buf, '{')
		for i := range entries {
			ent := e.keys[base+i]
			if err := validateFieldName(ent.key); err != nil {
				e.keys = e.keys[:base]
				return err
			}
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendString(e.buf, ent.key)
			e.buf = append(e.buf, ':')
			e.size += int64(len(ent.key)) + 1
			if err := elemEnc(e, ent.val); err != nil {
				e.keys = e.keys[:base]
				return &pathError{seg: keySegment(ent.key), err: err}
			}
		}
		clear(e.keys[base:])
		e.keys = e.keys[:base]
		e.buf = append(e.buf, '}')
		e.leave()
		return nil
	}
}

// structEncoder writes the fields in sorted order, each key pre-encoded.
type structEncoder struct {
	fields []field
	encs   []encoderFunc
	// tag is the discriminant a union variant writes (see RegisterUnion),
	// before fields[tagAt] to keep the keys sorted.
	tag   *variantTag
	tagAt int
}

func newStructEncoder(t reflect.Type) encoderFunc {
	sf := cachedFields(t)
	se := &structEncoder{fields: sf.sorted, encs: make([]encoderFunc, len(sf.sorted))}
	for i := range sf.sorted {
		se.encs[i] = typeEncoder(sf.sorted[i].typ)
	}
	if se.tag = lookupVariant(t); se.tag != nil {
		se.tagAt = sort.Search(len(sf.sorted), func(i int) bool { return sf.sorted[i].name >= se.tag.field })
	}
	return se.encode
}

func (se *structEncoder) encode(e *encodeState, v reflect.Value) error {
	if err := e.enter(); err != nil {
		return err
	}
	e.buf = append(e.buf, '{')
	written := 0
	for i := 0; i <= len(se.fields); i++ {
		if se.tag != nil && i == se.tagAt {
			if written++; written > 1 {
				e.buf = append(e.buf, ',')
			}
			e.buf = append(e.buf, se.tag.keyJSON...)
			e.size += int64(len(se.tag.field)) + 1
			if err := typeEncoder(se.tag.value.Type())(e, se.tag.value); err != nil {
				return err
			}
		}
		if i == len(se.fields) {
			break
		}
		f := &se.fields[i]
		fv, ok := fieldForEncode(v, f.index)
		if !ok || (f.omitEmpty && isEmptyValue(fv)) || (f.omitZero && fv.IsZero()) {
			continue
		}
		if f.nameErr != nil {
			return f.nameErr
		}
		if written++; written > MaxObjectFields {
			return errObjectFields()
		}
		if written > 1 {
			e.buf = append(e.buf, ',')
		}
		e.buf = append(e.buf, f.keyJSON...)
		e.size += int64(len(f.name)) + 1
		if err := se.encs[i](e, fv); err != nil {
			return &pathError{seg: keySegment(f.name), err: err}
		}
	}
	e.buf = append(e.buf, '}')
	e.leave()
	return nil
}

// fieldForEncode follows index through embedded structs; ok is false when a
// nil embedded pointer hides the field, which then is simply absent.
func fieldForEncode(v reflect.Value, index []int) (reflect.Value, bool) {
	if len(index) == 1 {
		return v.Field(index[0]), true
	}
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// isEmptyValue is encoding/json's omitempty rule.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// appendInt64 writes {"$integer": base64 of the 8 little-endian bytes}.
func (e *encodeState) appendInt64(i int64) {
	e.size += sizeNumber
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(i))
	e.buf = append(e.buf, `{"$integer":"`...)
	e.buf = base64.StdEncoding.AppendEncode(e.buf, b[:])
	e.buf = append(e.buf, `"}`...)
}

func (e *encodeState) appendBytes(b []byte) {
	e.size += sizeContainer + int64(len(b))
	e.buf = append(e.buf, `{"$bytes":"`...)
	e.buf = base64.StdEncoding.AppendEncode(e.buf, b)
	e.buf = append(e.buf, `"}`...)
}

// NaN payloads survive a round trip, as they do in V8, with one exception:
// Go's math.NaN() (goNaN) is written as JavaScript's NaN (jsNaN), so that
// Marshal(math.NaN()) is byte-identical to convexToJson(NaN).
const (
	goNaN = 0x7ff8000000000001
	jsNaN = 0x7ff8000000000000
)

// wireBits returns the IEEE-754 bits Marshal writes for f.
func wireBits(f float64) uint64 {
	if u := math.Float64bits(f); u != goNaN {
		return u
	}
	return jsNaN
}

// isSpecialFloat reports whether f must travel as $float: NaN, ±Inf or -0.
func isSpecialFloat(f float64) bool {
	return math.IsNaN(f) || math.IsInf(f, 0) || (f == 0 && math.Signbit(f))
}

// appendFloat writes f as JSON.stringify writes a number, or as $float when
// JSON has no way to say it.
func (e *encodeState) appendFloat(f float64, bits int) {
	e.size += sizeNumber
	if isSpecialFloat(f) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], wireBits(f))
		e.buf = append(e.buf, `{"$float":"`...)
		e.buf = base64.StdEncoding.AppendEncode(e.buf, b[:])
		e.buf = append(e.buf, `"}`...)
		return
	}
	e.buf = appendNumber(e.buf, f, bits)
}
