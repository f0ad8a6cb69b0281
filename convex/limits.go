package convex

import (
	"fmt"
	"unicode/utf8"
)

// Limits the Convex backend enforces on every value (crates/value in
// convex-backend). The codec checks them on encode, so an oversized argument
// fails before a round trip, and on decode, so a hostile response cannot make
// the decoder recurse or allocate without bound.
const (
	// MaxNesting is the deepest nesting of arrays and objects in one value.
	MaxNesting = 64
	// MaxArrayLength is the longest array.
	MaxArrayLength = 8192
	// MaxObjectFields is the most fields one object may have.
	MaxObjectFields = 1024
	// MaxFieldNameLength is the longest object field name, in bytes.
	MaxFieldNameLength = 1024
	// MaxValueSize is the largest value, measured as Convex measures it
	// (getConvexSize in convex/values): 1 byte for null and booleans, 9 for
	// numbers and int64s, 2 plus the UTF-8 length for strings and bytes, and
	// for containers 2 plus their elements (and field names plus 1).
	MaxValueSize = 32 << 20
)

// validateFieldName checks an object field name as convex/values'
// validateObjectField does: at most 1024 characters, no leading '$' (reserved
// for $integer, $bytes, $float, …) and only printable ASCII.
func validateFieldName(name string) error {
	if len(name) > MaxFieldNameLength {
		return fmt.Errorf("field name %.40q… exceeds maximum field name length %d", name, MaxFieldNameLength)
	}
	if len(name) > 0 && name[0] == '$' {
		return fmt.Errorf("field name %q starts with a '$', which is reserved", name)
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c > 0x7e {
			r, _ := utf8.DecodeRuneInString(name[i:])
			return fmt.Errorf("field name %q has invalid character %q: field names can only contain non-control ASCII characters", name, r)
		}
	}
	return nil
}

// validateFieldNameBytes is validateFieldName for a name still in the input
// buffer; it converts to a string only on the error path.
func validateFieldNameBytes(name []byte) error {
	if len(name) > MaxFieldNameLength || (len(name) > 0 && name[0] == '$') {
		return validateFieldName(string(name))
	}
	for _, c := range name {
		if c < 0x20 || c > 0x7e {
			return validateFieldName(string(name))
		}
	}
	return nil
}

// Sizes of scalars in Convex's size accounting (see MaxValueSize).
const (
	sizeNullOrBool = 1
	sizeNumber     = 9
	sizeContainer  = 2
)

func errNesting() error {
	return fmt.Errorf("value is nested more than %d levels deep", MaxNesting)
}

func errArrayLength() error {
	return fmt.Errorf("array has more than %d elements", MaxArrayLength)
}

func errObjectFields() error {
	return fmt.Errorf("object has more than %d fields", MaxObjectFields)
}

func errValueSize(size int64) error {
	return fmt.Errorf("value size %d bytes exceeds the maximum of %d bytes", size, MaxValueSize)
}
