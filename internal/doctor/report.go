package doctor

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Status is the outcome of one check.
type Status string

// The statuses a check can end with. Only StatusFail makes doctor exit 1.
const (
	StatusOK   Status = "ok"
	StatusWarn Status = "warn"
	StatusFail Status = "fail"
	StatusSkip Status = "skip"
)

// Result is the outcome of one check. Its JSON field names are stable: CI
// scripts match on id and status.
type Result struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Status  Status   `json:"status"`
	Finding string   `json:"finding"`
	Fix     string   `json:"fix,omitempty"`
	Details []string `json:"details,omitempty"`
	// Reason is the runtime's name for the failure (betterauth.ReasonCode:
	// token_expired, unknown_key, session_invalid, …), so that a finding
	// here matches what Reason(ctx) and the unauthorized handler report.
	Reason string `json:"reason,omitempty"`
}

// Report is every check's result in the order they ran.
type Report struct {
	Status Status   `json:"status"`          // fail if any check failed, else warn if any warned, else ok
	Notes  []string `json:"notes,omitempty"` // how doctor ran, e.g. which env file it read
	Checks []Result `json:"checks"`
}

func newReport(results []Result) Report {
	r := Report{Status: StatusOK, Checks: results}
	for _, c := range results {
		switch {
		case c.Status == StatusFail:
			r.Status = StatusFail
		case c.Status == StatusWarn && r.Status == StatusOK:
			r.Status = StatusWarn
		}
	}
	return r
}

// failed reports whether any check failed.
func (r Report) failed() bool { return r.Status == StatusFail }

var symbols = map[Status]string{StatusOK: "✔", StatusWarn: "!", StatusFail: "✘", StatusSkip: "-"}

// writeHuman prints one block per check: the symbol, ID and title, then the
// finding and the fix on their own lines, then a one-line summary.
func (r Report) writeHuman(w io.Writer) error {
	var b strings.Builder
	counts := map[Status]int{}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n")
	}
	for _, c := range r.Checks {
		counts[c.Status]++
		fmt.Fprintf(&b, "%s %-32s %s\n", symbols[c.Status], c.ID, c.Title)
		if c.Finding != "" {
			fmt.Fprintf(&b, "    %s\n", c.Finding)
		}
		for _, d := range c.Details {
			fmt.Fprintf(&b, "      %s\n", d)
		}
		if c.Reason != "" {
			fmt.Fprintf(&b, "    reason: %s\n", c.Reason)
		}
		if c.Fix != "" && (c.Status == StatusFail || c.Status == StatusWarn) {
			fmt.Fprintf(&b, "    fix: %s\n", c.Fix)
		}
	}
	fmt.Fprintf(&b, "\n%d ok, %d warnings, %d failed, %d skipped\n",
		counts[StatusOK], counts[StatusWarn], counts[StatusFail], counts[StatusSkip])
	_, err := io.WriteString(w, b.String())
	return err
}

func (r Report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// redactor replaces every known secret (cookie values, tokens, signatures)
// in the report's text. Checks already avoid printing secrets; this is the
// second line of defence for text that echoes a server's response.
type redactor struct{ secrets []string }

// add remembers s as a secret. Very short values are ignored: replacing
// "1" everywhere would garble the report without protecting anything.
func (r *redactor) add(s string) {
	if len(s) >= 6 {
		r.secrets = append(r.secrets, s)
	}
}

func (r *redactor) clean(s string) string {
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return s
}

func (r *redactor) apply(rep Report) Report {
	out := rep
	out.Checks = make([]Result, len(rep.Checks))
	for i, c := range rep.Checks {
		c.Finding = r.clean(c.Finding)
		c.Fix = r.clean(c.Fix)
		details := make([]string, len(c.Details))
		for j, d := range c.Details {
			details[j] = r.clean(d)
		}
		if len(details) == 0 {
			details = nil
		}
		c.Details = details
		out.Checks[i] = c
	}
	return out
}
