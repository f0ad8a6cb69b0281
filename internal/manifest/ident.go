package manifest

import (
	"fmt"
	"go/token"
	"unicode"
	"unicode/utf8"
)

// predeclared are Go's universe-scope names; a generated type with one of
// these names would shadow the built-in.
var predeclared = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
	"error": true, "float32": true, "float64": true, "int": true, "int8": true, "int16": true,
	"int32": true, "int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true, "true": true, "false": true,
	"iota": true, "nil": true, "append": true, "cap": true, "clear": true, "close": true,
	"complex": true, "copy": true, "delete": true, "imag": true, "len": true, "make": true,
	"max": true, "min": true, "new": true, "panic": true, "print": true, "println": true,
	"real": true, "recover": true,
}

// checkGoIdent reports why name cannot be a Go identifier, if it cannot.
func checkGoIdent(name string) error {
	switch {
	case token.IsKeyword(name):
		return fmt.Errorf("%q is a Go keyword", name)
	case !token.IsIdentifier(name):
		return fmt.Errorf("%q is not a valid Go identifier", name)
	case predeclared[name]:
		return fmt.Errorf("%q is a predeclared Go identifier", name)
	}
	return nil
}

// checkExportedGoIdent is checkGoIdent plus the leading capital letter that exports a name.
func checkExportedGoIdent(name string) error {
	if err := checkGoIdent(name); err != nil {
		return err
	}
	if r, _ := utf8.DecodeRuneInString(name); !unicode.IsUpper(r) {
		return fmt.Errorf("%q is not exported (it must start with a capital letter)", name)
	}
	return nil
}
