package manifest

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	modulePathRE = regexp.MustCompile(`^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*$`)
	exportNameRE = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
)

// CanonicalPath turns a function path as written in a manifest or printed by
// function-spec ("messages.js:list", "messages", "admin/users:get") into the
// form Convex's HTTP API and convex/_generated/api use ("messages:list",
// "messages:default", "admin/users:get").
func CanonicalPath(raw string) (string, error) {
	module, export, found := strings.Cut(raw, ":")
	if !found {
		export = "default"
	}
	for _, ext := range []string{".js", ".ts", ".jsx", ".tsx"} {
		module = strings.TrimSuffix(module, ext)
	}
	if !modulePathRE.MatchString(module) {
		return "", fmt.Errorf("invalid function path %q: the module part must be a path such as \"messages\" or \"admin/users\"", raw)
	}
	if !exportNameRE.MatchString(export) {
		return "", fmt.Errorf("invalid function path %q: %q is not a JavaScript export name", raw, export)
	}
	return module + ":" + export, nil
}

// globMatch reports whether path matches pattern, where "*" matches any run of
// characters except "/" and "**" matches anything.
func globMatch(pattern, path string) bool {
	re, err := globRegexp(pattern)
	return err == nil && re.MatchString(path)
}

func globRegexp(pattern string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			if i+1 < len(pattern) && pattern[i+1] == '*' {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
