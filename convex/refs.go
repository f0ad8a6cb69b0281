package convex

import (
	"fmt"
	"strings"
)

// Kind is the type of function a reference names.
type Kind int

// The three kinds of public Convex functions.
const (
	KindQuery Kind = iota + 1
	KindMutation
	KindAction
)

// String returns "query", "mutation" or "action": the endpoint name.
func (k Kind) String() string {
	switch k {
	case KindQuery:
		return "query"
	case KindMutation:
		return "mutation"
	case KindAction:
		return "action"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// QueryRef names a public query with typed arguments and result.
type QueryRef[Args, Result any] struct{ path string }

// MutationRef names a public mutation with typed arguments and result.
type MutationRef[Args, Result any] struct{ path string }

// ActionRef names a public action with typed arguments and result.
type ActionRef[Args, Result any] struct{ path string }

// NewQuery returns a reference to the query at path ("dir/file:fn", or
// "dir/file" for a default export); it panics on an invalid path, since
// references are declared once, in generated code.
func NewQuery[Args, Result any](path string) QueryRef[Args, Result] {
	return QueryRef[Args, Result]{path: mustValidPath(path)}
}

// NewMutation returns a reference to the mutation at path; it panics on an
// invalid path.
func NewMutation[Args, Result any](path string) MutationRef[Args, Result] {
	return MutationRef[Args, Result]{path: mustValidPath(path)}
}

// NewAction returns a reference to the action at path; it panics on an
// invalid path.
func NewAction[Args, Result any](path string) ActionRef[Args, Result] {
	return ActionRef[Args, Result]{path: mustValidPath(path)}
}

// Path returns the function path, as getFunctionName returns it.
func (r QueryRef[A, R]) Path() string { return r.path }

// Path returns the function path, as getFunctionName returns it.
func (r MutationRef[A, R]) Path() string { return r.path }

// Path returns the function path, as getFunctionName returns it.
func (r ActionRef[A, R]) Path() string { return r.path }

func mustValidPath(path string) string {
	if err := ValidatePath(path); err != nil {
		panic(err)
	}
	return path
}

// ValidatePath reports whether path is a valid Convex function path, by the
// backend's rules (udf_path.rs, module_path.rs): a relative module path of
// non-empty segments, ending in ".js" or no extension, then optionally ':'
// and the export name; without ':' the export is "default".
func ValidatePath(path string) error {
	module, fn, hasFn := path, "", false
	if i := strings.LastIndexByte(path, ':'); i >= 0 {
		module, fn, hasFn = path[:i], path[i+1:], true
	}
	invalid := func(why string) error {
		return fmt.Errorf("convex: invalid function path %q: %s (want \"dir/file:function\")", path, why)
	}
	if module == "" {
		return invalid("empty module path")
	}
	if strings.HasPrefix(module, "/") {
		return invalid("module path must be relative")
	}
	for _, seg := range strings.Split(module, "/") {
		switch {
		case seg == "":
			return invalid("empty path segment")
		case seg == "." || seg == "..":
			return invalid("relative segment " + seg)
		}
		for _, c := range seg {
			if !isPathChar(c) {
				return invalid(fmt.Sprintf("character %q not allowed in module path", c))
			}
		}
	}
	last := module[strings.LastIndexByte(module, '/')+1:]
	if i := strings.LastIndexByte(last, '.'); i >= 0 && last[i:] != ".js" {
		return invalid("module extension " + last[i:] + " is not .js")
	}
	if hasFn {
		if fn == "" {
			return invalid("empty function name")
		}
		for i, c := range fn {
			if !(c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
				return invalid(fmt.Sprintf("function name %q is not a JavaScript identifier", fn))
			}
		}
	}
	return nil
}

func isPathChar(c rune) bool {
	return c == '_' || c == '-' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// FunctionHandle is the value of a v.function() validator: a handle naming a
// Convex function (as createFunctionHandle returns it), sent as a string.
type FunctionHandle string
