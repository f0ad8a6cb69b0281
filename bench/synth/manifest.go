package synth

import "fmt"

// Manifest is the authgen.yaml that generates package pkg into dir from
// the function-spec file specFile (both relative to the manifest). Every
// public function is included and the auth section keeps its defaults.
func Manifest(specFile, dir, pkg string) []byte {
	return fmt.Appendf(nil, "version: 1\npackage: {dir: %s, name: %s}\nfunctions:\n  spec: %s\n", dir, pkg, specFile)
}
