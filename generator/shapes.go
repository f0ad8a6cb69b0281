package generator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/authgen/authgen/internal/manifest"
)

// documentTable returns the table of a document, an object with
// `_id: id<T>` and `_creationTime: number`, or "".
func documentTable(t *manifest.Type) string {
	if t.Kind != manifest.Object {
		return ""
	}
	id, created := fieldType(t, "_id"), fieldType(t, "_creationTime")
	if id == nil || id.Kind != manifest.ID || created == nil || created.Kind != manifest.Number {
		return ""
	}
	return id.Table
}

// declareDocuments declares every document shape that the functions use,
// before anything else, named after its table in the singular ("messages"
// → Message), as sqlc names its models. A table seen with several shapes
// (projections, joins) numbers them: the shape with the most fields (then
// by structure) gets the plain name, then Message2, .... The names depend
// only on the shapes of that table, so adding or removing a function that
// does not use it renames nothing.
func (r *resolver) declareDocuments() {
	shapes := map[string]map[string]*manifest.Type{} // table → canonical → shape
	var walk func(t *manifest.Type)
	walk = func(t *manifest.Type) {
		if t == nil {
			return
		}
		switch t.Kind {
		case manifest.Object:
			if table := documentTable(t); table != "" {
				key := canonical(t)
				if _, named := r.canon[key]; !named {
					if shapes[table] == nil {
						shapes[table] = map[string]*manifest.Type{}
					}
					if _, seen := shapes[table][key]; !seen {
						shapes[table][key] = t
					}
				}
			}
			for _, f := range t.Fields {
				walk(f.Type)
			}
		case manifest.Array, manifest.Record:
			walk(t.Elem)
		case manifest.Union:
			for _, v := range t.Variants {
				walk(v)
			}
		}
	}
	for _, f := range r.m.Functions {
		walk(f.Args)
		walk(f.Returns)
	}
	for _, table := range sortedKeys(shapes) {
		keys := sortedKeys(shapes[table])
		sort.SliceStable(keys, func(i, j int) bool {
			return len(shapes[table][keys[i]].Fields) > len(shapes[table][keys[j]].Fields)
		})
		base := singular(pascal(table))
		if !usableGoName(base) {
			base = "Doc" + base
		}
		for _, key := range keys {
			doc := fmt.Sprintf("%s is a document of the %q table.", base, table)
			name := r.declareStructDecl(base, doc, shapes[table][key], nil)
			r.shared[key] = &goType{kind: goLocal, name: name}
		}
	}
}

// singular turns the last word of a PascalCase name singular by the
// common English rules: Messages → Message, Categories → Category,
// Addresses → Address, Boxes → Box; Status, Analysis and News stay.
func singular(name string) string {
	words := splitWords(name)
	if len(words) == 0 {
		return name
	}
	last := words[len(words)-1]
	lower := strings.ToLower(last)
	stem := strings.TrimSuffix(name, last)
	switch {
	case len(lower) < 4 || !strings.HasSuffix(lower, "s"):
		return name
	case strings.HasSuffix(lower, "ss"), strings.HasSuffix(lower, "us"), strings.HasSuffix(lower, "is"), strings.HasSuffix(lower, "news"):
		return name
	case strings.HasSuffix(lower, "ies"):
		return stem + last[:len(last)-3] + "y"
	case strings.HasSuffix(lower, "sses"), strings.HasSuffix(lower, "ches"), strings.HasSuffix(lower, "shes"), strings.HasSuffix(lower, "xes"):
		return stem + last[:len(last)-2]
	}
	return stem + last[:len(last)-1]
}

// paginationOptsFields are the fields of Convex's paginationOptsValidator
// besides numItems and cursor, all optional.
var paginationOptsFields = map[string]bool{"endCursor": true, "id": true, "maximumRowsRead": true, "maximumBytesRead": true}

// isPaginationOpts reports whether t is Convex's paginationOptsValidator
// (numItems: number, cursor: string | null, and optionally its other
// fields), which maps to convex.PaginationOpts.
func isPaginationOpts(t *manifest.Type) bool {
	if t.Kind != manifest.Object {
		return false
	}
	var num, cursor bool
	for _, f := range t.Fields {
		switch {
		case f.Name == "numItems" && !f.Optional && f.Type.Kind == manifest.Number:
			num = true
		case f.Name == "cursor" && !f.Optional && canonical(f.Type) == canonical(stringOrNull):
			cursor = true
		case paginationOptsFields[f.Name] && f.Optional:
		default:
			return false
		}
	}
	return num && cursor
}

var stringOrNull = &manifest.Type{Kind: manifest.Union, Variants: []*manifest.Type{{Kind: manifest.String}, {Kind: manifest.Null}}}

// pageItems returns the item validator of a paginated result, an object
// {page: T[], isDone: boolean, continueCursor: string} with at most the
// optional splitCursor and pageStatus besides (paginationResultValidator),
// which maps to convex.Page[T]; nil for anything else.
func pageItems(t *manifest.Type) *manifest.Type {
	if t.Kind != manifest.Object {
		return nil
	}
	var items *manifest.Type
	var done, cont bool
	for _, f := range t.Fields {
		switch {
		case f.Name == "page" && !f.Optional && f.Type.Kind == manifest.Array:
			items = f.Type.Elem
		case f.Name == "isDone" && !f.Optional && f.Type.Kind == manifest.Boolean:
			done = true
		case f.Name == "continueCursor" && !f.Optional && f.Type.Kind == manifest.String:
			cont = true
		case (f.Name == "splitCursor" || f.Name == "pageStatus") && f.Optional:
		default:
			return nil
		}
	}
	if !done || !cont {
		return nil
	}
	return items
}
