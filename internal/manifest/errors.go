package manifest

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// MaxErrors caps how many problems one run reports, so a badly broken
// manifest produces a readable list rather than a wall of text.
const MaxErrors = 20

// Pos is a position in an input file. Line and Col are 1-based; columns
// count characters in authgen.yaml (as yaml.v3 does) and bytes in
// function-spec JSON (as encoding/json does). A zero Line means the
// position is the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, the form editors and terminals link.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem in an input file, with an optional hint saying how to fix it.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string
	Err  error // the underlying cause, when the problem comes from outside the input (e.g. reading it)
}

// Unwrap returns the underlying cause, so errors.Is(err, fs.ErrNotExist) works on a manifest that cannot be read.
func (e *Error) Unwrap() error { return e.Err }

// Error formats the problem as "file:line:col: message", with the hint on the next line.
func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg + "\n\thint: " + e.Hint
}

// Warning formats e as a warning, as authgen prints it: the position,
// "warning:", the message and the hint on a line of its own.
func (e *Error) Warning() string {
	s := e.Pos.String() + ": warning: " + e.Msg
	if e.Hint != "" {
		s += "\n\thint: " + e.Hint
	}
	return s
}

// ErrorList is every problem found in one run, in input order. Callers
// receive it as an error and print it whole.
type ErrorList []*Error

// Error prints at most MaxErrors problems, one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == MaxErrors {
			fmt.Fprintf(&b, "too many errors (%d more not shown)", len(l)-MaxErrors)
			break
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders the problems by file, line and column, keeping the order of
// problems at the same position.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Unwrap returns the problems, so errors.Is and errors.As see each one.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Err returns l as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// errorf is the collector every parser in this package reports through.
type errs struct{ list ErrorList }

func (c *errs) add(pos Pos, hint, format string, args ...any) {
	c.list = append(c.list, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// ReadError explains a manifest that cannot be read: an ErrorList naming
// the file, what is wrong and what to do.
func ReadError(path string, err error) error {
	msg := err.Error()
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		msg = pathErr.Err.Error()
	}
	hint := ""
	if errors.Is(err, fs.ErrNotExist) {
		msg = "no such file"
		hint = "run `authgen init` to create a manifest, pass -f with the path to yours, or try -example"
	}
	return ErrorList{{Pos: Pos{File: path}, Msg: "cannot read the manifest: " + msg, Hint: hint, Err: err}}
}
