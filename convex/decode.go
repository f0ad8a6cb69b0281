package convex

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"sync"
)

// Unmarshaler is implemented by types that decode themselves from Convex
// JSON. UnmarshalConvex receives one complete, already validated value and
// must copy it if it keeps it.
type Unmarshaler interface {
	UnmarshalConvex(data []byte) error
}

// Unmarshal decodes Convex JSON into v, which must be a non-nil pointer. It
// accepts what jsonToConvex in convex/values accepts (see the package
// documentation for the one difference, invalid base64 characters) and
// follows encoding/json's rules for where values go: struct fields by `json`
// tag, null leaves non-nillable values unchanged, maps with string keys,
// slices, pointers, and interfaces. Two rules differ from encoding/json:
// struct fields match member names exactly, since Convex field names are
// case-sensitive (unknown members are skipped, but still validated); and
// decoding stops at the first value that does not fit its target, with an
// error naming its path, leaving v partly filled.
//
// An int64 target takes an $integer or an integral number; other integer
// types take numbers (and $integers) that fit; floats take numbers and
// $float (NaN, ±Inf, -0); []byte takes $bytes. Decoding into an empty
// interface produces nil, bool, float64, int64, string, []byte, []any,
// map[string]any and CommitTsPlaceholder. Field names, $-objects and the limits (MaxNesting,
// MaxArrayLength, MaxObjectFields, MaxValueSize) are checked throughout.
func Unmarshal(data []byte, v any) error {
	if err := unmarshal(data, v); err != nil {
		return fmt.Errorf("convex: %w", err)
	}
	return nil
}

// unmarshal is Unmarshal with errors that do not start with "convex: ", for
// callers that add their own context.
func unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &InvalidUnmarshalError{Type: reflect.TypeOf(v)}
	}
	d := decodeState{data: data}
	elem := rv.Elem()
	if err := typeDecoder(elem.Type())(&d, elem, 0); err != nil {
		return wrapPathError("decoding", err)
	}
	if c := d.peek(); c != 0 {
		return fmt.Errorf("decoding: %w", d.syntaxError("unexpected %s after top-level value", d.describe(c)))
	}
	if d.size > MaxValueSize {
		return fmt.Errorf("decoding: %w", errValueSize(d.size))
	}
	return nil
}

// decoderFunc decodes the next value into v, which is settable; depth is the
// number of arrays and objects around it.
type decoderFunc func(d *decodeState, v reflect.Value, depth int) error

var decoderCache sync.Map // reflect.Type → decoderFunc

// typeDecoder returns the cached decoder for t (see typeEncoder).
func typeDecoder(t reflect.Type) decoderFunc {
	if f, ok := decoderCache.Load(t); ok {
		return f.(decoderFunc)
	}
	var (
		wg sync.WaitGroup
		f  decoderFunc
	)
	wg.Add(1)
	fi, loaded := decoderCache.LoadOrStore(t, decoderFunc(func(d *decodeState, v reflect.Value, depth int) error {
		wg.Wait()
		return f(d, v, depth)
	}))
	if loaded {
		return fi.(decoderFunc)
	}
	f = newTypeDecoder(t)
	wg.Done()
	decoderCache.Store(t, f)
	return f
}

var (
	unmarshalerType     = reflect.TypeFor[Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func newTypeDecoder(t reflect.Type) decoderFunc {
	switch t {
	case valueType:
		return valueDecoder
	case rawMessageType:
		return rawMessageDecoder
	}
	// Targets are always addressable, so a pointer-receiver method counts.
	if t.Kind() != reflect.Pointer {
		pt := reflect.PointerTo(t)
		if pt.Implements(unmarshalerType) {
			return unmarshalerDecoder
		}
		if pt.Implements(textUnmarshalerType) {
			return textUnmarshalerDecoder
		}
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return scalarDecoder
	case reflect.Interface:
		if spec := lookupUnion(t); spec != nil {
			return spec.decode
		}
		return interfaceDecoder
	case reflect.Struct:
		if h := holderOf(t); h != nil {
			return h.decode
		}
		return newStructDecoder(t)
	case reflect.Map:
		return newMapDecoder(t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(unmarshalerType) &&
			!reflect.PointerTo(t.Elem()).Implements(textUnmarshalerType) {
			return scalarDecoder
		}
		return newSliceDecoder(t)
	case reflect.Array:
		return newArrayDecoder(t)
	case reflect.Pointer:
		return newPointerDecoder(t)
	default:
		return func(*decodeState, reflect.Value, int) error {
			return fmt.Errorf("cannot decode into Go value of type %s", t)
		}
	}
}

// scalar is one non-container value read for a scalar target.
type scalar struct {
	kind  scalarKind
	b     bool
	text  []byte // number text or string contents (transient)
	i     int64
	f     float64
	bytes []byte
}

type scalarKind uint8

const (
	scalarNull scalarKind = iota + 1
	scalarBool
	scalarNumber
	scalarString
	scalarInt64
	scalarFloat // a special float from $float
	scalarBytes
	scalarCommitTs
	scalarArray
	scalarObject
)

// String names the kind in an UnmarshalTypeError, with ValueKind's words.
func (k scalarKind) String() string {
	return [...]string{"", "null", "boolean", "number", "string", "int64", "number", "bytes", "commitTs", "array", "object"}[k]
}

// readScalar reads a value for a scalar target. An array or a plain object
// is reported by kind only (and not consumed): it is a type error for every
// caller.
func (d *decodeState) readScalar() (s scalar, err error) {
	switch c := d.peek(); c {
	case 'n':
		d.size += sizeNullOrBool
		return scalar{kind: scalarNull}, d.readLiteral("null")
	case 't':
		d.size += sizeNullOrBool
		return scalar{kind: scalarBool, b: true}, d.readLiteral("true")
	case 'f':
		d.size += sizeNullOrBool
		return scalar{kind: scalarBool}, d.readLiteral("false")
	case '"':
		text, err := d.readString()
		d.size += sizeContainer + int64(len(text))
		return scalar{kind: scalarString, text: text}, err
	case '[':
		return scalar{kind: scalarArray}, nil
	case '{':
		start := d.off
		d.off++
		if d.peek() == '"' {
			key, err := d.readString()
			if err != nil {
				return s, err
			}
			if len(key) > 0 && key[0] == '$' {
				return d.readSpecial(key)
			}
		}
		d.off = start
		return scalar{kind: scalarObject}, nil
	default:
		text, err := d.readNumber()
		d.size += sizeNumber
		return scalar{kind: scalarNumber, text: text}, err
	}
}

func (d *decodeState) typeError(found scalarKind, t reflect.Type, at int) error {
	return &UnmarshalTypeError{Value: found.String(), Type: t, Offset: int64(at)}
}

// parseFloat parses JSON number text. Out-of-range magnitudes become ±Inf,
// as JSON.parse makes them.
func parseFloat(text []byte, bits int) float64 {
	f, _ := strconv.ParseFloat(string(text), bits)
	return f
}

// scalarDecoder is the decoder of every bool, integer, float, string and
// []byte type, as literalStore is in encoding/json: it reads one null,
// boolean, number, string, $integer, $float or $bytes and stores it if the
// target takes that kind (see Unmarshal). null leaves the target unchanged,
// except that a []byte becomes nil; any other pairing is an
// *UnmarshalTypeError.
func scalarDecoder(d *decodeState, v reflect.Value, _ int) error {
	at := d.off
	s, err := d.readScalar()
	if err != nil {
		return err
	}
	if s.kind == scalarNull {
		if v.Kind() == reflect.Slice {
			v.SetZero()
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		if s.kind == scalarBool {
			v.SetBool(s.b)
			return nil
		}
	case reflect.String:
		if s.kind == scalarString {
			v.SetString(string(s.text))
			return nil
		}
	case reflect.Slice: // []byte
		if s.kind == scalarBytes {
			v.SetBytes(s.bytes)
			return nil
		}
	case reflect.Float32, reflect.Float64:
		switch s.kind {
		case scalarNumber:
			v.SetFloat(parseFloat(s.text, v.Type().Bits()))
			return nil
		case scalarFloat:
			v.SetFloat(s.f)
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if s.kind == scalarInt64 || s.kind == scalarNumber {
			return storeInt(v, &s)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if s.kind == scalarInt64 || s.kind == scalarNumber {
			return storeUint(v, &s)
		}
	}
	return d.typeError(s.kind, v.Type(), at)
}

// storeInt stores an $integer, or a number with no fractional part, in a
// signed integer target it fits in.
func storeInt(v reflect.Value, s *scalar) error {
	i := s.i
	if s.kind == scalarNumber {
		f := parseFloat(s.text, 64)
		if f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
			return fmt.Errorf("number %s is not an integer that fits in %s", s.text, v.Type())
		}
		i = int64(f)
	}
	if v.OverflowInt(i) {
		return fmt.Errorf("integer %d overflows %s", i, v.Type())
	}
	v.SetInt(i)
	return nil
}

// storeUint stores a non-negative $integer, or a number with no fractional
// part, in an unsigned integer target it fits in.
func storeUint(v reflect.Value, s *scalar) error {
	var u uint64
	if s.kind == scalarNumber {
		f := parseFloat(s.text, 64)
		if f != math.Trunc(f) || f < 0 || f >= math.MaxUint64 {
			return fmt.Errorf("number %s is not an integer that fits in %s", s.text, v.Type())
		}
		u = uint64(f)
	} else {
		if s.i < 0 {
			return fmt.Errorf("integer %d overflows %s", s.i, v.Type())
		}
		u = uint64(s.i)
	}
	if v.OverflowUint(u) {
		return fmt.Errorf("integer %d overflows %s", u, v.Type())
	}
	v.SetUint(u)
	return nil
}

func textUnmarshalerDecoder(d *decodeState, v reflect.Value, _ int) error {
	at := d.off
	s, err := d.readScalar()
	if err != nil {
		return err
	}
	switch s.kind {
	case scalarNull:
		return nil
	case scalarString:
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(s.text); err != nil {
			return fmt.Errorf("UnmarshalText of %s: %w", v.Type(), err)
		}
		return nil
	default:
		return d.typeError(s.kind, v.Type(), at)
	}
}

// rawSpan validates the next value and returns its bytes in the input.
func (d *decodeState) rawSpan(depth int) ([]byte, error) {
	d.peek()
	start := d.off
	if err := d.skipValue(depth, true); err != nil {
		return nil, err
	}
	return d.data[start:d.off], nil
}

func unmarshalerDecoder(d *decodeState, v reflect.Value, depth int) error {
	raw, err := d.rawSpan(depth)
	if err != nil {
		return err
	}
	if err := v.Addr().Interface().(Unmarshaler).UnmarshalConvex(raw); err != nil {
		return fmt.Errorf("UnmarshalConvex of %s: %w", v.Type(), err)
	}
	return nil
}

func rawMessageDecoder(d *decodeState, v reflect.Value, depth int) error {
	raw, err := d.rawSpan(depth)
	if err != nil {
		return err
	}
	v.SetBytes(append(v.Bytes()[:0], raw...))
	return nil
}

func valueDecoder(d *decodeState, v reflect.Value, depth int) error {
	val, err := d.readValue(depth)
	if err != nil {
		return err
	}
	v.Set(reflect.ValueOf(val))
	return nil
}

func interfaceDecoder(d *decodeState, v reflect.Value, depth int) error {
	if v.NumMethod() != 0 {
		return fmt.Errorf("cannot decode into non-empty interface %s", v.Type())
	}
	val, err := d.readValue(depth)
	if err != nil {
		return err
	}
	if native := val.Interface(); native != nil {
		v.Set(reflect.ValueOf(native))
	} else {
		v.SetZero()
	}
	return nil
}

func newPointerDecoder(t reflect.Type) decoderFunc {
	elemDec := typeDecoder(t.Elem())
	return func(d *decodeState, v reflect.Value, depth int) error {
		if d.peek() == 'n' {
			d.size += sizeNullOrBool
			if err := d.readLiteral("null"); err != nil {
				return err
			}
			v.SetZero()
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		return elemDec(d, v.Elem(), depth)
	}
}

// beginContainer consumes open (after checking the next byte is it) and
// enforces MaxNesting. ok is false for null, which it consumes.
func (d *decodeState) beginContainer(open byte, t reflect.Type, depth int) (ok bool, err error) {
	switch c := d.peek(); c {
	case open:
		if depth >= MaxNesting {
			return false, errNesting()
		}
		d.off++
		d.size += sizeContainer
		return true, nil
	case 'n':
		d.size += sizeNullOrBool
		return false, d.readLiteral("null")
	default:
		at := d.off
		s, err := d.readScalar()
		if err != nil {
			return false, err
		}
		return false, d.typeError(s.kind, t, at)
	}
}

func newSliceDecoder(t reflect.Type) decoderFunc {
	elemDec := typeDecoder(t.Elem())
	return func(d *decodeState, v reflect.Value, depth int) error {
		ok, err := d.beginContainer('[', t, depth)
		if !ok {
			if err == nil {
				v.SetZero()
			}
			return err
		}
		n := 0
		if d.peek() == ']' {
			d.off++
		} else {
			for {
				if n >= MaxArrayLength {
					return errArrayLength()
				}
				if n >= v.Cap() {
					v.Grow(max(4, v.Cap()))
				}
				v.SetLen(n + 1)
				elem := v.Index(n)
				elem.SetZero()
				if err := elemDec(d, elem, depth+1); err != nil {
					return &pathError{seg: indexSegment(n), err: err}
				}
				n++
				if done, err := d.nextMember(']'); err != nil {
					return err
				} else if done {
					break
				}
			}
		}
		if n == 0 && v.IsNil() {
			v.Set(reflect.MakeSlice(t, 0, 0))
		}
		v.SetLen(n)
		return nil
	}
}

func newArrayDecoder(t reflect.Type) decoderFunc {
	elemDec := typeDecoder(t.Elem())
	return func(d *decodeState, v reflect.Value, depth int) error {
		ok, err := d.beginContainer('[', t, depth)
		if !ok {
			return err
		}
		n := 0
		if d.peek() == ']' {
			d.off++
		} else {
			for {
				if n >= MaxArrayLength {
					return errArrayLength()
				}
				if n < v.Len() {
					if err := elemDec(d, v.Index(n), depth+1); err != nil {
						return &pathError{seg: indexSegment(n), err: err}
					}
				} else if err := d.skipValue(depth+1, true); err != nil {
					return &pathError{seg: indexSegment(n), err: err}
				}
				n++
				if done, err := d.nextMember(']'); err != nil {
					return err
				} else if done {
					break
				}
			}
		}
		for i := n; i < v.Len(); i++ {
			v.Index(i).SetZero()
		}
		return nil
	}
}

// readObjectKey reads the key of the n-th member (n from 0) and its ':'.
// A first key starting with '$' makes the object a $integer, $float or
// $bytes, which the object targets reject as a type mismatch.
func (d *decodeState) readObjectKey(n int, t reflect.Type, at int) ([]byte, error) {
	if n >= MaxObjectFields {
		return nil, errObjectFields()
	}
	key, err := d.readString()
	if err != nil {
		return nil, err
	}
	if n == 0 && len(key) > 0 && key[0] == '$' {
		s, err := d.readSpecial(key)
		if err != nil {
			return nil, err
		}
		return nil, d.typeError(s.kind, t, at)
	}
	if err := validateFieldNameBytes(key); err != nil {
		return nil, err
	}
	d.size += int64(len(key)) + 1
	if err := d.expect(':'); err != nil {
		return nil, err
	}
	return key, nil
}

// structDecoder stores members in fields by exact name and skips (while
// still validating) members with no field.
type structDecoder struct {
	t      reflect.Type
	fields *structFields
	decs   []decoderFunc
}

func newStructDecoder(t reflect.Type) decoderFunc {
	sf := cachedFields(t)
	sd := &structDecoder{t: t, fields: sf, decs: make([]decoderFunc, len(sf.sorted))}
	for i := range sf.sorted {
		sd.decs[i] = typeDecoder(sf.sorted[i].typ)
	}
	return sd.decode
}

func (sd *structDecoder) decode(d *decodeState, v reflect.Value, depth int) error {
	at := d.off
	ok, err := d.beginContainer('{', sd.t, depth)
	if !ok {
		return err
	}
	if d.peek() == '}' {
		d.off++
		return nil
	}
	for n := 0; ; n++ {
		key, err := d.readObjectKey(n, sd.t, at)
		if err != nil {
			return err
		}
		if i, ok := sd.fields.byName[string(key)]; ok {
			f := &sd.fields.sorted[i]
			fv, err := fieldForDecode(v, f.index)
			if err == nil {
				err = sd.decs[i](d, fv, depth+1)
			}
			if err != nil {
				return &pathError{seg: keySegment(f.name), err: err}
			}
		} else if err := d.skipValue(depth+1, true); err != nil {
			return &pathError{seg: keySegment(string(key)), err: err}
		}
		if done, err := d.nextMember('}'); done || err != nil {
			return err
		}
	}
}

// fieldForDecode follows index, allocating nil embedded struct pointers.
func fieldForDecode(v reflect.Value, index []int) (reflect.Value, error) {
	if len(index) == 1 {
		return v.Field(index[0]), nil
	}
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, fmt.Errorf("cannot set embedded pointer to unexported struct %s", v.Type().Elem())
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, nil
}

func newMapDecoder(t reflect.Type) decoderFunc {
	if t.Key().Kind() != reflect.String {
		return func(*decodeState, reflect.Value, int) error {
			return fmt.Errorf("cannot decode into map type %s: keys must be strings", t)
		}
	}
	elemDec := typeDecoder(t.Elem())
	return func(d *decodeState, v reflect.Value, depth int) error {
		at := d.off
		ok, err := d.beginContainer('{', t, depth)
		if !ok {
			if err == nil {
				v.SetZero()
			}
			return err
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		if d.peek() == '}' {
			d.off++
			return nil
		}
		elem := reflect.New(t.Elem()).Elem()
		for n := 0; ; n++ {
			key, err := d.readObjectKey(n, t, at)
			if err != nil {
				return err
			}
			k := reflect.ValueOf(string(key)).Convert(t.Key())
			elem.SetZero()
			if err := elemDec(d, elem, depth+1); err != nil {
				return &pathError{seg: keySegment(k.String()), err: err}
			}
			v.SetMapIndex(k, elem)
			if done, err := d.nextMember('}'); done || err != nil {
				return err
			}
		}
	}
}
