// Package templates holds the text/template files `authgen init` renders:
// init/ for the three files every project gets, example/ for the example
// SSR app of `authgen init -example`. Only files ending in ".tmpl" are
// rendered (the suffix is dropped); anything else documents the directory.
package templates

import "embed"

// FS holds init/ and example/.
//
//go:embed init example
var FS embed.FS
