package convex

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Unions: a Convex validator such as
//
//	v.union(v.object({kind: v.literal("circle"), radius: v.number()}),
//	        v.object({kind: v.literal("square"), side: v.number()}))
//
// is a sealed Go interface with one struct per variant. The structs leave the
// discriminant field out (its value is implied by the type); RegisterUnion
// tells the codec which field and value each one stands for, so Marshal
// writes the discriminant and Unmarshal picks the struct by it.
//
// Any other union (string | number, or objects with no literal field to
// tell them apart) is a holder struct embedding OneOf with one pointer field
// per variant, exactly one of them set.

// unionSpec is a registered sealed interface.
type unionSpec struct {
	iface reflect.Type
	field string
	byTag map[string]reflect.Type // Convex JSON of the discriminant → variant struct
	tags  []string                // the discriminants, sorted, for error messages
}

// variantTag is the discriminant a registered variant struct writes.
type variantTag struct {
	field    string
	keyJSON  []byte        // `"kind":`
	valueRaw []byte        // `"circle"`
	value    reflect.Value // "circle"
}

var (
	unionSpecs  sync.Map // interface type → *unionSpec
	variantTags sync.Map // struct type → *variantTag
)

// RegisterUnion declares the interface type I a union of object variants
// told apart by field: variants maps each discriminant value (a string,
// float64, bool or int64, as in the validator's v.literal) to the zero value
// of the struct type holding that variant. Generated packages call it from
// init, before any value is encoded or decoded. It panics on a malformed
// declaration: I not an interface, a variant that is not a struct, a bad
// discriminant value or a struct registered twice.
func RegisterUnion[I any](field string, variants map[any]I) {
	iface := reflect.TypeFor[I]()
	if iface.Kind() != reflect.Interface {
		panic(fmt.Sprintf("convex: RegisterUnion: %s is not an interface", iface))
	}
	if err := validateFieldName(field); err != nil {
		panic(fmt.Sprintf("convex: RegisterUnion of %s: %v", iface, err))
	}
	spec := &unionSpec{iface: iface, field: field, byTag: map[string]reflect.Type{}}
	for tag, zero := range variants {
		raw, err := Marshal(tag)
		if err != nil {
			panic(fmt.Sprintf("convex: RegisterUnion of %s: discriminant %v: %v", iface, tag, err))
		}
		switch tag.(type) {
		case string, float64, bool, int64:
		default:
			panic(fmt.Sprintf("convex: RegisterUnion of %s: discriminant %v is a %T, not a string, float64, bool or int64", iface, tag, tag))
		}
		t := reflect.TypeOf(zero)
		if t == nil || t.Kind() != reflect.Struct {
			panic(fmt.Sprintf("convex: RegisterUnion of %s: the variant for %s is %v, not a struct", iface, raw, t))
		}
		key := string(raw)
		spec.byTag[key] = t
		spec.tags = append(spec.tags, key)
		vt := &variantTag{field: field, keyJSON: append(appendString(nil, field), ':'), valueRaw: raw, value: reflect.ValueOf(tag)}
		if _, dup := variantTags.LoadOrStore(t, vt); dup {
			panic(fmt.Sprintf("convex: RegisterUnion of %s: %s is already a registered variant", iface, t))
		}
	}
	sort.Strings(spec.tags)
	if _, dup := unionSpecs.LoadOrStore(iface, spec); dup {
		panic(fmt.Sprintf("convex: RegisterUnion: %s registered twice", iface))
	}
}

func lookupUnion(t reflect.Type) *unionSpec {
	if s, ok := unionSpecs.Load(t); ok {
		return s.(*unionSpec)
	}
	return nil
}

func lookupVariant(t reflect.Type) *variantTag {
	if s, ok := variantTags.Load(t); ok {
		return s.(*variantTag)
	}
	return nil
}

// decode reads one object and stores the variant its discriminant names;
// null stores nil.
func (u *unionSpec) decode(d *decodeState, v reflect.Value, depth int) error {
	if d.peek() == 'n' {
		d.size += sizeNullOrBool
		if err := d.readLiteral("null"); err != nil {
			return err
		}
		v.SetZero()
		return nil
	}
	start, size := d.off, d.size
	val, err := d.readValue(depth)
	if err != nil {
		return err
	}
	t, err := u.variantOf(val)
	if err != nil {
		return err
	}
	d.off, d.size = start, size
	elem := reflect.New(t).Elem()
	if err := typeDecoder(t)(d, elem, depth); err != nil {
		return err
	}
	v.Set(elem)
	return nil
}

// variantOf picks the variant struct for a decoded value by its discriminant.
func (u *unionSpec) variantOf(val Value) (reflect.Type, error) {
	obj, ok := val.Object()
	if !ok {
		return nil, fmt.Errorf("cannot decode a Convex %s into the union %s: want an object with a %q field", val.Kind(), u.iface, u.field)
	}
	tag, ok := obj[u.field]
	if !ok {
		return nil, fmt.Errorf("cannot decode into the union %s: the object has no %q field", u.iface, u.field)
	}
	raw, err := Marshal(tag)
	if err != nil {
		return nil, err
	}
	t, ok := u.byTag[string(raw)]
	if !ok {
		return nil, fmt.Errorf("cannot decode into the union %s: unknown %q %s (want one of %s)", u.iface, u.field, raw, strings.Join(u.tags, ", "))
	}
	return t, nil
}

// OneOf marks a holder struct: a union with no discriminant, held as one
// pointer field per variant with exactly one set. Marshal writes the set
// field's value; Unmarshal sets the first field, in declaration order, whose
// type accepts the value (a struct accepts an object whose members are all
// its fields and that has every field not tagged omitzero or omitempty).
type OneOf struct{}

var oneOfType = reflect.TypeFor[OneOf]()

// holderSpec is the variant fields of a struct embedding OneOf.
type holderSpec struct {
	t      reflect.Type
	fields []int // indexes of the pointer fields
}

// holderOf returns the holder layout of t, or nil when t does not embed OneOf.
func holderOf(t reflect.Type) *holderSpec {
	if t.Kind() != reflect.Struct {
		return nil
	}
	h := &holderSpec{t: t}
	marked := false
	for i := range t.NumField() {
		sf := t.Field(i)
		switch {
		case sf.Anonymous && sf.Type == oneOfType:
			marked = true
		case sf.IsExported() && sf.Type.Kind() == reflect.Pointer:
			h.fields = append(h.fields, i)
		}
	}
	if !marked {
		return nil
	}
	return h
}

func (h *holderSpec) names() string {
	names := make([]string, len(h.fields))
	for i, f := range h.fields {
		names[i] = h.t.Field(f).Name
	}
	return strings.Join(names, ", ")
}

func (h *holderSpec) encode(e *encodeState, v reflect.Value) error {
	set := -1
	for _, i := range h.fields {
		if v.Field(i).IsNil() {
			continue
		}
		if set >= 0 {
			return fmt.Errorf("%s holds one value, but both %s and %s are set", h.t, h.t.Field(set).Name, h.t.Field(i).Name)
		}
		set = i
	}
	if set < 0 {
		return fmt.Errorf("%s holds one value, but none of %s is set", h.t, h.names())
	}
	elem := v.Field(set).Elem()
	return typeEncoder(elem.Type())(e, elem)
}

func (h *holderSpec) decode(d *decodeState, v reflect.Value, depth int) error {
	start, size := d.off, d.size
	val, err := d.readValue(depth)
	if err != nil {
		return err
	}
	for _, i := range h.fields {
		ft := h.t.Field(i).Type
		if !accepts(ft.Elem(), val) {
			continue
		}
		d.off, d.size = start, size
		ptr := reflect.New(ft.Elem())
		if err := typeDecoder(ft.Elem())(d, ptr.Elem(), depth); err != nil {
			return err
		}
		v.SetZero()
		v.Field(i).Set(ptr)
		return nil
	}
	return fmt.Errorf("a Convex %s matches none of the variants of %s (%s)", val.Kind(), h.t, h.names())
}

// accepts reports whether a value of Go type t can hold val, judged by
// shape as a Convex validator would judge it.
func accepts(t reflect.Type, val Value) bool {
	if t == valueType {
		return true
	}
	if spec := lookupUnion(t); spec != nil {
		_, err := spec.variantOf(val)
		return err == nil
	}
	if h := holderOf(t); h != nil {
		for _, i := range h.fields {
			if accepts(h.t.Field(i).Type.Elem(), val) {
				return true
			}
		}
		return false
	}
	switch k := val.Kind(); t.Kind() {
	case reflect.Pointer:
		return k == KindNull || accepts(t.Elem(), val)
	case reflect.String:
		return k == KindString
	case reflect.Bool:
		return k == KindBool
	case reflect.Float32, reflect.Float64:
		return k == KindFloat64
	case reflect.Int64:
		return k == KindInt64
	case reflect.Int, reflect.Int32:
		return k == KindFloat64
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return k == KindBytes
		}
		return k == KindArray
	case reflect.Map:
		return k == KindObject
	case reflect.Struct:
		obj, ok := val.Object()
		return ok && structAccepts(t, obj)
	case reflect.Interface:
		return t.NumMethod() == 0
	}
	return false
}

// structAccepts reports whether obj has only members t has fields for and
// every field t requires, the discriminant of a variant struct included.
func structAccepts(t reflect.Type, obj map[string]Value) bool {
	sf := cachedFields(t)
	vt := lookupVariant(t)
	for name := range obj {
		if _, ok := sf.byName[name]; !ok && (vt == nil || name != vt.field) {
			return false
		}
	}
	for _, f := range sf.sorted {
		if _, ok := obj[f.name]; !ok && !f.omitEmpty && !f.omitZero {
			return false
		}
	}
	if vt != nil {
		tag, ok := obj[vt.field]
		if !ok {
			return false
		}
		raw, err := Marshal(tag)
		return err == nil && slices.Equal(raw, vt.valueRaw)
	}
	return true
}
