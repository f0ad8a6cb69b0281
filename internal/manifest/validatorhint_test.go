package manifest

import (
	"strings"
	"testing"
)

// TestValidatorSpellingHints: a type written the way Convex validators are
// gets an error saying which type expression to write.
func TestValidatorSpellingHints(t *testing.T) {
	for src, want := range map[string]string{
		"v.string()":                             "write `string`",
		"v.number()":                             "write `number`",
		"v.float64()":                            "write `number`",
		"v.int64()":                              "write `int64`",
		"v.bigint()":                             "write `int64`",
		"v.boolean()":                            "write `boolean`",
		"v.bytes()":                              "write `bytes`",
		"v.null()":                               "write `null`",
		"v.any()":                                "write `any`",
		`v.id("users")`:                          "write `id<users>`",
		"v.id('users')":                          "write `id<users>`",
		"id(channels)":                           "write `id<channels>`",
		`id("channels")`:                         "write `id<channels>`",
		"v.array(v.string())":                    "write `string[]`",
		"v.array(v.union(v.string(), v.null()))": "write `(string | null)[]`",
		"v.optional(v.string())":                 "write `string?`",
		`v.union(v.literal("a"), v.literal("b"))`: "write `\"a\" | \"b\"`",
		"v.literal(3)":                     "write `3`",
		"v.record(v.string(), v.number())": "write `record<string, number>`",
		`v.array(v.id("messages"))`:        "write `id<messages>[]`",
		"v.optional(Message)":              "write `Message?`",
		"v.object({title: v.string()})":    "declare the object under types:",
		"v.frob()":                         `write the type as a type expression, e.g. v.string() as "string"`,
	} {
		_, _, err := parseTypeExpr(src, Pos{File: "m.yaml", Line: 3, Col: 9}, true)
		if err == nil {
			t.Errorf("%s: no error", src)
			continue
		}
		if err.Pos.Line != 3 || err.Pos.Col != 9 || !strings.Contains(err.Msg, "Convex validator syntax") || !strings.HasPrefix(err.Hint, want) {
			t.Errorf("%s: %s: %s (hint: %s); want hint %q", src, err.Pos, err.Msg, err.Hint, want)
		}
	}
	// Parentheses inside a string literal type, or grouping a union, are fine.
	for _, src := range []string{`"call(me)"`, "(string | null)[]", `"a" | "b(c)"`} {
		if _, _, err := parseTypeExpr(src, Pos{}, true); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}
