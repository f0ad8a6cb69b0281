// Package authgen holds the files the CLI embeds from the repository root:
// the documented example manifest (the quick start's input) and the JSON
// Schema editors use to check authgen.yaml.
package authgen

import _ "embed"

// ExampleManifest is schema.yaml.example: every manifest field, documented.
//
//go:embed schema.yaml.example
var ExampleManifest []byte

// JSONSchema is authgen.schema.json, the JSON Schema of the manifest.
//
//go:embed authgen.schema.json
var JSONSchema []byte
