package doctor

import "github.com/authgen/authgen/internal/manifest"

// maxRefDepth bounds how many named types nullable follows, so a cycle in
// `types:` cannot loop.
const maxRefDepth = 16

// nullable reports whether a value of type t may be null: t is null, a
// union with a nullable member, or a name from `types:` standing for one.
func nullable(t *manifest.Type, types []*manifest.NamedType) bool {
	return nullableAt(t, types, 0)
}

func nullableAt(t *manifest.Type, types []*manifest.NamedType, depth int) bool {
	if t == nil || depth > maxRefDepth {
		return false
	}
	switch t.Kind {
	case manifest.Null:
		return true
	case manifest.Union:
		for _, v := range t.Variants {
			if nullableAt(v, types, depth+1) {
				return true
			}
		}
	case manifest.Ref:
		for _, nt := range types {
			if nt.Name == t.Name {
				// A Go type binding (nt.Type == nil) is a struct the
				// generated code decodes into: never null.
				return nullableAt(nt.Type, types, depth+1)
			}
		}
	}
	return false
}
