package live

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeServerMsg: no server frame panics the decoder, and a frame it
// accepts as a Transition has versions whose timestamps decode, so the
// loop never works on half-checked input.
func FuzzDecodeServerMsg(f *testing.F) {
	for _, seed := range []string{
		`{"type":"Ping"}`,
		`{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"AQAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":[1,{"$integer":"AQAAAAAAAAA="}],"logLines":[]}]}`,
		`{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAA"},"endVersion":{"querySet":1,"identity":0,"ts":"AQAAAAAAAAA="},"modifications":[]}`,
		`{"type":"TransitionChunk","chunk":"{","partNumber":0,"totalParts":2,"transitionId":"x"}`,
		`{"type":"AuthError","error":"expired","baseVersion":3,"authUpdateAttempted":false}`,
		`{"type":"FatalError","error":"boom"}`,
		`{"type":"QueryUpdated"}`,
		`[]`, `null`, `{"type":"Transition"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decodeServerMsg(data)
		if err != nil {
			return
		}
		switch m.Type {
		case "Transition":
			for _, v := range []*stateVersion{m.StartVersion, m.EndVersion} {
				if _, err := decodeTs(v.Ts); err != nil {
					t.Fatalf("accepted a Transition with timestamp %q", v.Ts)
				}
			}
		case "TransitionChunk":
			var a chunkAssembler
			if whole, err := a.add(m); err == nil && whole != nil && whole.Type != "Transition" {
				t.Fatalf("assembled a %q", whole.Type)
			}
		case "AuthError":
			if m.BaseVersion == nil {
				t.Fatal("accepted an AuthError without baseVersion")
			}
		}
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("re-encoding an accepted message: %v", err)
		}
	})
}

// TestTimestampRoundTrip: protocol timestamps are 8 little-endian bytes.
func TestTimestampRoundTrip(t *testing.T) {
	for _, ts := range []uint64{0, 1, 1 << 40, ^uint64(0)} {
		got, err := decodeTs(encodeTs(ts))
		if err != nil || got != ts {
			t.Fatalf("round trip of %d: %d, %v", ts, got, err)
		}
	}
	if encodeTs(1) != "AQAAAAAAAAA=" {
		t.Fatalf("encodeTs(1) = %s", encodeTs(1))
	}
	for _, bad := range []string{"", "AQAAAAAAAA==", "!!!", "AQAAAAAAAAAA"} {
		if _, err := decodeTs(bad); err == nil {
			t.Fatalf("decodeTs(%q) accepted", bad)
		}
	}
}
