package manifest

import (
	"fmt"
	"sort"
	"strings"
)

// didYouMean returns a hint naming the candidate closest to got, or listing
// the candidates when none is close.
func didYouMean(got string, candidates []string) string {
	_, hint := suggest(got, candidates)
	return hint
}

// Closest returns the candidate within two edits of got (ignoring case),
// or "" when none is that close. The CLI uses it for misspelled verbs.
func Closest(got string, candidates []string) string {
	best, _ := suggest(got, candidates)
	return best
}

// suggest returns the candidate closest to got (or "" when none is close)
// and a hint naming it, or listing every candidate.
func suggest(got string, candidates []string) (string, string) {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(got), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best, fmt.Sprintf("did you mean %q?", best)
	}
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	return "", "expected one of: " + strings.Join(sorted, ", ")
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
