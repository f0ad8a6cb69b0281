package generator

import (
	"sort"
	"strings"
	"unicode"

	"github.com/authgen/authgen/internal/manifest"
)

// initialisms are the words Go style writes in capitals (Effective Go, the
// lint tradition): userId becomes UserID, not UserId.
var initialisms = map[string]bool{
	"ai": true, "api": true, "html": true, "http": true, "https": true, "id": true, "ip": true,
	"json": true, "jwt": true, "sql": true, "ssr": true, "uri": true, "url": true, "uuid": true,
}

// pascal turns a Convex name ("_creationTime", "user_id", "admin-users")
// into an exported Go name ("CreationTime", "UserID", "AdminUsers"). It
// returns "" when nothing usable remains.
func pascal(s string) string {
	var b strings.Builder
	for _, word := range splitWords(s) {
		if initialisms[strings.ToLower(word)] {
			b.WriteString(strings.ToUpper(word))
			continue
		}
		runes := []rune(word)
		runes[0] = unicode.ToUpper(runes[0])
		b.WriteString(string(runes))
	}
	return b.String()
}

// splitWords splits on anything that is not a letter or digit and before an
// upper-case letter that follows a lower-case one or a digit.
func splitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return words
}

// functionGoName derives the method name of a function path:
// "admin/users:get" → "AdminUsersGet", "messages:default" → "MessagesDefault".
func functionGoName(f *manifest.Function) string {
	if f.GoName != "" {
		return f.GoName
	}
	module, export, _ := strings.Cut(f.Path, ":")
	var b strings.Builder
	for _, seg := range strings.Split(module, "/") {
		b.WriteString(pascal(seg))
	}
	b.WriteString(pascal(export))
	return b.String()
}

// apiSegments splits a path into the field names of the API tree:
// "admin/users:get" → ["Admin", "Users", "Get"].
func apiSegments(path string) []string {
	module, export, _ := strings.Cut(path, ":")
	var segs []string
	for _, seg := range strings.Split(module, "/") {
		segs = append(segs, pascal(seg))
	}
	return append(segs, pascal(export))
}

// usableGoName reports whether a derived name can be an exported identifier.
func usableGoName(name string) bool {
	if name == "" {
		return false
	}
	r := []rune(name)[0]
	return unicode.IsUpper(r)
}

// fieldGoNames names the Go fields of an object, in field order. Each field
// is the PascalCase of its wire name ("user_id" → UserID); a name that
// cannot start an exported identifier gets an X in front ("2fa" → X2fa).
// Fields whose names meet are told apart the way protoc-gen-go does it:
// the one spelled most plainly keeps the name (fewest characters other
// than letters and digits, then first in the object), and each other one
// gets underscores appended until it is unique: "id" → ID and "_id" → ID_,
// "userId" → UserID and "user_id" → UserID_. JSON tags keep the wire names.
func fieldGoNames(fields []manifest.Field) []string {
	names := make([]string, len(fields))
	order := make([]int, len(fields))
	for i, f := range fields {
		names[i] = pascal(f.Name)
		if !usableGoName(names[i]) {
			names[i] = "X" + names[i]
		}
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return punctuation(fields[order[a]].Name) < punctuation(fields[order[b]].Name)
	})
	taken := map[string]bool{}
	for _, i := range order {
		for taken[names[i]] {
			names[i] += "_"
		}
		taken[names[i]] = true
	}
	return names
}

// punctuation counts the characters of a wire name that are not letters or digits.
func punctuation(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
