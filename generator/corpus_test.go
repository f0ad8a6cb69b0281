package generator_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/internal/manifest"
	"github.com/authgen/authgen/internal/write"
)

var corpusRoot = flag.String("corpus", "../tests/corpus", "directory of real Convex apps, one <app>/function_spec.json each")

// corpusApp is one real app's function spec, generated into its own package.
type corpusApp struct {
	name, spec, pkg string
	res             *generator.Result
}

// TestCorpus generates a package for each real open-source Convex app in
// tests/corpus (their function specs as the extractor prints them): generate,
// check right after generate, compile and vet all of them in one module,
// and require every public function to be fully typed (no convex.Value in
// its arguments or result) unless the spec itself says any there or has no
// validator.
func TestCorpus(t *testing.T) {
	specs, _ := filepath.Glob(filepath.Join(*corpusRoot, "*", "function_spec.json"))
	if len(specs) < 4 {
		t.Fatalf("found %d function specs under %s, want the corpus of at least 4 apps (tests/corpus/<app>/function_spec.json)", len(specs), *corpusRoot)
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/corpus\n\ngo 1.26\n\nrequire github.com/authgen/authgen v0.0.0\n\nreplace github.com/authgen/authgen => "+repo+"\n")
	gosum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mod, "go.sum"), string(gosum))

	var apps []*corpusApp
	for _, spec := range specs {
		app := &corpusApp{name: filepath.Base(filepath.Dir(spec)), spec: spec}
		app.pkg = "app" + strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, strings.ToLower(app.name))
		t.Run(app.name+"/generate", func(t *testing.T) {
			dir := filepath.Join(mod, app.pkg)
			data, err := os.ReadFile(spec)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "function_spec.json"), string(data))
			writeFile(t, filepath.Join(dir, "authgen.yaml"), "version: 1\npackage: {dir: ., name: "+app.pkg+"}\nfunctions: {spec: function_spec.json}\n")
			opts := generator.Options{ManifestPath: filepath.Join(dir, "authgen.yaml")}
			res, err := generator.Generate(opts)
			if err != nil {
				t.Fatalf("generate: %v", err)
			}
			plan, err := write.NewPlan(res.Dir, res.Files)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := plan.Apply(); err != nil {
				t.Fatal(err)
			}
			again, err := generator.Generate(opts)
			if err != nil {
				t.Fatalf("second generate: %v", err)
			}
			if plan, err := write.NewPlan(again.Dir, again.Files); err != nil || plan.Stale() {
				t.Fatalf("check right after generate: stale (%v)\n%s", err, plan.Report())
			}
			app.res = res
		})
		apps = append(apps, app)
	}

	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = mod, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s over the corpus packages: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	for _, app := range apps {
		if app.res == nil {
			continue
		}
		t.Run(app.name+"/typed", func(t *testing.T) {
			data, err := os.ReadFile(app.spec)
			if err != nil {
				t.Fatal(err)
			}
			fns, _, errs := manifest.ParseSpec(app.spec, data)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			refs, names := parseGenerated(t, filepath.Join(mod, app.pkg))
			var typed, anyBySpec [2]int // [args, result]
			for _, f := range fns {
				untyped, ok := refs[f.Path]
				if !ok {
					t.Errorf("%s: no API reference generated", f.Path)
					continue
				}
				for side, spec := range [2]*manifest.Type{f.Args, f.Returns} {
					untypedSpec := hasAny(spec) || (side == 0 && f.UntypedArgs) || (side == 1 && f.UntypedReturns)
					switch {
					case untypedSpec:
						anyBySpec[side]++
					case untyped[side]:
						t.Errorf("the %s of %s %s is not fully typed though its spec has validators throughout", [2]string{"arguments", "result"}[side], f.Kind, f.Path)
					default:
						typed[side]++
					}
				}
			}
			median, longest := nameStats(names)
			t.Logf("%s: %d public functions; typed args %d (any or no validator in the spec: %d), typed results %d (any or no validator: %d); %d types, name length median %d, longest %d (%s)",
				app.name, len(fns), typed[0], anyBySpec[0], typed[1], anyBySpec[1], len(names), median, len(longest), longest)
		})
	}
}

// hasAny reports whether a validator says any somewhere: v.any(), or a
// validator type newer than authgen, which the spec cannot type either.
func hasAny(t *manifest.Type) bool {
	switch t.Kind {
	case manifest.Any:
		return true
	case manifest.Array:
		return hasAny(t.Elem)
	case manifest.Record:
		return hasAny(t.Key) || hasAny(t.Elem)
	case manifest.Object:
		return slices.ContainsFunc(t.Fields, func(f manifest.Field) bool { return hasAny(f.Type) })
	case manifest.Union:
		return slices.ContainsFunc(t.Variants, hasAny)
	}
	return false
}

// parseGenerated reads a generated package: for each function path, whether
// its argument or result type reaches convex.Value; and the names of the
// declared types.
func parseGenerated(t *testing.T, dir string) (untyped map[string][2]bool, names []string) {
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, name := range []string{generator.APIFile, generator.TypesFile} {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil && name == generator.APIFile {
			t.Fatal(err)
		}
		files[name] = f
	}
	decls := map[string]ast.Expr{}
	if f := files[generator.TypesFile]; f != nil {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				decls[ts.Name.Name] = ts.Type
				names = append(names, ts.Name.Name)
			}
		}
	}
	memo := map[string]bool{}
	var reaches func(e ast.Expr) bool
	reaches = func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "convex" && x.Sel.Name == "Value" {
					found = true
				}
				return false
			case *ast.Ident:
				if under, ok := decls[x.Name]; ok {
					seen, done := memo[x.Name]
					if !done {
						memo[x.Name] = false // cycles: assume typed while walking
						seen = reaches(under)
						memo[x.Name] = seen
					}
					found = found || seen
				}
			}
			return !found
		})
		return found
	}
	untyped = map[string][2]bool{}
	ast.Inspect(files[generator.APIFile], func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		idx, isIndex := call.Fun.(*ast.IndexListExpr)
		if !ok || !isIndex || lit.Kind != token.STRING {
			return true
		}
		path, _ := strconv.Unquote(lit.Value)
		untyped[path] = [2]bool{reaches(idx.Indices[0]), reaches(idx.Indices[1])}
		return true
	})
	return untyped, names
}

// nameStats returns the median length and the longest of names.
func nameStats(names []string) (median int, longest string) {
	if len(names) == 0 {
		return 0, ""
	}
	lengths := make([]int, len(names))
	for i, n := range names {
		lengths[i] = len(n)
		if len(n) > len(longest) {
			longest = n
		}
	}
	slices.Sort(lengths)
	return lengths[len(lengths)/2], longest
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
