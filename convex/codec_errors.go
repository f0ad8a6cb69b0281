package convex

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// SyntaxError reports input that is not JSON at all (as opposed to JSON
// that breaks a Convex rule), with where reading stopped.
type SyntaxError struct {
	Offset int64 // byte offset in the input where the error was found
	msg    string
}

// Error describes the problem and its byte offset.
func (e *SyntaxError) Error() string { return fmt.Sprintf("%s (at byte %d)", e.msg, e.Offset) }

// UnmarshalTypeError is a Convex value that cannot be stored in the Go value
// it was decoded into, such as a string into an int64 or an $integer into a
// float64.
type UnmarshalTypeError struct {
	Value  string       // the Convex type found: "string", "int64", "bytes", "object", …
	Type   reflect.Type // the Go type it could not be stored in
	Offset int64        // byte offset of the value in the input
}

// Error names both types and the value's byte offset.
func (e *UnmarshalTypeError) Error() string {
	return fmt.Sprintf("cannot store Convex %s in Go value of type %s (at byte %d)", e.Value, e.Type, e.Offset)
}

// InvalidUnmarshalError is a target that Unmarshal cannot write to: not a
// pointer, or a nil pointer. It is a programming error, reported before any
// input is read.
type InvalidUnmarshalError struct {
	Type reflect.Type // the type of the target passed, nil for a nil interface
}

// Error says what was passed instead of a non-nil pointer.
func (e *InvalidUnmarshalError) Error() string {
	if e.Type == nil {
		return "Unmarshal(nil)"
	}
	if e.Type.Kind() != reflect.Pointer {
		return "Unmarshal(non-pointer " + e.Type.String() + ")"
	}
	return "Unmarshal(nil " + e.Type.String() + ")"
}

// pathError locates an error inside a value. Encoders and decoders wrap
// errors as they unwind, so the path costs nothing unless something fails.
type pathError struct {
	seg string // ".name" or "[3]"
	err error
}

func (e *pathError) Error() string { return e.seg + ": " + e.err.Error() }
func (e *pathError) Unwrap() error { return e.err }

func indexSegment(i int) string { return "[" + strconv.Itoa(i) + "]" }

func keySegment(key string) string {
	if len(key) > 64 {
		key = key[:64] + "…"
	}
	return "." + key
}

// wrapPathError turns a chain of pathErrors into one error that names the
// full path ("decoding .user.tags[2]: …") and unwraps to the cause.
func wrapPathError(op string, err error) error {
	var segs []string
	cause := err
	for {
		pe, ok := cause.(*pathError)
		if !ok {
			break
		}
		segs = append(segs, pe.seg)
		cause = pe.err
	}
	if len(segs) == 0 {
		return fmt.Errorf("%s: %w", op, cause)
	}
	return fmt.Errorf("%s %s: %w", op, strings.Join(segs, ""), cause)
}
