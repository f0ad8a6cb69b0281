package manifest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/authgen/authgen/internal/spec"
)

// Defaults for the auth section, matching @convex-dev/better-auth.
const (
	DefaultConvexURLEnv = "CONVEX_URL"
	DefaultSiteURLEnv   = "CONVEX_SITE_URL"
	DefaultBasePath     = "/api/auth"
	DefaultCookiePrefix = "better-auth"
	DefaultSignInPath   = "/sign-in"
)

var envNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Load reads the manifest at path and the function-spec it names
// (functions.spec) or extracts (functions.source).
func Load(path string) (*Manifest, []*Error, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, ReadError(path, err)
	}
	return ParseSource(path, data, os.ReadFile, ExtractSpec)
}

// Parse parses manifest bytes. path names the file in errors and anchors
// relative paths; readFile loads the function-spec JSON. It returns the
// model, the warnings, and an ErrorList holding every problem found. It
// runs no extraction: functions.source is an error here (see ParseSource).
func Parse(path string, data []byte, readFile func(string) ([]byte, error)) (*Manifest, []*Error, error) {
	return ParseSource(path, data, readFile, nil)
}

// SpecSource turns a functions.source directory into function-spec JSON.
type SpecSource func(dir string) ([]byte, error)

// ExtractSpec is the default SpecSource: `authgen spec` on the directory,
// through the user's spec cache.
func ExtractSpec(dir string) ([]byte, error) {
	res, err := spec.Extract(context.Background(), spec.Options{Dir: dir})
	if err != nil {
		return nil, err
	}
	return res.Spec, nil
}

// ParseSource is Parse with the SpecSource that extracts functions.source.
func ParseSource(path string, data []byte, readFile func(string) ([]byte, error), extract SpecSource) (*Manifest, []*Error, error) {
	p := &parser{file: path, readFile: readFile, extract: extract, defines: map[string]*defineEntry{}, misspelled: map[string]bool{}}
	m := p.parse(data)
	if len(p.errs.list) > 0 {
		p.errs.list.Sort()
		return nil, p.warnings, p.errs.list
	}
	return m, p.warnings, nil
}

// parser accumulates every error instead of stopping at the first.
type parser struct {
	file     string
	lines    [][]byte // the manifest's source lines, to map type expressions onto columns
	readFile func(string) ([]byte, error)
	extract  SpecSource
	errs     errs
	warnings []*Error
	m        *Manifest
	// misspelled holds the field names suggested for unknown fields.
	misspelled map[string]bool

	defineOrder []string
	defines     map[string]*defineEntry
	specPath    string
	specPos     Pos
	sourceDir   string // functions.source, the alternative to specPath
	sourcePos   Pos
	include     []pattern
	exclude     []pattern

	// rejectedDefines are entries whose path is invalid or repeated: their
	// types are still checked, but they never reach the model.
	rejectedDefines []*defineEntry
}

type pattern struct {
	glob string
	pos  Pos
}

// defineEntry is a `functions.define` entry before it is merged with the spec.
type defineEntry struct {
	kind Kind
	// kindGiven is set when the entry has a kind field, valid or not.
	kindGiven bool
	args      *Type
	returns   *Type
	name      string
	doc       string
	pos       Pos
}

func (p *parser) pos(n *yaml.Node) Pos { return Pos{File: p.file, Line: n.Line, Col: n.Column} }

func (p *parser) errorf(n *yaml.Node, hint, format string, args ...any) {
	p.errs.add(p.pos(n), hint, format, args...)
}

func (p *parser) parse(data []byte) *Manifest {
	p.m = &Manifest{Path: p.file, Dir: filepath.Dir(p.file)}
	p.lines = SplitLines(data)
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p.yamlSyntaxError(err)
		return nil
	}
	if len(doc.Content) == 0 {
		p.errs.add(Pos{File: p.file, Line: 1, Col: 1}, "start with `version: 1`; `authgen init` writes a commented manifest", "empty manifest")
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "", "the manifest must be a mapping of sections")
		return nil
	}
	sections := map[string]func(*yaml.Node){
		"version":      p.version,
		"package":      p.pkg,
		"auth":         p.auth,
		"current_user": p.currentUser,
		"functions":    p.functions,
		"types":        p.types,
		"routes":       p.routes,
	}
	p.m.Auth = Auth{ConvexURLEnv: DefaultConvexURLEnv, SiteURLEnv: DefaultSiteURLEnv, BasePath: DefaultBasePath, CookiePrefix: DefaultCookiePrefix, SignInPath: DefaultSignInPath}
	seen := p.mapping(root, "manifest", sections)
	// A misspelled section is reported as unknown with a suggestion; saying
	// that the section it meant is missing as well would be noise.
	if _, ok := seen["version"]; !ok && !p.misspelled["version"] {
		p.errs.add(Pos{File: p.file, Line: 1, Col: 1}, "add `version: 1` at the top", "missing version")
	}
	if _, ok := seen["package"]; !ok && !p.misspelled["package"] {
		p.errs.add(Pos{File: p.file, Line: 1, Col: 1}, "add `package: {dir: internal/convexapi}`", "missing package section")
	}
	p.resolveRefs()
	p.mergeFunctions()
	p.checkCurrentUser()
	return p.m
}

// mapping walks the pairs of n, dispatching known keys and reporting unknown
// or repeated ones. It returns the keys seen.
func (p *parser) mapping(n *yaml.Node, what string, fields map[string]func(*yaml.Node)) map[string]*yaml.Node {
	seen := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "", "%s must be a mapping", what)
		return seen
	}
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if prev, dup := seen[key.Value]; dup {
			p.errorf(key, "remove one of them", "duplicate field %q in %s (first at line %d)", key.Value, what, prev.Line)
			continue
		}
		seen[key.Value] = key
		fn, ok := fields[key.Value]
		if !ok {
			suggestion, hint := suggest(key.Value, names)
			if suggestion != "" {
				p.misspelled[suggestion] = true
			}
			p.errorf(key, hint, "unknown field %q in %s", key.Value, what)
			continue
		}
		fn(val)
	}
	return seen
}

// scalar returns n's value when n is a scalar, reporting otherwise.
func (p *parser) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, "", "%s must be a string", what)
		return "", false
	}
	return n.Value, true
}

func (p *parser) version(n *yaml.Node) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		p.errorf(n, "write `version: 1`", "version must be a number")
		return
	}
	v, _ := strconv.Atoi(n.Value)
	if v != 1 {
		p.errorf(n, "this authgen reads manifest version 1", "unsupported manifest version %s", n.Value)
		return
	}
	p.m.Version = v
}

func (p *parser) pkg(n *yaml.Node) {
	p.m.Package.Pos = p.pos(n)
	if n.Kind == yaml.ScalarNode {
		p.m.Package.Dir = n.Value
	} else {
		p.mapping(n, "package", map[string]func(*yaml.Node){
			"dir":  func(v *yaml.Node) { p.m.Package.Dir, _ = p.scalar(v, "package.dir") },
			"name": func(v *yaml.Node) { p.packageName(v) },
		})
	}
	if p.m.Package.Dir == "" {
		p.errorf(n, "write `package: {dir: internal/convexapi}`", "package.dir is required")
	} else if filepath.IsAbs(p.m.Package.Dir) {
		p.errorf(n, "paths are relative to the manifest's directory", "package.dir must be a relative path")
	}
}

func (p *parser) packageName(n *yaml.Node) {
	name, ok := p.scalar(n, "package.name")
	if !ok {
		return
	}
	if err := checkGoIdent(name); err != nil {
		p.errorf(n, "use a short lower-case name such as convexapi", "package.name: %v", err)
		return
	}
	p.m.Package.Name = name
}

func (p *parser) auth(n *yaml.Node) {
	a := &p.m.Auth
	env := func(dst *string, what string) func(*yaml.Node) {
		return func(v *yaml.Node) {
			s, ok := p.scalar(v, what)
			if ok && !envNameRE.MatchString(s) {
				p.errorf(v, "use letters, digits and underscores, e.g. CONVEX_URL", "%s: %q is not an environment variable name", what, s)
				return
			}
			*dst = s
		}
	}
	urlPath := func(dst *string, what string) func(*yaml.Node) {
		return func(v *yaml.Node) {
			s, ok := p.scalar(v, what)
			if ok && !p.noControl(v, what, s) {
				return
			}
			if ok && (!strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "?#\\ ")) {
				p.errorf(v, `write a path such as "/api/auth"`, "%s: %q must be an absolute path on this server", what, s)
				return
			}
			*dst = strings.TrimSuffix(s, "/")
			if *dst == "" {
				*dst = "/"
			}
		}
	}
	p.mapping(n, "auth", map[string]func(*yaml.Node){
		"convex_url_env": env(&a.ConvexURLEnv, "auth.convex_url_env"),
		"site_url_env":   env(&a.SiteURLEnv, "auth.site_url_env"),
		"base_path":      urlPath(&a.BasePath, "auth.base_path"),
		"sign_in_path":   urlPath(&a.SignInPath, "auth.sign_in_path"),
		"cookie_prefix": func(v *yaml.Node) {
			s, ok := p.scalar(v, "auth.cookie_prefix")
			if ok && !p.noControl(v, "auth.cookie_prefix", s) {
				return
			}
			if ok && (s == "" || strings.ContainsAny(s, " ;=,\t")) {
				p.errorf(v, `the default is "better-auth"`, "auth.cookie_prefix: %q cannot be part of a cookie name", s)
				return
			}
			a.CookiePrefix = s
		},
		"jwks": func(v *yaml.Node) {
			s, ok := p.scalar(v, "auth.jwks")
			if !ok {
				return
			}
			switch name, isEnv := strings.CutPrefix(s, "env:"); {
			case s == "remote":
				a.JWKSEnv = ""
			case isEnv && envNameRE.MatchString(name):
				a.JWKSEnv = name
			default:
				p.errorf(v, `write "remote" (fetch {site}{base_path}/convex/jwks) or "env:JWKS" (a static JWKS document)`, "auth.jwks: unsupported value %q", s)
			}
		},
	})
}

func (p *parser) currentUser(n *yaml.Node) {
	s, ok := p.scalar(n, "current_user")
	if !ok {
		return
	}
	path, err := CanonicalPath(s)
	if err != nil {
		p.errorf(n, `write "module:function", e.g. "auth:getCurrentUser"`, "current_user: %v", err)
		return
	}
	p.m.CurrentUser = &CurrentUser{Path: path, Pos: p.pos(n)}
}

func (p *parser) functions(n *yaml.Node) {
	p.mapping(n, "functions", map[string]func(*yaml.Node){
		"spec": func(v *yaml.Node) {
			if s, ok := p.scalar(v, "functions.spec"); ok {
				p.specPath, p.specPos = s, p.pos(v)
			}
		},
		"source": func(v *yaml.Node) {
			if s, ok := p.scalar(v, "functions.source"); ok {
				p.sourceDir, p.sourcePos = s, p.pos(v)
			}
		},
		"include": func(v *yaml.Node) { p.include = p.globs(v, "functions.include") },
		"exclude": func(v *yaml.Node) { p.exclude = p.globs(v, "functions.exclude") },
		"define":  p.define,
	})
}

func (p *parser) globs(n *yaml.Node, what string) []pattern {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, `write a list such as ["messages:*", "admin/**"]`, "%s must be a list of globs", what)
		return nil
	}
	var out []pattern
	for _, item := range n.Content {
		s, ok := p.scalar(item, what+" entry")
		if !ok {
			continue
		}
		if _, err := globRegexp(s); err != nil || s == "" {
			p.errorf(item, "", "%s: bad glob %q", what, s)
			continue
		}
		out = append(out, pattern{glob: s, pos: p.pos(item)})
	}
	return out
}

func (p *parser) define(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "", "functions.define must be a mapping from function path to its description")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		path, err := CanonicalPath(key.Value)
		if err != nil {
			p.errorf(key, pathHint(key.Value), "%v", err)
			// Check the body too, so fixing the path does not reveal
			// a second round of errors; the entry stays out of the model.
			p.rejectedDefines = append(p.rejectedDefines, p.defineEntry(key, val, fmt.Sprintf("function %q", key.Value)))
			continue
		}
		if prev, dup := p.defines[path]; dup {
			p.errorf(key, "remove one of them", "function %s defined twice (first at line %d)", path, prev.pos.Line)
			p.rejectedDefines = append(p.rejectedDefines, p.defineEntry(key, val, "function "+path))
			continue
		}
		p.defines[path] = p.defineEntry(key, val, "function "+path)
		p.defineOrder = append(p.defineOrder, path)
	}
}

// defineEntry reads the body of one functions.define entry; what names the
// entry in error messages.
func (p *parser) defineEntry(key, val *yaml.Node, what string) *defineEntry {
	e := &defineEntry{pos: p.pos(key), doc: yamlDoc(key, val)}
	p.mapping(val, what, map[string]func(*yaml.Node){
		"kind": func(v *yaml.Node) {
			e.kindGiven = true
			s, _ := p.scalar(v, "kind")
			switch k := Kind(s); k {
			case Query, Mutation, Action:
				e.kind = k
			default:
				p.errorf(v, "write query, mutation or action", "kind: unknown function kind %q", s)
			}
		},
		"args": func(v *yaml.Node) {
			e.args = p.typeNode(v, false)
			if e.args != nil && e.args.Kind != Object && e.args.Kind != Any && e.args.Kind != Ref {
				p.errorf(v, `write a mapping of argument names to types, e.g. {channel: "id<channels>"}`, "args must be an object")
			}
		},
		"returns": func(v *yaml.Node) { e.returns = p.typeNode(v, false) },
		"name": func(v *yaml.Node) {
			s, ok := p.scalar(v, "name")
			if !ok {
				return
			}
			if err := checkExportedGoIdent(s); err != nil {
				p.errorf(v, "write an exported Go name such as MessagesRecent", "name: %v", err)
				return
			}
			e.name = s
		},
	})
	return e
}

// pathHint suggests the function path meant by raw: the TypeScript
// spelling api.messages.list is written messages:list here.
func pathHint(raw string) string {
	if dot := strings.LastIndexByte(raw, '.'); dot > 0 && !strings.Contains(raw, ":") {
		if fixed, err := CanonicalPath(strings.ReplaceAll(raw[:dot], ".", "/") + ":" + raw[dot+1:]); err == nil {
			return fmt.Sprintf("did you mean %q? A path is \"module:function\"", fixed)
		}
	}
	return `write "module:function", e.g. "messages:list" or "admin/users:get"`
}

// typeNode reads a type: a type expression scalar or a mapping describing an
// object. optional reports whether the expression ended with "?".
func (p *parser) typeNode(n *yaml.Node, allowOptional bool) *Type {
	t, _ := p.fieldType(n, allowOptional)
	return t
}

func (p *parser) fieldType(n *yaml.Node, allowOptional bool) (*Type, bool) {
	switch n.Kind {
	case yaml.MappingNode:
		return p.objectNode(n), false
	case yaml.ScalarNode:
		if n.Tag == "!!null" && n.Value == "" || n.Value == "~" {
			p.errorf(n, `write a type such as "string"`, "missing type")
			return nil, false
		}
		base := p.pos(n)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			base.Col++
		}
		t, optional, perr := parseTypeExpr(n.Value, base, p.verbatim(n, base))
		if perr != nil {
			p.errs.list = append(p.errs.list, perr)
			return nil, false
		}
		if optional && !allowOptional {
			p.errorf(n, "a trailing ? marks an optional object field; use `T | null` for a nullable value", "optional type %q outside an object field", n.Value)
		}
		return t, optional
	default:
		p.errorf(n, `write a type expression such as "Message[]" or a mapping of field names to types`, "a type must be a string or a mapping")
		return nil, false
	}
}

// SplitLines splits data at the line breaks YAML recognises (\r\n, \n, \r,
// NEL, LS and PS), so line numbers agree with yaml.v3's.
func SplitLines(data []byte) [][]byte {
	var lines [][]byte
	start := 0
	for i := 0; i < len(data); {
		size := lineBreak(data[i:])
		if size == 0 {
			i++
			continue
		}
		lines = append(lines, data[start:i])
		i += size
		start = i
	}
	return append(lines, data[start:])
}

// lineBreak returns the length of the line break b starts with, or 0.
func lineBreak(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("\r\n")):
		return 2
	case b[0] == '\n' || b[0] == '\r':
		return 1
	case bytes.HasPrefix(b, []byte("\u0085")):
		return 2
	case bytes.HasPrefix(b, []byte("\u2028")), bytes.HasPrefix(b, []byte("\u2029")):
		return 3
	}
	return 0
}

// verbatim reports whether scalar n's value appears unchanged in the source
// at base (its first character), so offsets into the value are columns. A
// plain scalar folded over several lines, or a quoted one with escapes, is
// not.
func (p *parser) verbatim(n *yaml.Node, base Pos) bool {
	if base.Line < 1 || base.Line > len(p.lines) {
		return false
	}
	line := p.lines[base.Line-1]
	for col := 1; col < base.Col; col++ {
		_, size := utf8.DecodeRune(line)
		if size == 0 {
			return false
		}
		line = line[size:]
	}
	if !bytes.HasPrefix(line, []byte(n.Value)) {
		return false
	}
	rest := line[len(n.Value):]
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return bytes.HasPrefix(rest, []byte(`"`))
	case n.Style&yaml.SingleQuotedStyle != 0:
		return bytes.HasPrefix(rest, []byte(`'`))
	}
	return n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0
}

// noControl reports whether s, the value of v, is free of control
// characters, and records an error naming the first one if not. Manifest
// strings reach generated Go code (comments, string literals): a newline
// in a path could end a comment and inject code.
func (p *parser) noControl(v *yaml.Node, what, s string) bool {
	for _, r := range s {
		if isControl(r) {
			p.errorf(v, "remove it: paths and prefixes are plain text on one line", "%s: %q holds the control character %U", what, s, r)
			return false
		}
	}
	return true
}

func (p *parser) objectNode(n *yaml.Node) *Type {
	obj := &Type{Kind: Object, Pos: p.pos(n)}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		name, keyOptional := strings.CutSuffix(key.Value, "?")
		if name == "" || strings.HasPrefix(name, "$") {
			p.errorf(key, "Convex field names are non-empty and do not start with $", "invalid field name %q", key.Value)
			continue
		}
		if !jsonTagSafe(name) {
			p.errorf(key, tagSafeHint, "field name %q cannot be carried by a Go json struct tag", name)
			continue
		}
		if line, dup := seen[name]; dup {
			p.errorf(key, "remove one of them", "duplicate field %q (first at line %d)", name, line)
			continue
		}
		seen[name] = key.Line
		t, optional := p.fieldType(val, true)
		if t == nil {
			continue
		}
		obj.Fields = append(obj.Fields, Field{Name: name, Type: t, Optional: optional || keyOptional, Doc: yamlDoc(key, val), Pos: p.pos(key)})
	}
	return obj
}

func (p *parser) types(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "", "types must be a mapping from type name to its definition")
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if err := checkExportedGoIdent(key.Value); err != nil {
			p.errorf(key, "type names become exported Go types: write them in PascalCase, e.g. Message", "type %q: %v", key.Value, err)
			continue
		}
		if _, builtin := builtinNames[key.Value]; builtin {
			p.errorf(key, "pick another name", "type name %q shadows a built-in type", key.Value)
			continue
		}
		if line, dup := seen[key.Value]; dup {
			p.errorf(key, "remove one of them", "type %s defined twice (first at line %d)", key.Value, line)
			continue
		}
		seen[key.Value] = key.Line
		nt := &NamedType{Name: key.Value, Doc: yamlDoc(key, val), Pos: p.pos(key)}
		if val.Kind == yaml.MappingNode && len(val.Content) >= 2 && val.Content[0].Value == "go" {
			if len(val.Content) != 2 {
				p.errorf(val.Content[2], "a binding has only the `go` field", "unknown field %q in Go type binding", val.Content[2].Value)
				continue
			}
			goType, ok := p.scalar(val.Content[1], "go")
			if !ok {
				continue
			}
			dot := strings.LastIndexByte(goType, '.')
			if dot <= 0 || dot == len(goType)-1 || strings.LastIndexByte(goType, '/') > dot {
				p.errorf(val.Content[1], `write "import/path.TypeName", e.g. "github.com/acme/app/models.User"`, "bad Go type %q", goType)
				continue
			}
			nt.GoType = goType
		} else {
			nt.Type = p.typeNode(val, false)
			if nt.Type == nil {
				continue
			}
		}
		p.m.Types = append(p.m.Types, nt)
	}
}

func (p *parser) routes(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, `write a list such as [{prefix: /dashboard, unauthenticated: redirect}]`, "routes must be a list")
		return
	}
	seen := map[string]int{}
	for _, item := range n.Content {
		r := Route{Pos: p.pos(item)}
		var hasPrefix, hasMode bool
		p.mapping(item, "route", map[string]func(*yaml.Node){
			"prefix": func(v *yaml.Node) {
				hasPrefix = true
				s, ok := p.scalar(v, "prefix")
				if ok && !p.noControl(v, "prefix", s) {
					s = strings.Map(printable, s) // named in later messages without its control characters
				} else if ok && (!strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//")) {
					p.errorf(v, `write a path such as "/dashboard"`, "prefix %q must be an absolute path", s)
				}
				r.Prefix = s
			},
			"unauthenticated": func(v *yaml.Node) {
				hasMode = true
				s, _ := p.scalar(v, "unauthenticated")
				switch s {
				case "redirect":
				case "401":
					r.Status401 = true
				default:
					p.errorf(v, `write redirect (pages: 303 to sign_in_path) or "401" (APIs)`, "unauthenticated: unknown mode %q", s)
				}
			},
			"require": func(v *yaml.Node) { p.require(v, &r) },
		})
		if item.Kind != yaml.MappingNode {
			continue
		}
		if !hasPrefix {
			p.errorf(item, "", "route needs a prefix")
			continue
		}
		if !hasMode {
			p.errorf(item, `add unauthenticated: redirect or unauthenticated: "401"`, "route %s needs an unauthenticated mode", r.Prefix)
			continue
		}
		if line, dup := seen[r.Prefix]; dup {
			p.errorf(item, "remove one of them", "route %s listed twice (first at line %d)", r.Prefix, line)
			continue
		}
		seen[r.Prefix] = item.Line
		p.m.Routes = append(p.m.Routes, r)
	}
}

// ruleName is what a require.rule may be called: a Go-identifier-like
// name, so that it reads the same in YAML and in betterauth.WithRule.
var ruleName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// require parses a route's `require: {role: admin | [admin, owner], rule: name}`.
func (p *parser) require(n *yaml.Node, r *Route) {
	const example = `write require: {role: admin}, {role: [admin, owner]} or {rule: canBill}`
	if n.Kind != yaml.MappingNode {
		p.errorf(n, example, "require must be a mapping")
		return
	}
	seen := p.mapping(n, "require", map[string]func(*yaml.Node){
		"role": func(v *yaml.Node) {
			items := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				items = v.Content
				if len(items) == 0 {
					p.errorf(v, example, "require.role lists no roles")
				}
			}
			for _, it := range items {
				role, ok := p.scalar(it, "require.role")
				if !ok {
					continue
				}
				if role == "" || strings.ContainsAny(role, ", \t") {
					p.errorf(it, "list several roles as [admin, owner]; a role name has no commas or spaces", "require.role %q is not a role name", role)
					continue
				}
				r.Roles = append(r.Roles, role)
			}
		},
		"rule": func(v *yaml.Node) {
			name, ok := p.scalar(v, "require.rule")
			if ok && !ruleName.MatchString(name) {
				p.errorf(v, "use a name such as canBill, registered in Go with betterauth.WithRule(\"canBill\", func(r *http.Request, s *betterauth.Session) bool {...})", "require.rule %q is not a rule name", name)
				return
			}
			r.Rule = name
		},
	})
	if len(seen) == 0 {
		p.errorf(n, example, "require is empty")
	}
}

// resolveRefs checks every type name used anywhere against `types:` and
// the validators' own rules (record keys).
func (p *parser) resolveRefs() {
	names := map[string]bool{}
	var candidates []string
	for _, t := range p.m.Types {
		names[t.Name] = true
		candidates = append(candidates, t.Name)
	}
	for name := range builtinNames {
		candidates = append(candidates, name)
	}
	sort.Strings(candidates)
	var check func(t *Type)
	check = func(t *Type) {
		if t == nil {
			return
		}
		switch t.Kind {
		case Ref:
			if !names[t.Name] {
				p.errs.add(t.Pos, didYouMean(t.Name, candidates), "unknown type name %q", t.Name)
			}
		case Record:
			if !validRecordKey(t.Key) {
				p.errs.add(t.Key.Pos, `record keys are string, id<table> or a union of those`, "unsupported record key type")
			}
			check(t.Elem)
		case Array:
			check(t.Elem)
		case Union:
			for _, v := range t.Variants {
				check(v)
			}
		case Object:
			for _, f := range t.Fields {
				check(f.Type)
			}
		}
	}
	for _, nt := range p.m.Types {
		check(nt.Type)
	}
	for _, path := range p.defineOrder {
		check(p.defines[path].args)
		check(p.defines[path].returns)
	}
	for _, e := range p.rejectedDefines {
		check(e.args)
		check(e.returns)
	}
}

func validRecordKey(t *Type) bool {
	switch t.Kind {
	case String, ID:
		return true
	case Union:
		for _, v := range t.Variants {
			if !validRecordKey(v) {
				return false
			}
		}
		return true
	}
	return false
}

// mergeFunctions loads the spec, applies include/exclude, and lays the
// define entries over it.
func (p *parser) mergeFunctions() {
	byPath := map[string]*Function{}
	if p.specPath != "" && p.sourceDir != "" {
		p.errs.add(p.sourcePos, "keep functions.spec (a file from `npx convex function-spec`) or functions.source (the functions directory, extracted offline), not both", "functions.source and functions.spec are alternatives")
	} else if p.specPath != "" || p.sourceDir != "" {
		for _, f := range p.loadSpec() {
			if !p.selected(f.Path) {
				p.m.Skipped = append(p.m.Skipped, f.Path+" (excluded by functions.include/exclude)")
				continue
			}
			byPath[f.Path] = f
		}
	}
	for _, path := range p.defineOrder {
		e := p.defines[path]
		f, fromSpec := byPath[path]
		if !fromSpec {
			f = &Function{Path: path, Args: &Type{Kind: Object, Pos: e.pos}, Returns: &Type{Kind: Any, Pos: e.pos}}
			if !e.kindGiven {
				p.errs.add(e.pos, "add kind: query, kind: mutation or kind: action", "function %s needs a kind (it is not in the function spec)", path)
			}
			byPath[path] = f
		}
		f.Pos = e.pos
		if e.kind != "" {
			f.Kind = e.kind
		}
		if e.args != nil {
			f.Args, f.UntypedArgs = e.args, false
		}
		if e.returns != nil {
			if fromSpec && !f.UntypedReturns {
				f.SpecReturns = f.Returns
			}
			f.Returns, f.UntypedReturns = e.returns, false
		}
		f.GoName, f.Doc = e.name, e.doc
	}
	paths := make([]string, 0, len(byPath))
	for path := range byPath {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		f := byPath[path]
		if f.UntypedArgs {
			p.warnings = append(p.warnings, &Error{Pos: f.Pos, Msg: fmt.Sprintf("%s has no args validator; its arguments are an untyped convex.Value", path), Hint: "add args to the Convex function or a define entry"})
		}
		if f.UntypedReturns {
			p.warnings = append(p.warnings, &Error{Pos: f.Pos, Msg: fmt.Sprintf("%s has no returns validator; its result is an untyped convex.Value", path), Hint: "add returns to the Convex function or a define entry"})
		}
		p.m.Functions = append(p.m.Functions, f)
	}
}

func (p *parser) selected(path string) bool {
	if len(p.include) > 0 {
		in := false
		for _, g := range p.include {
			in = in || globMatch(g.glob, path)
		}
		if !in {
			return false
		}
	}
	for _, g := range p.exclude {
		if globMatch(g.glob, path) {
			return false
		}
	}
	return true
}

func (p *parser) loadSpec() []*Function {
	if p.sourceDir != "" {
		return p.extractSpec()
	}
	display := filepath.Join(filepath.Dir(p.file), p.specPath)
	data, err := p.readFile(display)
	if err != nil {
		hint := "run `npx convex function-spec > " + p.specPath + "` in the Convex project"
		if !errors.Is(err, os.ErrNotExist) {
			hint = ""
		}
		p.errs.add(p.specPos, hint, "functions.spec: %v", err)
		return nil
	}
	fns, skipped, errList := ParseSpec(display, data)
	p.errs.list = append(p.errs.list, errList...)
	p.m.Skipped = append(p.m.Skipped, skipped...)
	return fns
}

// extractSpec extracts the spec of the functions.source directory.
func (p *parser) extractSpec() []*Function {
	dir := p.sourceDir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(p.file), dir)
	}
	if p.extract == nil {
		p.errs.add(p.sourcePos, "use functions.spec with the output of `npx convex function-spec`", "functions.source cannot be extracted here")
		return nil
	}
	data, err := p.extract(dir)
	if err != nil {
		p.errs.add(p.sourcePos, "run `authgen spec --convex-dir "+dir+"` to see the extraction on its own", "functions.source: %v", err)
		return nil
	}
	fns, skipped, errList := ParseSpec(dir+" (extracted)", data)
	p.errs.list = append(p.errs.list, errList...)
	p.m.Skipped = append(p.m.Skipped, skipped...)
	return fns
}
