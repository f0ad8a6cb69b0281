package manifest

import (
	"strings"
	"unicode"
)

// isControl reports the characters no manifest path, prefix or name may
// hold: C0 and C1 controls, DEL, and the Unicode line and paragraph
// separators, which end a line in some editors and JavaScript sources.
func isControl(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// printable drops control characters (for strings.Map), so that a value
// already reported is named safely in later messages.
func printable(r rune) rune {
	if isControl(r) {
		return -1
	}
	return r
}

// tagSafeHint says which field names a json struct tag can carry.
const tagSafeHint = "a field name in a json struct tag may hold letters, digits, spaces and !#$%&()*+-./:;<=>?@[]^_{|}~, not quotes, backslashes, backticks or commas (a comma would make the rest tag options, e.g. \"to,omitempty\")"

// jsonTagSafe reports whether name survives as the name in a Go
// `json:"name"` tag: encoding/json ignores a tag name with other
// characters (the Go field name is used instead), a comma starts the tag
// options, and a quote, backslash or backtick breaks the tag literal.
// The rule is encoding/json's own (isValidTag).
func jsonTagSafe(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			return false
		}
	}
	return true
}
