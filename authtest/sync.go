package authtest

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// The fake's side of Convex's sync protocol (the WebSocket behind the
// official ConvexClient and convex/live): read-only subscriptions. It keeps
// the backend's rules, so a client that passes here speaks the protocol:
//
//   - a session starts with Connect; any other first message is fatal;
//   - ModifyQuerySet and Authenticate must chain from the server's current
//     query set and identity versions, or the session ends with FatalError;
//   - a token is verified as /api/query verifies it; a bad one answers
//     AuthError (authUpdateAttempted: true) and the identity stays as it
//     was; when the current token expires the server says so with AuthError
//     (authUpdateAttempted: false);
//   - every Transition starts at the version the previous one ended at;
//     a query's result is sent when it changed (by hash), after the query is
//     added, the identity changes, or a mutation succeeds anywhere on the
//     deployment;
//   - a Transition larger than the chunk size is sent as TransitionChunks;
//   - the server pings a quiet socket.

// syncVersion is the protocol's StateVersion.
type syncVersion struct {
	QuerySet int    `json:"querySet"`
	Identity int    `json:"identity"`
	Ts       string `json:"ts"`
}

// syncSession is one socket's server session.
type syncSession struct {
	d    *Deployment
	ws   *websocket.Conn
	ctx  context.Context
	stop context.CancelFunc

	writeMu sync.Mutex // one writer at a time
	txMu    sync.Mutex // one Transition at a time, so they chain in the order sent

	mu              sync.Mutex // guards the fields below
	connected       bool
	querySetVersion int
	identityVersion int
	identity        *Identity
	tokenExp        time.Time
	expiredReported bool
	queries         map[int]*syncQuery
	sent            syncVersion
}

type syncQuery struct {
	path string
	args []byte
	hash [32]byte
	sent bool
}

// syncHandler accepts the sync socket at /api/sync and /api/{version}/sync.
func (d *Deployment) syncHandler(w http.ResponseWriter, r *http.Request) {
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	ws.SetReadLimit(maxRequestBytes)
	ctx, stop := context.WithCancel(context.Background())
	s := &syncSession{d: d, ws: ws, ctx: ctx, stop: stop, queries: map[int]*syncQuery{}, sent: syncVersion{Ts: syncTs(0)}}
	d.mu.Lock()
	d.syncSessions[s] = struct{}{}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.syncSessions, s)
		d.mu.Unlock()
		stop()
		ws.CloseNow()
	}()
	go s.keepAlive()
	for {
		_, data, err := ws.Read(ctx)
		if err != nil {
			return
		}
		d.recordSync(data)
		if err := s.handle(data); err != nil {
			s.fatal(err.Error())
			return
		}
	}
}

// recordSync keeps the client's messages for SyncMessages.
func (d *Deployment) recordSync(data []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.syncLog = append(d.syncLog, json.RawMessage(slices.Clone(data)))
}

// SyncMessages returns every message clients sent on sync sockets, in the
// order they arrived, as JSON.
func (d *Deployment) SyncMessages() []json.RawMessage {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.syncLog)
}

// SyncSessions returns how many sync sockets are open.
func (d *Deployment) SyncSessions() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.syncSessions)
}

// DropSyncSockets closes every sync socket abruptly, as a deployment restart
// does; clients reconnect and replay their query sets.
func (d *Deployment) DropSyncSockets() {
	for _, s := range d.openSyncSessions() {
		s.ws.CloseNow()
	}
}

// clientMessage is any message a sync client sends.
type clientMessage struct {
	Type          string `json:"type"`
	BaseVersion   int    `json:"baseVersion"`
	NewVersion    int    `json:"newVersion"`
	Modifications []struct {
		Type    string            `json:"type"`
		QueryID int               `json:"queryId"`
		UDFPath string            `json:"udfPath"`
		Args    []json.RawMessage `json:"args"`
	} `json:"modifications"`
	TokenType string `json:"tokenType"`
	Value     string `json:"value"`
}

func (s *syncSession) handle(data []byte) error {
	var m clientMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("malformed client message: %v", err)
	}
	s.mu.Lock()
	connected := s.connected
	s.mu.Unlock()
	if !connected && m.Type != "Connect" {
		return fmt.Errorf("expected Connect, got %s", m.Type)
	}
	switch m.Type {
	case "Connect":
		s.mu.Lock()
		s.connected = true
		s.mu.Unlock()
		return nil
	case "ModifyQuerySet":
		return s.modifyQuerySet(m)
	case "Authenticate":
		return s.authenticate(m)
	case "Event":
		return nil
	case "Mutation", "Action":
		return fmt.Errorf("the fake sync server is read-only: %s over the socket is not supported", m.Type)
	}
	return fmt.Errorf("unknown client message type %q", m.Type)
}

func (s *syncSession) modifyQuerySet(m clientMessage) error {
	s.mu.Lock()
	if m.BaseVersion != s.querySetVersion || m.NewVersion != m.BaseVersion+1 {
		defer s.mu.Unlock()
		return fmt.Errorf("ModifyQuerySet from version %d to %d, but the query set is at version %d", m.BaseVersion, m.NewVersion, s.querySetVersion)
	}
	var removed []int
	for _, mod := range m.Modifications {
		switch mod.Type {
		case "Add":
			if _, dup := s.queries[mod.QueryID]; dup {
				s.mu.Unlock()
				return fmt.Errorf("query %d added twice", mod.QueryID)
			}
			canonical, err := canonicalPath(mod.UDFPath)
			if err != nil {
				s.mu.Unlock()
				return fmt.Errorf("query %d: %v", mod.QueryID, err)
			}
			args, err := singleArgument(mustArray(mod.Args))
			if err != nil {
				s.mu.Unlock()
				return fmt.Errorf("query %d: %v", mod.QueryID, err)
			}
			s.queries[mod.QueryID] = &syncQuery{path: canonical, args: args}
		case "Remove":
			if _, ok := s.queries[mod.QueryID]; !ok {
				s.mu.Unlock()
				return fmt.Errorf("removing query %d, which is not in the query set", mod.QueryID)
			}
			delete(s.queries, mod.QueryID)
			removed = append(removed, mod.QueryID)
		default:
			s.mu.Unlock()
			return fmt.Errorf("unknown query set modification %q", mod.Type)
		}
	}
	s.querySetVersion = m.NewVersion
	s.mu.Unlock()
	return s.transition(removed, false)
}

func mustArray(args []json.RawMessage) json.RawMessage {
	b, _ := json.Marshal(args)
	return b
}

func (s *syncSession) authenticate(m clientMessage) error {
	s.mu.Lock()
	if m.BaseVersion != s.identityVersion {
		defer s.mu.Unlock()
		return fmt.Errorf("an Authenticate message from identity version %d, but the identity is at version %d", m.BaseVersion, s.identityVersion)
	}
	s.mu.Unlock()
	var id *Identity
	var exp time.Time
	switch m.TokenType {
	case "None":
	case "User":
		var reqErr *requestError
		if id, reqErr = s.d.verifyToken(m.Value); reqErr != nil {
			return s.write(map[string]any{"type": "AuthError", "error": reqErr.Message, "baseVersion": m.BaseVersion, "authUpdateAttempted": true})
		}
		if payload, ok := unverifiedPayload(m.Value); ok {
			if e, ok := payload["exp"].(float64); ok {
				exp = time.Unix(int64(e), 0)
			}
		}
	default:
		return fmt.Errorf("unsupported tokenType %q", m.TokenType)
	}
	s.mu.Lock()
	s.identity, s.tokenExp, s.expiredReported = id, exp, false
	s.identityVersion++
	s.mu.Unlock()
	// Every query runs again, as results may depend on who asks; as in the
	// backend (SyncState::complete_fetch), only changed results are sent,
	// so a new token for the same user sends none.
	return s.transition(nil, true)
}

// transition runs the queries whose result may have changed and sends one
// Transition from the last version sent to the current one: after a write
// or an identity change (all) every query, else only those not yet sent, as
// the backend computes only the added queries of a ModifyQuerySet (and a
// client adding queries one by one costs the fake O(n), not O(n²)).
func (s *syncSession) transition(removed []int, all bool) error {
	s.txMu.Lock()
	defer s.txMu.Unlock()
	s.mu.Lock()
	var ids []int
	for id, q := range s.queries {
		if all || !q.sent {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	identity := s.identity
	type job struct {
		id int
		q  syncQuery
	}
	jobs := make([]job, 0, len(ids))
	for _, id := range ids {
		jobs = append(jobs, job{id, *s.queries[id]})
	}
	s.mu.Unlock()

	var mods []map[string]any
	hashes := map[int][32]byte{}
	for _, j := range jobs {
		mod, hash := s.run(j.id, j.q, identity)
		if j.q.sent && hash == j.q.hash {
			continue
		}
		hashes[j.id] = hash
		mods = append(mods, mod)
	}
	for _, id := range removed {
		mods = append(mods, map[string]any{"type": "QueryRemoved", "queryId": id})
	}

	s.mu.Lock()
	for id, h := range hashes {
		if q := s.queries[id]; q != nil {
			q.hash, q.sent = h, true
		}
	}
	end := syncVersion{QuerySet: s.querySetVersion, Identity: s.identityVersion, Ts: syncTs(s.d.nextSyncTs())}
	if len(mods) == 0 && end.QuerySet == s.sent.QuerySet && end.Identity == s.sent.Identity {
		s.mu.Unlock()
		return nil
	}
	start := s.sent
	s.sent = end
	s.mu.Unlock()
	if mods == nil {
		mods = []map[string]any{}
	}
	return s.write(map[string]any{"type": "Transition", "startVersion": start, "endVersion": end, "modifications": mods})
}

// run executes one query for identity and returns its modification and the
// hash of its outcome.
func (s *syncSession) run(id int, q syncQuery, identity *Identity) (map[string]any, [32]byte) {
	value, err := func() ([]byte, error) {
		fn, err := s.d.lookup(q.path, kindQuery)
		if err != nil {
			return nil, err
		}
		return fn.call(s.ctx, identity, q.args)
	}()
	if err == nil {
		return map[string]any{"type": "QueryUpdated", "queryId": id, "value": json.RawMessage(value), "logLines": []string{}, "journal": nil},
			sha256.Sum256(append([]byte("v"), value...))
	}
	// A fixed request ID, so that an unchanged failure hashes the same and
	// is not sent again.
	message, data := udfError("sync", err)
	mod := map[string]any{"type": "QueryFailed", "queryId": id, "errorMessage": message, "logLines": []string{}, "journal": nil}
	if data != nil {
		mod["errorData"] = data
	}
	outcome, _ := json.Marshal(mod)
	return mod, sha256.Sum256(outcome)
}

// write sends one server message, split into TransitionChunks when it is a
// Transition over the deployment's chunk size.
func (s *syncSession) write(msg map[string]any) error {
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	size := s.d.settings.syncChunkSize
	if msg["type"] != "Transition" || size <= 0 || len(data) <= size {
		return s.ws.Write(s.ctx, websocket.MessageText, data)
	}
	total := (len(data) + size - 1) / size
	id := randomID(8)
	for i := range total {
		part := data[i*size : min((i+1)*size, len(data))]
		chunk, _ := json.Marshal(map[string]any{"type": "TransitionChunk", "chunk": string(part), "partNumber": i, "totalParts": total, "transitionId": id})
		if err := s.ws.Write(s.ctx, websocket.MessageText, chunk); err != nil {
			return err
		}
	}
	return nil
}

// fatal ends the session as the backend does: FatalError, then a close.
func (s *syncSession) fatal(msg string) {
	_ = s.write(map[string]any{"type": "FatalError", "error": msg})
	s.ws.Close(websocket.StatusInternalError, "")
}

// keepAlive pings a quiet socket and reports an expired token.
func (s *syncSession) keepAlive() {
	ping := time.NewTicker(s.d.settings.syncPingInterval)
	defer ping.Stop()
	check := time.NewTicker(50 * time.Millisecond)
	defer check.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-ping.C:
			_ = s.write(map[string]any{"type": "Ping"})
		case <-check.C:
			s.mu.Lock()
			expired := s.identity != nil && !s.tokenExp.IsZero() && !s.d.now().Before(s.tokenExp) && !s.expiredReported
			if expired {
				s.expiredReported = true
			}
			base := s.identityVersion - 1
			s.mu.Unlock()
			if expired {
				_ = s.write(map[string]any{"type": "AuthError", "error": "Token expired", "baseVersion": base, "authUpdateAttempted": false})
			}
		}
	}
}

// openSyncSessions lists the open sync sessions.
func (d *Deployment) openSyncSessions() []*syncSession {
	d.mu.Lock()
	defer d.mu.Unlock()
	sessions := make([]*syncSession, 0, len(d.syncSessions))
	for s := range d.syncSessions {
		sessions = append(sessions, s)
	}
	return sessions
}

// invalidateSubscriptions re-runs every subscribed query after a write,
// as the backend's subscription worker does when a read set changes.
func (d *Deployment) invalidateSubscriptions() {
	for _, s := range d.openSyncSessions() {
		s.mu.Lock()
		ready := s.connected
		s.mu.Unlock()
		if ready {
			if err := s.transition(nil, true); err != nil {
				s.ws.CloseNow()
			}
		}
	}
}

// nextSyncTs returns a new, increasing commit timestamp.
func (d *Deployment) nextSyncTs() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.syncTs++
	return d.syncTs
}

func syncTs(ts uint64) string {
	return base64.StdEncoding.EncodeToString(binary.LittleEndian.AppendUint64(nil, ts))
}

// WithSyncChunkSize makes the sync server send a Transition whose JSON is
// longer than n bytes as TransitionChunks of n bytes, as the backend does
// for large ones (0, the default: never).
func WithSyncChunkSize(n int) Option {
	return func(s *settings) { s.syncChunkSize = n }
}

// WithSyncPingInterval sets how often the sync server pings each socket
// (default 15 s).
func WithSyncPingInterval(d time.Duration) Option {
	return func(s *settings) { s.syncPingInterval = d }
}
