package doctor

import (
	"context"
	"io"
)

// Run is `authgen doctor`: it parses args (without the verb), runs every
// check, prints the report and returns the exit status (0 ok, 1 failed, 2 usage).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	io.WriteString(stderr, "authgen doctor: not implemented yet\n")
	return 2
}
