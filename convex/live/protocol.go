package live

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// The messages of Convex's sync protocol, as the official client
// (convex/browser/sync/protocol) writes and reads them. Field names and the
// presence of each field follow JSON.stringify of the official client's
// objects, so the two clients' transcripts compare message by message.

// connectMsg opens a server session on a fresh socket.
type connectMsg struct {
	Type            string  `json:"type"` // "Connect"
	SessionID       string  `json:"sessionId"`
	ConnectionCount int     `json:"connectionCount"`
	LastCloseReason *string `json:"lastCloseReason"` // null once a socket opened cleanly
	// MaxObservedTimestamp is the newest ts seen, base64 of 8 little-endian
	// bytes; absent before the first Transition.
	MaxObservedTimestamp string `json:"maxObservedTimestamp,omitempty"`
	ClientTs             int64  `json:"clientTs"` // milliseconds since the Unix epoch
}

// modifyQuerySetMsg adds and removes queries; versions chain from 0.
type modifyQuerySetMsg struct {
	Type          string        `json:"type"` // "ModifyQuerySet"
	BaseVersion   int           `json:"baseVersion"`
	NewVersion    int           `json:"newVersion"`
	Modifications []querySetMod `json:"modifications"`
}

// querySetMod is an Add (udfPath and args) or a Remove (queryId only).
type querySetMod struct {
	Type    string            `json:"type"` // "Add" | "Remove"
	QueryID int               `json:"queryId"`
	UDFPath string            `json:"udfPath,omitempty"`
	Args    []json.RawMessage `json:"args,omitempty"` // one element: the Convex JSON of the arguments
	// Journal is the query's journal as the server last sent it (null
	// included), replayed when the session restarts; absent before that.
	Journal json.RawMessage `json:"journal,omitempty"`
}

// authenticateMsg sets (tokenType "User") or clears (tokenType "None") the
// session's identity; identity versions chain like query set versions.
type authenticateMsg struct {
	Type        string `json:"type"` // "Authenticate"
	BaseVersion int    `json:"baseVersion"`
	TokenType   string `json:"tokenType"`
	Value       string `json:"value,omitempty"`
}

// stateVersion is the server's (query set, identity, timestamp) triple; a
// Transition moves the client from its start to its end.
type stateVersion struct {
	QuerySet int    `json:"querySet"`
	Identity int    `json:"identity"`
	Ts       string `json:"ts"` // base64 of 8 little-endian bytes
}

// serverMsg is any message the server sends; Type says which fields hold.
type serverMsg struct {
	Type string `json:"type"`

	// Transition.
	StartVersion  *stateVersion `json:"startVersion"`
	EndVersion    *stateVersion `json:"endVersion"`
	Modifications []stateMod    `json:"modifications"`

	// TransitionChunk: parts of one Transition's JSON, in order.
	Chunk        string `json:"chunk"`
	PartNumber   int    `json:"partNumber"`
	TotalParts   int    `json:"totalParts"`
	TransitionID string `json:"transitionId"`

	// AuthError and FatalError.
	Error               string `json:"error"`
	BaseVersion         *int   `json:"baseVersion"`
	AuthUpdateAttempted *bool  `json:"authUpdateAttempted"`
}

// stateMod is one query's change inside a Transition.
type stateMod struct {
	Type         string          `json:"type"` // "QueryUpdated" | "QueryFailed" | "QueryRemoved"
	QueryID      int             `json:"queryId"`
	Value        json.RawMessage `json:"value"`
	LogLines     []string        `json:"logLines"`
	Journal      json.RawMessage `json:"journal"` // nil when absent, "null" when null
	ErrorMessage string          `json:"errorMessage"`
	ErrorData    json.RawMessage `json:"errorData"`
}

// decodeServerMsg parses one server frame and checks what the client relies
// on, so a hostile or broken server yields an error, never a panic or a
// half-applied state.
func decodeServerMsg(data []byte) (*serverMsg, error) {
	var m serverMsg
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("live: malformed server message: %w", err)
	}
	switch m.Type {
	case "Transition":
		if m.StartVersion == nil || m.EndVersion == nil {
			return nil, errors.New("live: Transition without startVersion or endVersion")
		}
		for _, v := range []*stateVersion{m.StartVersion, m.EndVersion} {
			if _, err := decodeTs(v.Ts); err != nil {
				return nil, fmt.Errorf("live: Transition version: %w", err)
			}
		}
		for _, mod := range m.Modifications {
			switch mod.Type {
			case "QueryUpdated", "QueryFailed", "QueryRemoved":
			default:
				return nil, fmt.Errorf("live: Transition with unknown modification %q", mod.Type)
			}
		}
	case "TransitionChunk":
		if m.TotalParts <= 0 || m.PartNumber < 0 || m.PartNumber >= m.TotalParts {
			return nil, fmt.Errorf("live: TransitionChunk part %d of %d", m.PartNumber, m.TotalParts)
		}
	case "AuthError":
		if m.BaseVersion == nil {
			return nil, errors.New("live: AuthError without baseVersion")
		}
	case "FatalError", "Ping", "MutationResponse", "ActionResponse":
	default:
		return nil, fmt.Errorf("live: unknown server message type %q", m.Type)
	}
	return &m, nil
}

// decodeTs reads a protocol timestamp: base64 of exactly 8 little-endian bytes.
func decodeTs(s string) (uint64, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != 8 {
		return 0, fmt.Errorf("timestamp %q is not base64 of 8 bytes", s)
	}
	return binary.LittleEndian.Uint64(b), nil
}

// encodeTs is decodeTs's inverse.
func encodeTs(ts uint64) string {
	return base64.StdEncoding.EncodeToString(binary.LittleEndian.AppendUint64(nil, ts))
}

// chunkAssembler joins a TransitionChunk sequence into one Transition, with
// the official client's rules: parts arrive in order, all of one transition.
type chunkAssembler struct {
	id    string
	total int
	parts []string
	size  int
}

// maxTransitionBytes bounds a reassembled Transition, so a server cannot make
// the client buffer without limit.
const maxTransitionBytes = 64 << 20

// add takes one chunk; it returns the whole Transition once the last part
// is in, nil before that.
func (a *chunkAssembler) add(m *serverMsg) (*serverMsg, error) {
	if a.parts != nil && (a.total != m.TotalParts || a.id != m.TransitionID) {
		a.reset()
		return nil, errors.New("live: TransitionChunk of another transition while one was incomplete")
	}
	if a.parts == nil {
		a.id, a.total = m.TransitionID, m.TotalParts
		a.parts = make([]string, 0, min(m.TotalParts, 64))
	}
	if m.PartNumber != len(a.parts) {
		want := len(a.parts)
		a.reset()
		return nil, fmt.Errorf("live: TransitionChunk out of order: expected part %d, got %d", want, m.PartNumber)
	}
	a.size += len(m.Chunk)
	if a.size > maxTransitionBytes {
		a.reset()
		return nil, fmt.Errorf("live: chunked Transition larger than %d bytes", maxTransitionBytes)
	}
	a.parts = append(a.parts, m.Chunk)
	if len(a.parts) < a.total {
		return nil, nil
	}
	joined := []byte{}
	for _, p := range a.parts {
		joined = append(joined, p...)
	}
	a.reset()
	whole, err := decodeServerMsg(joined)
	if err != nil {
		return nil, err
	}
	if whole.Type != "Transition" {
		return nil, fmt.Errorf("live: chunks assembled into %q, want Transition", whole.Type)
	}
	return whole, nil
}

func (a *chunkAssembler) reset() { *a = chunkAssembler{} }

// pending reports whether a chunked transition is incomplete.
func (a *chunkAssembler) pending() bool { return a.parts != nil }
