package generator

import "github.com/authgen/authgen/internal/manifest"

// warnNullableArgs warns, once per field, about each optional nullable
// field ("T | null?") reachable from a function's arguments. The Go side
// maps it to nil-means-omitted, so null and absent are one value: a Go
// caller cannot send an explicit null (to clear a field, say). Results
// collapse the same way on decoding, but there the difference rarely
// matters, and warning on them would flag Better Auth's own user type.
func (r *resolver) warnNullableArgs() {
	warned := map[manifest.Pos]bool{}
	for _, rf := range r.functions {
		fn := rf.fn
		seen := map[string]bool{}
		var walk func(t *manifest.Type)
		walk = func(t *manifest.Type) {
			if t == nil {
				return
			}
			switch t.Kind {
			case manifest.Object:
				if isPaginationOpts(t) {
					return // convex.PaginationOpts: Convex's own validator, which users cannot change
				}
				for _, f := range t.Fields {
					if f.Optional && r.m.Nullable(f.Type) && !warned[f.Pos] {
						warned[f.Pos] = true
						r.warn(f.Pos, `declare the field "any?" to tell them apart: a *convex.Value, nil when absent and convex.NullValue() when null`,
							"optional nullable field %q in the args of %s %s: null and absent are the same on the Go side (nil, omitted when sent), so Go callers cannot send null", f.Name, fn.Kind, fn.Path)
					}
					walk(f.Type)
				}
			case manifest.Array, manifest.Record:
				walk(t.Elem)
			case manifest.Union:
				for _, v := range t.Variants {
					walk(v)
				}
			case manifest.Ref:
				if nt := r.m.Named(t.Name); nt != nil && !seen[t.Name] {
					seen[t.Name] = true
					walk(nt.Type)
				}
			}
		}
		walk(fn.Args)
	}
}
