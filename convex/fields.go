package convex

import (
	"reflect"
	"slices"
	"strings"
	"sync"
)

// field is one encoded struct field, found the way encoding/json finds them:
// exported fields and fields promoted from embedded structs, named by the
// `json` struct tag.
type field struct {
	name      string
	keyJSON   []byte // `"name":`, written ahead of the value
	index     []int  // path through embedded structs
	typ       reflect.Type
	omitEmpty bool
	omitZero  bool
	nameErr   error // the name is not a valid Convex field name
}

// structFields is the cached field list of one struct type.
type structFields struct {
	sorted []field        // in encode order: by name, as convexToJson sorts keys
	byName map[string]int // index into sorted, for decoding
}

var fieldCache sync.Map // reflect.Type → *structFields

// cachedFields returns the fields of struct type t.
func cachedFields(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f, _ := fieldCache.LoadOrStore(t, typeFields(t))
	return f.(*structFields)
}

// typeFields walks t breadth-first through embedded structs and applies
// encoding/json's dominance rules: a shallower field hides deeper ones, a
// tagged field beats untagged ones at the same depth, and remaining ties
// drop the name altogether.
func typeFields(t reflect.Type) *structFields {
	type candidate struct {
		field
		depth  int
		tagged bool
	}
	var candidates []candidate
	type level struct {
		typ   reflect.Type
		index []int
	}
	current := []level{{typ: t}}
	visited := map[reflect.Type]bool{}
	for depth := 0; len(current) > 0; depth++ {
		var next []level
		for _, lv := range current {
			if visited[lv.typ] {
				continue
			}
			visited[lv.typ] = true
			for i := range lv.typ.NumField() {
				sf := lv.typ.Field(i)
				ft := sf.Type
				if sf.Anonymous {
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				index := append(slices.Clone(lv.index), i)
				if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
					next = append(next, level{typ: ft, index: index})
					continue
				}
				tagged := name != ""
				if !tagged {
					name = sf.Name
				}
				c := candidate{depth: depth, tagged: tagged, field: field{
					name:      name,
					index:     index,
					typ:       sf.Type,
					omitEmpty: hasOption(opts, "omitempty"),
					omitZero:  hasOption(opts, "omitzero"),
					nameErr:   validateFieldName(name),
				}}
				c.keyJSON = append(appendString(nil, name), ':')
				candidates = append(candidates, c)
			}
		}
		current = next
	}

	slices.SortStableFunc(candidates, func(a, b candidate) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if a.depth != b.depth {
			return a.depth - b.depth
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return 0
	})
	sf := &structFields{byName: map[string]int{}}
	for i := 0; i < len(candidates); {
		j := i + 1
		for j < len(candidates) && candidates[j].name == candidates[i].name {
			j++
		}
		group := candidates[i:j]
		if len(group) == 1 || group[0].depth != group[1].depth || group[0].tagged != group[1].tagged {
			sf.sorted = append(sf.sorted, group[0].field)
		}
		i = j
	}
	for i := range sf.sorted {
		sf.byName[sf.sorted[i].name] = i
	}
	return sf
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}
