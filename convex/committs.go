package convex

import "fmt"

// CommitTsPlaceholder is Convex's unresolved commit timestamp,
// {"$commitTs":null} on the wire: a v.commitTs() field whose int64 value is
// only assigned when its mutation commits (CommitTsPlaceholder in
// convex/values). A mutation can return one, so Unmarshal accepts it where
// jsonToConvex does: into a Value (KindCommitTs), an empty interface (this
// type) or a CommitTsPlaceholder; an int64 target gets an
// *UnmarshalTypeError, since there is no number yet. Marshal writes it as
// convexToJson does.
type CommitTsPlaceholder struct{}

// commitTsJSON is the only encoding of a CommitTsPlaceholder.
const commitTsJSON = `{"$commitTs":null}`

// String returns what the JavaScript placeholder's toString returns.
func (CommitTsPlaceholder) String() string { return "[unresolved commit timestamp]" }

// MarshalConvex implements Marshaler.
func (CommitTsPlaceholder) MarshalConvex() ([]byte, error) { return []byte(commitTsJSON), nil }

// UnmarshalConvex implements Unmarshaler: it accepts {"$commitTs":null} and,
// as Unmarshalers conventionally do, null (which changes nothing).
func (*CommitTsPlaceholder) UnmarshalConvex(data []byte) error {
	var v Value
	if err := unmarshal(data, &v); err != nil {
		return err
	}
	if k := v.Kind(); k != KindCommitTs && k != KindNull {
		return fmt.Errorf("a Convex %s is not a commit timestamp placeholder", k)
	}
	return nil
}
