package manifest

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file holds the facts the generator and doctor read off a parsed
// manifest (what a name stands for, whether a value may be null, whether
// current_user can back the generated CurrentUser), so each rule lives in
// one place.

// Named returns the `types:` entry called name, or nil.
func (m *Manifest) Named(name string) *NamedType {
	if len(m.named) != len(m.Types) {
		m.named = make(map[string]*NamedType, len(m.Types))
		for _, nt := range m.Types {
			if _, dup := m.named[nt.Name]; !dup {
				m.named[nt.Name] = nt
			}
		}
	}
	return m.named[name]
}

// Function returns the function with the canonical path, or nil.
func (m *Manifest) Function(path string) *Function {
	for _, f := range m.Functions {
		if f.Path == path {
			return f
		}
	}
	return nil
}

// Underlying follows t through names from `types:` to the validator they
// stand for. It returns nil for a name bound to a Go type, an unknown name
// or a cycle of names.
func (m *Manifest) Underlying(t *Type) *Type {
	for range len(m.Types) + 1 {
		if t == nil || t.Kind != Ref {
			return t
		}
		nt := m.Named(t.Name)
		if nt == nil {
			return nil
		}
		t = nt.Type
	}
	return nil
}

// Nullable reports whether a value of type t may be null: t is null, a
// union with a nullable member, or a name from `types:` standing for one.
// A Go type binding is a struct the generated code decodes into: never null.
func (m *Manifest) Nullable(t *Type) bool {
	return m.nullable(t, 0)
}

func (m *Manifest) nullable(t *Type, depth int) bool {
	t = m.Underlying(t)
	if t == nil || depth > len(m.Types)+1 {
		return false
	}
	switch t.Kind {
	case Null:
		return true
	case Union:
		for _, v := range t.Variants {
			if m.nullable(v, depth+1) {
				return true
			}
		}
	}
	return false
}

// HasNull reports whether t is a union that lists null among its variants.
func (t *Type) HasNull() bool {
	if t.Kind != Union {
		return false
	}
	for _, v := range t.Variants {
		if v.Kind == Null {
			return true
		}
	}
	return false
}

// WithoutNull returns the variants of a union other than null, or t alone
// when t is not a union.
func (t *Type) WithoutNull() []*Type {
	if t.Kind != Union {
		return []*Type{t}
	}
	var rest []*Type
	for _, v := range t.Variants {
		if v.Kind != Null {
			rest = append(rest, v)
		}
	}
	return rest
}

// NonNull turns T | null into T; any other type is returned as it is.
func (t *Type) NonNull() *Type {
	if rest := t.WithoutNull(); len(rest) == 1 {
		return rest[0]
	}
	return t
}

// checkCurrentUser resolves current_user to its function. A function that
// exists but cannot back the generated CurrentUser (it takes arguments, or
// its result is not an object or object | null) is recorded in
// CurrentUser.Unusable rather than reported, so doctor can still load the
// manifest and explain the runtime consequences; the generator reports it.
func (p *parser) checkCurrentUser() {
	cu := p.m.CurrentUser
	if cu == nil {
		return
	}
	f := p.m.Function(cu.Path)
	if f == nil {
		p.errs.add(cu.Pos, "define it under functions.define or include it from the spec", "current_user: unknown function %s", cu.Path)
		return
	}
	if f.Kind != Query {
		p.errs.add(cu.Pos, "current_user must name a query", "current_user: %s is a %s", cu.Path, f.Kind)
		return
	}
	cu.Function = f
	cu.Untyped = f.UntypedReturns || f.Returns.Kind == Any || f.Returns.Kind == Null
	switch {
	case (f.Args.Kind != Object || len(f.Args.Fields) > 0) && !(cu.Untyped && f.UntypedArgs):
		cu.Unusable = &Error{Pos: cu.Pos, Hint: "give the query `args: {}`",
			Msg: "current_user: " + cu.Path + " must take no arguments"}
	case !cu.Untyped && !p.m.isUserObject(f.Returns):
		cu.Unusable = &Error{Pos: cu.Pos, Hint: "declare its result in functions.define, e.g. `returns: \"User | null\"`",
			Msg: "current_user: " + cu.Path + " must return an object or null"}
	}
}

// isUserObject reports whether t is an object, a name for one (or for a Go
// type), or one of those | null: a value CurrentUser can return as a pointer.
func (m *Manifest) isUserObject(t *Type) bool {
	if t = t.NonNull(); t.Kind == Ref {
		if nt := m.Named(t.Name); nt != nil && nt.GoType != "" {
			return true
		}
		t = m.Underlying(t)
	}
	return t != nil && t.Kind == Object
}

// yamlDoc is the comment documenting a mapping entry: the comment lines
// above its key, else the comment at the end of its line, with the #s and
// the space after them removed.
func yamlDoc(key, val *yaml.Node) string {
	text := key.HeadComment
	if text == "" {
		text = key.LineComment
	}
	if text == "" {
		text = val.LineComment
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(strings.TrimSpace(l), "#")
		lines[i] = strings.TrimPrefix(l, " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
