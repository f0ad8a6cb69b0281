package generator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/authgen/authgen/generator/internal/gotype"
	"github.com/authgen/authgen/internal/manifest"
)

// resolver maps manifest types onto Go types, declaring named types as it
// goes and reporting collisions against the manifest positions.
type resolver struct {
	m        *manifest.Manifest
	bindings map[string]*gotype.Binding // by types: name
	// canon maps the structural key of each `types:` object or literal union
	// to its name, so identical inline validators reuse the named type.
	canon map[string]string
	// shared maps the structural key of each derived struct, literal type
	// and union to its Go type, so identical validators share one type.
	shared map[string]*goType
	// pageOpts maps an args struct to its convex.PaginationOpts field.
	pageOpts  map[string]string
	nillable  map[string]bool
	decls     []*decl
	ids       map[string]*decl
	pkgScope  *namespace
	methods   *namespace
	errs      manifest.ErrorList
	warnings  []*manifest.Error
	functions []*resolvedFunc
	// docs holds the doc comments of the argument and result types of
	// functions, which name the function they belong to.
	docs map[string]string
}

// resolvedFunc is a function with its Go names and types.
type resolvedFunc struct {
	fn      *manifest.Function
	goName  string
	args    *goType
	result  *goType
	noArgs  bool // the args object is empty: the method takes no args parameter
	noValue bool // returns null: the method returns only an error
	// pageField names the convex.PaginationOpts field of the args of a
	// paginated query, which gets an iterator method <Name>All.
	pageField string
	// builtinUser is set when the current_user query is untyped: CurrentUser
	// decodes betterauth.UserDocument.
	builtinUser bool
}

func (r *resolver) fail(pos manifest.Pos, hint, format string, args ...any) {
	r.errs = append(r.errs, &manifest.Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (r *resolver) warn(pos manifest.Pos, hint, format string, args ...any) {
	r.warnings = append(r.warnings, &manifest.Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// claim reserves a package-level name, reporting a collision.
func (r *resolver) claim(name, what string, pos manifest.Pos) bool {
	if prev, ok := r.pkgScope.claim(name, what, pos); !ok {
		r.fail(pos, "rename the type or set `name:` on the function in functions.define",
			"Go name %s for %s collides with %s", name, what, prev.describe())
		return false
	}
	return true
}

// derive claims a free package-level name for a derived type or constant:
// want itself, else want2, want3, ... in declaration order (types: in
// manifest order, then functions sorted by path), so a derived name never
// collides and only user-chosen names can.
func (r *resolver) derive(want, what string, pos manifest.Pos) string {
	name := want
	for n := 2; ; n++ {
		if _, ok := r.pkgScope.claim(name, what, pos); ok {
			return name
		}
		name = want + strconv.Itoa(n)
	}
}

func newResolver(m *manifest.Manifest, bindings map[string]*gotype.Binding) *resolver {
	r := &resolver{
		m: m, bindings: bindings,
		canon: map[string]string{}, nillable: map[string]bool{},
		shared: map[string]*goType{}, pageOpts: map[string]string{},
		ids: map[string]*decl{}, docs: map[string]string{},
		pkgScope: newNamespace("package"), methods: newNamespace("Client"),
	}
	var generated manifest.Pos
	for _, name := range []string{"API", "Client", "New", "NewFromEnv", "newClient", "settings"} {
		r.pkgScope.claim(name, "the generated "+name, generated)
	}
	for _, name := range []string{"ClientBase", "Auth", "CurrentUser", "Middleware", "RequireAuth", "Protect", "AuthHandler", "IsAuthenticated", "Token"} {
		r.methods.claim(name, "the generated method Client."+name, generated)
	}
	for _, nt := range m.Types {
		if nt.Type != nil && (nt.Type.Kind == manifest.Object || literalUnion(nt.Type)) {
			key := canonical(nt.Type)
			if _, dup := r.canon[key]; !dup {
				r.canon[key] = nt.Name
			}
		}
	}
	return r
}

// resolve declares every named type and function type, in a fixed order:
// `types:` in manifest order, documents by table, then functions sorted by
// path. A shape declared earlier is reused by every later identical one.
func (r *resolver) resolve() {
	for _, nt := range r.m.Types {
		if nt.GoType == "" {
			r.claim(nt.Name, "type "+nt.Name, nt.Pos)
		}
	}
	for _, nt := range r.m.Types {
		if nt.Type != nil {
			r.declareNamed(nt)
		}
	}
	r.declareDocuments()
	for _, f := range r.m.Functions {
		r.resolveFunction(f)
	}
	r.warnNullableArgs()
	r.checkBindings()
}

func (r *resolver) declareNamed(nt *manifest.NamedType) {
	t := nt.Type
	switch {
	case t.Kind == manifest.Object:
		r.declareStruct(nt.Name, nt.Doc, t, true)
	case literalUnion(t):
		first := len(r.decls)
		r.declareEnum(nt.Name, t, true)
		if nt.Doc != "" {
			r.decls[first].doc = nt.Doc
		}
	default:
		d := &decl{name: nt.Name, doc: nt.Doc, pos: nt.Pos}
		r.decls = append(r.decls, d)
		d.under = r.goTypeOf(t, nt.Name)
	}
}

func (r *resolver) resolveFunction(f *manifest.Function) {
	name := functionGoName(f)
	what := fmt.Sprintf("%s %s", f.Kind, f.Path)
	if !usableGoName(name) {
		r.fail(f.Pos, "set `name:` on the function in functions.define", "cannot derive a Go name for %s", what)
		return
	}
	if prev, ok := r.methods.claim(name, "the method of "+what, f.Pos); !ok {
		r.fail(f.Pos, "set `name:` on one of the functions in functions.define", "Go method name %s for %s collides with %s", name, what, prev.describe())
		return
	}
	if f.Kind == manifest.Query {
		if prev, ok := r.methods.claim("Preload"+name, "the preload method of "+what, f.Pos); !ok {
			r.fail(f.Pos, "set `name:` on one of the functions in functions.define", "Go method name Preload%s for %s collides with %s", name, what, prev.describe())
			return
		}
	}
	rf := &resolvedFunc{fn: f, goName: name}
	r.docs[name+"Args"] = fmt.Sprintf("%sArgs are the arguments of the %s.", name, what)
	r.docs[name+"Result"] = fmt.Sprintf("%sResult is the result of the %s.", name, what)
	switch {
	case f.Args.Kind == manifest.Any:
		rf.args = goValue
	case f.Args.Kind == manifest.Object && len(f.Args.Fields) == 0:
		rf.args, rf.noArgs = goNothing, true
	default:
		rf.args = r.goTypeOf(f.Args, name+"Args")
	}
	if f.Returns.Kind == manifest.Null {
		rf.result, rf.noValue = goNothing, true
	} else {
		rf.result = r.goTypeOf(f.Returns, name+"Result")
	}
	if field, ok := r.pageOpts[rf.args.name]; ok && f.Kind == manifest.Query && rf.args.kind == goLocal && rf.result.isPage() {
		if prev, ok := r.methods.claim(name+"All", "the iterator of "+what, f.Pos); !ok {
			r.fail(f.Pos, "set `name:` on one of the functions in functions.define", "Go method name %sAll for %s collides with %s", name, what, prev.describe())
		} else {
			rf.pageField = field
		}
	}
	r.functions = append(r.functions, rf)
}

// goTypeOf maps t to Go. ctx names any struct or enum t needs declared.
func (r *resolver) goTypeOf(t *manifest.Type, ctx string) *goType {
	switch t.Kind {
	case manifest.String:
		return goString
	case manifest.Number:
		return goFloat64
	case manifest.Int64:
		return goInt64
	case manifest.Boolean:
		return goBool
	case manifest.Bytes:
		return goBytes
	case manifest.Null:
		return goValue
	case manifest.Any:
		if t.Unknown != "" {
			r.warn(t.Pos, "upgrade authgen to type it, or declare the function under functions.define", "validator type %q is newer than this authgen; %s is an untyped convex.Value", t.Unknown, ctx)
		}
		return goValue
	case manifest.FunctionRef:
		return goFunctionHandle
	case manifest.ID:
		return r.idType(t)
	case manifest.Array:
		return &goType{kind: goSlice, elem: r.goTypeOf(t.Elem, singular(ctx))}
	case manifest.Record:
		key := goString
		if t.Key.Kind == manifest.ID {
			key = r.idType(t.Key)
		}
		return &goType{kind: goMap, key: key, elem: r.goTypeOf(t.Elem, ctx)}
	case manifest.Literal:
		switch t.Value.(type) {
		case string:
			return goString
		case float64:
			return goFloat64
		case bool:
			return goBool
		default:
			return goInt64
		}
	case manifest.Ref:
		return r.refType(t.Name)
	case manifest.Object:
		if len(t.Fields) == 0 {
			return goNothing
		}
		key := canonical(t)
		if name, ok := r.canon[key]; ok {
			return r.refType(name)
		}
		if g, ok := r.shared[key]; ok {
			return g
		}
		if isPaginationOpts(t) {
			return goPaginationOpts
		}
		if items := pageItems(t); items != nil {
			return pageOf(r.goTypeOf(items, strings.TrimSuffix(ctx, "Result")+"Item"))
		}
		g := &goType{kind: goLocal, name: r.declareStruct(ctx, "", t, false)}
		r.shared[key] = g
		return g
	case manifest.Union:
		return r.unionType(t, ctx)
	}
	panic(fmt.Sprintf("generator: unhandled type kind %d", t.Kind))
}

func (r *resolver) refType(name string) *goType {
	if nt := r.m.Named(name); nt != nil && nt.GoType != "" {
		b := r.bindings[name]
		if b == nil {
			return goValue // the binding failed to load; that error is already reported
		}
		return &goType{kind: goQual, path: b.PkgPath, name: b.TypeName, nillableNamed: b.Nillable}
	}
	return &goType{kind: goLocal, name: name, nillableNamed: r.namedNillable(name)}
}

// namedNillable reports whether the Go type declared for the `types:` entry
// name is a slice, map or pointer.
func (r *resolver) namedNillable(name string) bool {
	t := r.m.Underlying(&manifest.Type{Kind: manifest.Ref, Name: name})
	if t == nil {
		return false
	}
	switch t.Kind {
	case manifest.Array, manifest.Record:
		return true
	case manifest.Union:
		return !literalUnion(t) && t.HasNull()
	}
	return false
}

func (r *resolver) idType(t *manifest.Type) *goType {
	name := pascal(t.Table) + "ID"
	if d, ok := r.ids[t.Table]; ok {
		return &goType{kind: goLocal, name: d.name}
	}
	if !usableGoName(pascal(t.Table)) {
		r.fail(t.Pos, "", "table name %q has no usable Go name", t.Table)
		return goString
	}
	d := &decl{name: name, table: t.Table, pos: t.Pos,
		doc: fmt.Sprintf("%s is the ID of a document in the %q table.", name, t.Table)}
	r.ids[t.Table] = d
	r.claim(name, fmt.Sprintf("the ID type of table %q", t.Table), t.Pos)
	return &goType{kind: goLocal, name: name}
}

// declareStruct declares a struct for obj and returns its name; nested
// objects are named after the struct and their field. fromTypes is set only
// when declaring a `types:` entry, whose name resolve already claimed; a
// derived name (<Func>Args, <Parent><Field>, ...) that is taken gets a
// number (see derive).
func (r *resolver) declareStruct(name, doc string, obj *manifest.Type, fromTypes bool) string {
	if fromTypes {
		return r.declareFields(&decl{name: name, doc: doc, pos: obj.Pos, isStruct: true}, obj)
	}
	return r.declareStructDecl(name, doc, obj, nil)
}

// declareStructDecl declares a struct under a derived name; configure, when
// set, adjusts the decl before its fields are resolved.
func (r *resolver) declareStructDecl(want, doc string, obj *manifest.Type, configure func(*decl)) string {
	if doc == "" {
		doc = r.docs[want]
	}
	name := r.derive(want, "the struct for "+describePos(obj), obj.Pos)
	if strings.HasPrefix(doc, want+" ") {
		doc = name + strings.TrimPrefix(doc, want)
	}
	d := &decl{name: name, doc: doc, pos: obj.Pos, isStruct: true}
	if configure != nil {
		configure(d)
	}
	return r.declareFields(d, obj)
}

func (r *resolver) declareFields(d *decl, obj *manifest.Type) string {
	r.decls = append(r.decls, d)
	for i, goName := range fieldGoNames(obj.Fields) {
		f := obj.Fields[i]
		typ := r.goTypeOf(f.Type, d.name+goName)
		if typ == goPaginationOpts && !f.Optional {
			r.pageOpts[d.name] = goName
		}
		if f.Optional && !typ.nillable() {
			typ = pointerTo(typ)
		}
		d.fields = append(d.fields, &fieldDecl{goName: goName, jsonName: f.Name, typ: typ, optional: f.Optional, doc: f.Doc})
	}
	return d.name
}

// literalUnion reports whether t is a union of at least two literals of one
// kind (nested unions flattened), declared as a named type with constants.
func literalUnion(t *manifest.Type) bool {
	if t.Kind != manifest.Union {
		return false
	}
	members := flatten(t)
	return len(members) >= 2 && literalKind(members) != ""
}

// canonical is a structural key: equal validators give equal keys whatever
// their field order (function-spec sorts keys, manifests keep yours).
func canonical(t *manifest.Type) string {
	switch t.Kind {
	case manifest.ID:
		return "id<" + t.Table + ">"
	case manifest.Array:
		return canonical(t.Elem) + "[]"
	case manifest.Record:
		return "record<" + canonical(t.Key) + "," + canonical(t.Elem) + ">"
	case manifest.Literal:
		return fmt.Sprintf("%T:%v", t.Value, t.Value)
	case manifest.Ref:
		return "ref:" + t.Name
	case manifest.Union:
		members := flatten(t)
		parts := make([]string, len(members))
		for i, v := range members {
			parts[i] = canonical(v)
		}
		sort.Strings(parts)
		return "(" + strings.Join(parts, "|") + ")"
	case manifest.Object:
		parts := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			opt := ""
			if f.Optional {
				opt = "?"
			}
			parts[i] = strconv.Quote(f.Name) + opt + ":" + canonical(f.Type)
		}
		sort.Strings(parts)
		return "{" + strings.Join(parts, ",") + "}"
	}
	return fmt.Sprintf("kind%d", t.Kind)
}

func describePos(t *manifest.Type) string { return "the validator at " + t.Pos.String() }
