//go:build goexperiment.jsonv2

package betterauth

import (
	jsonv2 "encoding/json/v2"
	"testing"
)

// encoding/json/v2 refuses duplicate names by default, so it needs no
// separate pass.
func BenchmarkClaimsPayloadV2(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var rc registered
		if err := jsonv2.Unmarshal(benchPayload, &rc); err != nil {
			b.Fatal(err)
		}
	}
}
