package live

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/coder/websocket"

	"github.com/authgen/authgen/convex"
)

type socketState int

const (
	idle       socketState = iota // nothing subscribed yet
	waiting                       // for a token, or for the reconnection backoff
	connecting                    // dialing
	ready                         // open and in session
	terminated                    // stopped for good
)

// loop is the client's state, owned by the run goroutine alone.
type loop struct {
	c      *Client
	ctx    context.Context // background work (dial, token fetches); cancelled at termination
	cancel context.CancelFunc

	sessionID       string
	connectionCount int
	lastCloseReason *string
	maxTs           uint64
	haveTs          bool

	queries map[string]*query // by key
	// order is the query set in the order the queries were added, which is
	// ascending id: Transitions find a query by binary search, a restart
	// replays the set in the official client's order, and a slice costs a
	// word per query where a second map costs three. A removed query stays
	// in it (subs == 0), keeping the ids sorted, until removed ones are
	// half of it: deleting each at once would shift the rest, O(n²) for
	// closing n queries.
	order           []*query
	removed         int // removed queries still in order
	nextQueryID     int
	querySetVersion int
	identityVersion int
	remote          stateVersion
	outstanding     map[int]bool // queries not yet answered since the last restart
	authOutstanding bool

	state      socketState
	paused     bool // the first token is being fetched: an open socket waits for it
	gen        int
	ws         *websocket.Conn
	retries    int
	reconnect  Timer
	inactivity Timer
	idle       Timer

	auth auth
}

func newLoop(c *Client) *loop {
	ctx, cancel := context.WithCancel(context.Background())
	initial := "InitialConnect"
	return &loop{
		c: c, ctx: ctx, cancel: cancel,
		sessionID:       newSessionID(),
		lastCloseReason: &initial,
		queries:         map[string]*query{},
		outstanding:     map[int]bool{},
		remote:          stateVersion{Ts: encodeTs(0)},
	}
}

func (l *loop) run() {
	for l.state != terminated {
		l.handle(<-l.c.events)
	}
	l.cancel()
	close(l.c.done)
}

func (l *loop) handle(e event) {
	switch e := e.(type) {
	case subscribeEvent:
		l.subscribe(e)
	case unsubscribeEvent:
		l.unsubscribe(e.q)
	case closeEvent:
		l.terminate(e.err)
	case dialedEvent:
		l.dialed(e)
	case frameEvent:
		if e.gen == l.gen && l.state == ready {
			l.resetInactivity()
			if e.msg != nil {
				l.receive(e.msg)
			}
		}
	case socketClosedEvent:
		if e.gen == l.gen && (l.state == ready || l.state == connecting) {
			l.c.opts.logger.Info("live: socket closed", "reason", e.reason)
			l.ws = nil
			if l.lastCloseReason == nil {
				l.lastCloseReason = &e.reason
			}
			l.scheduleReconnect(classifyDisconnect(e.reason))
		}
	case protocolErrorEvent:
		if e.gen == l.gen && l.state == ready {
			l.c.opts.logger.Warn("live: server sent an invalid message; reconnecting", "error", e.err)
			l.closeAndReconnect("InvalidServerMessage")
		}
	case tokenEvent:
		l.tokenFetched(e)
	case timerEvent:
		l.timerFired(e)
	}
}

// subscribe adds a subscriber, and the query to the server's set when it is
// new; the first subscription starts the connection. The subscriber gets
// the query (on c.attached) before anything is sent, so Subscribe never
// waits on the socket, and reads the query's current result from there.
func (l *loop) subscribe(e subscribeEvent) {
	stopTimer(&l.idle)
	q := l.queries[e.key]
	added := q == nil
	if added {
		q = &query{id: l.nextQueryID, key: e.key}
		l.nextQueryID++
		l.queries[q.key] = q
		l.order = append(l.order, q)
	}
	q.subs++
	l.c.attached <- q
	if added {
		l.modifyQuerySet(q.addMod())
	}
	if l.state == idle {
		l.start()
	}
}

func (l *loop) unsubscribe(q *query) {
	q.subs--
	if q.subs > 0 {
		return
	}
	delete(l.queries, q.key)
	l.removed++
	if l.removed > len(l.order)/2 {
		l.order = slices.DeleteFunc(l.order, func(q *query) bool { return q.subs == 0 })
		l.removed = 0
	}
	delete(l.outstanding, q.id)
	l.modifyQuerySet(querySetMod{Type: "Remove", QueryID: q.id})
	if len(l.queries) == 0 && l.c.opts.idleTimeout > 0 {
		stopTimer(&l.idle)
		l.idle = l.c.opts.clock.AfterFunc(l.c.opts.idleTimeout, func() { l.c.post(timerEvent{kind: idleTimer}) })
	}
}

// find is the query in the set with id, or nil.
func (l *loop) find(id int) *query {
	i, ok := slices.BinarySearchFunc(l.order, id, func(q *query, id int) int { return cmp.Compare(q.id, id) })
	if !ok || l.order[i].subs == 0 {
		return nil
	}
	return l.order[i]
}

// modifyQuerySet advances the query set version and tells the server when a
// session is open; otherwise the next restart sends the whole set.
func (l *loop) modifyQuerySet(mod querySetMod) {
	base := l.querySetVersion
	l.querySetVersion++
	if l.state == ready {
		l.send(modifyQuerySetMsg{Type: "ModifyQuerySet", BaseVersion: base, NewVersion: l.querySetVersion, Modifications: []querySetMod{mod}})
	}
}

// start begins the first connection: with a token source, a token first.
func (l *loop) start() {
	if l.c.opts.tokens == nil {
		l.dial()
		return
	}
	// The socket opens while the first token is fetched, as the official
	// client's setAuth pauses its socket rather than delaying it.
	l.paused = true
	l.fetchToken(initialToken)
	l.dial()
}

func (l *loop) dial() {
	l.gen++
	l.state = connecting
	gen, o := l.gen, l.c.opts
	go func() {
		header := o.header.Clone()
		if header == nil {
			header = make(map[string][]string)
		}
		header.Set("Convex-Client", o.clientName)
		ws, _, err := websocket.Dial(l.ctx, l.c.url, &websocket.DialOptions{HTTPClient: o.httpClient, HTTPHeader: header})
		if !l.c.post(dialedEvent{gen: gen, ws: ws, err: err}) && ws != nil {
			ws.CloseNow()
		}
	}()
}

// dialed takes a new socket and opens the session on it unless paused.
func (l *loop) dialed(e dialedEvent) {
	if e.gen != l.gen || l.state != connecting {
		if e.ws != nil {
			e.ws.CloseNow()
		}
		return
	}
	if e.err != nil {
		l.c.opts.logger.Info("live: connecting failed", "error", e.err)
		if l.lastCloseReason == nil {
			reason := fmt.Sprintf("closed with code %d", websocket.StatusAbnormalClosure)
			l.lastCloseReason = &reason
		}
		l.scheduleReconnect("Unknown")
		return
	}
	l.ws = e.ws
	l.ws.SetReadLimit(l.c.opts.readLimit)
	l.state = ready
	go l.read(e.gen, e.ws)
	l.resetInactivity()
	// As the official client's socket does, an open counts as a connection
	// even while the session waits for its first token (paused); the
	// session then starts when the token arrives.
	if !l.paused {
		l.openSession()
	}
	l.connectionCount++
	l.lastCloseReason = nil
}

// openSession sends Connect, the identity and the whole query set on the
// open socket, as the official client's restart does.
func (l *loop) openSession() {
	connect := connectMsg{
		Type:            "Connect",
		SessionID:       l.sessionID,
		ConnectionCount: l.connectionCount,
		LastCloseReason: l.lastCloseReason,
		ClientTs:        l.c.opts.clock.Now().UnixMilli(),
	}
	if l.haveTs {
		connect.MaxObservedTimestamp = encodeTs(l.maxTs)
	}
	l.send(connect)

	l.remote = stateVersion{Ts: encodeTs(0)}
	clear(l.outstanding)
	adds := make([]querySetMod, 0, len(l.queries))
	for _, q := range l.order {
		if q.subs == 0 {
			continue
		}
		adds = append(adds, q.addMod())
		l.outstanding[q.id] = true
	}
	l.querySetVersion = 1
	l.identityVersion = 0
	l.authOutstanding = false
	if l.auth.token != "" {
		l.send(authenticateMsg{Type: "Authenticate", BaseVersion: 0, TokenType: "User", Value: l.auth.token})
		l.identityVersion = 1
		l.authOutstanding = true
	}
	l.send(modifyQuerySetMsg{Type: "ModifyQuerySet", BaseVersion: 0, NewVersion: 1, Modifications: adds})
}

// read is the socket's reader: it decodes frames, joins chunks and hands
// whole messages to the loop.
func (l *loop) read(gen int, ws *websocket.Conn) {
	var chunks chunkAssembler
	for {
		_, data, err := ws.Read(l.ctx)
		if err != nil {
			reason := fmt.Sprintf("closed with code %d", websocket.CloseStatus(err))
			var ce websocket.CloseError
			if errors.As(err, &ce) && ce.Reason != "" {
				reason = ce.Reason
			} else if websocket.CloseStatus(err) == -1 {
				reason = fmt.Sprintf("closed with code %d", websocket.StatusAbnormalClosure)
			}
			l.c.post(socketClosedEvent{gen: gen, reason: reason})
			return
		}
		m, err := decodeServerMsg(data)
		if err == nil && m.Type == "TransitionChunk" {
			m, err = chunks.add(m)
		} else if err == nil && chunks.pending() {
			l.c.opts.logger.Info("live: server message interrupted a chunked transition", "type", m.Type)
			chunks.reset()
		}
		if err != nil {
			l.c.post(protocolErrorEvent{gen: gen, err: err})
			ws.CloseNow()
			return
		}
		if !l.c.post(frameEvent{gen: gen, msg: m}) {
			return
		}
	}
}

func (l *loop) receive(m *serverMsg) {
	switch m.Type {
	case "Transition":
		l.transition(m)
	case "AuthError":
		l.authError(m)
	case "FatalError":
		l.terminate(fmt.Errorf("live: the deployment ended the session: %s", m.Error))
	}
}

// transition applies a Transition whose start is the current version.
func (l *loop) transition(m *serverMsg) {
	start, end := *m.StartVersion, *m.EndVersion
	if start != l.remote {
		l.c.opts.logger.Warn("live: transition does not start at the current version; reconnecting",
			"start", fmt.Sprintf("%s:%d:%d", start.Ts, start.QuerySet, start.Identity),
			"current", fmt.Sprintf("%s:%d:%d", l.remote.Ts, l.remote.QuerySet, l.remote.Identity))
		l.closeAndReconnect("InvalidStartVersion")
		return
	}
	for _, mod := range m.Modifications {
		delete(l.outstanding, mod.QueryID)
		q := l.find(mod.QueryID)
		if q == nil {
			continue
		}
		if mod.Journal != nil && mod.Type != "QueryRemoved" {
			q.setJournal(mod.Journal)
		}
		switch mod.Type {
		case "QueryUpdated":
			value := mod.Value
			if len(value) == 0 {
				value = json.RawMessage("null")
			}
			if q.changedValue(value) {
				q.publish(value, nil)
			}
		case "QueryFailed":
			state := append([]byte(mod.ErrorMessage+"\x00"), mod.ErrorData...)
			if q.changedFailure(state) {
				q.publish(state, &failure{err: queryError(q.path(), mod)})
			}
		}
	}
	l.remote = end
	if ts, err := decodeTs(end.Ts); err == nil && (!l.haveTs || ts > l.maxTs) {
		l.maxTs, l.haveTs = ts, true
	}
	if end.Identity > start.Identity && end.Identity >= l.identityVersion {
		l.authOutstanding = false
		l.authConfirmed()
	}
	if len(l.outstanding) == 0 && !l.authOutstanding {
		l.retries = 0
	}
}

// queryError is the error a failed query yields, typed as the HTTP client
// types the same failure.
func queryError(path string, mod stateMod) error {
	if len(mod.ErrorData) > 0 {
		ce := &convex.ConvexError{Kind: convex.KindQuery, Path: path, Message: mod.ErrorMessage}
		if err := convex.Unmarshal(mod.ErrorData, &ce.Data); err == nil {
			return ce
		}
	}
	return &convex.FunctionError{Kind: convex.KindQuery, Path: path, Message: mod.ErrorMessage}
}

func (l *loop) send(msg any) {
	if l.ws == nil {
		return
	}
	data, err := json.Marshal(msg)
	if err != nil {
		panic(fmt.Sprintf("live: encoding a client message: %v", err)) // only fixed shapes are encoded
	}
	ctx, cancel := context.WithTimeout(l.ctx, l.c.opts.writeTimeout)
	defer cancel()
	if err := l.ws.Write(ctx, websocket.MessageText, data); err != nil {
		l.c.opts.logger.Info("live: sending failed; reconnecting", "error", err)
		l.closeAndReconnect("FailedToSendMessage")
	}
}

// closeAndReconnect drops the socket for a client-side reason and starts over.
func (l *loop) closeAndReconnect(reason string) {
	if l.state != ready && l.state != connecting {
		return
	}
	l.c.opts.logger.Debug("live: closing the socket", "reason", reason)
	l.lastCloseReason = &reason
	l.dropSocket()
	l.scheduleReconnect("client")
}

// dropSocket closes the socket without a reconnection; its late events are
// ignored because the generation moves on.
func (l *loop) dropSocket() {
	if l.ws != nil {
		ws := l.ws
		go ws.Close(websocket.StatusNormalClosure, "")
	}
	l.ws = nil
	l.gen++
	l.state = waiting
	stopTimer(&l.inactivity)
}

func (l *loop) scheduleReconnect(kind string) {
	l.ws = nil
	l.state = waiting
	stopTimer(&l.inactivity)
	delay := l.nextBackoff(kind)
	l.c.opts.logger.Info("live: reconnecting", "in", delay.Round(time.Millisecond))
	stopTimer(&l.reconnect)
	gen := l.gen
	l.reconnect = l.c.opts.clock.AfterFunc(delay, func() { l.c.post(timerEvent{kind: reconnectTimer, gen: gen}) })
}

// serverBackoff is the first delay after the server closed the socket with
// one of these reasons (a prefix of the close reason), as in the official
// client; other server reasons start at 1 s, client-side ones at 100 ms.
var serverBackoff = map[string]time.Duration{
	"InternalServerError":          time.Second,
	"SubscriptionsWorkerFullError": 3 * time.Second,
	"TooManyConcurrentRequests":    3 * time.Second,
	"CommitterFullError":           3 * time.Second,
	"AwsTooManyRequestsException":  3 * time.Second,
	"ExecuteFullError":             3 * time.Second,
	"SystemTimeoutError":           3 * time.Second,
	"ExpiredInQueue":               3 * time.Second,
	"VectorIndexesUnavailable":     time.Second,
	"SearchIndexesUnavailable":     time.Second,
	"TableSummariesUnavailable":    time.Second,
	"VectorIndexTooLarge":          3 * time.Second,
	"SearchIndexTooLarge":          3 * time.Second,
	"TooManyWritesInTimePeriod":    3 * time.Second,
}

func classifyDisconnect(reason string) string {
	for prefix := range serverBackoff {
		if len(reason) >= len(prefix) && reason[:len(prefix)] == prefix {
			return prefix
		}
	}
	return "Unknown"
}

// nextBackoff doubles from the reason's initial delay up to the maximum,
// with ±50% jitter.
func (l *loop) nextBackoff(kind string) time.Duration {
	initial := time.Second
	switch {
	case kind == "client":
		initial = 100 * time.Millisecond
	case serverBackoff[kind] > 0:
		initial = serverBackoff[kind]
	}
	base := initial << min(l.retries, 20)
	l.retries++
	d := min(base, l.c.opts.maxBackoff)
	return d + time.Duration(float64(d)*(l.c.opts.jitter()-0.5))
}

func (l *loop) resetInactivity() {
	stopTimer(&l.inactivity)
	gen := l.gen
	l.inactivity = l.c.opts.clock.AfterFunc(l.c.opts.inactivity, func() { l.c.post(timerEvent{kind: inactivityTimer, gen: gen}) })
}

func (l *loop) timerFired(e timerEvent) {
	switch e.kind {
	case reconnectTimer:
		if e.gen == l.gen && l.state == waiting && l.reconnect != nil {
			l.reconnect = nil
			l.dial()
		}
	case inactivityTimer:
		if e.gen == l.gen && l.state == ready {
			l.closeAndReconnect("InactiveServer")
		}
	case idleTimer:
		if l.idle != nil && len(l.queries) == 0 {
			l.terminate(ErrClientClosed)
		}
	case refreshTimer:
		if e.gen == l.auth.gen && l.state != terminated {
			l.auth.timer = nil
			l.fetchToken(refreshToken)
		}
	}
}

// terminate stops the client for good and ends every subscription with err.
func (l *loop) terminate(err error) {
	l.c.mu.Lock()
	if l.c.err == nil {
		l.c.err = err
	}
	l.c.mu.Unlock()
	for _, q := range l.order {
		q.wake() // their Next returns c.err, set above
	}
	stopTimer(&l.reconnect)
	stopTimer(&l.inactivity)
	stopTimer(&l.auth.timer)
	stopTimer(&l.idle)
	if l.ws != nil {
		ws := l.ws
		go ws.Close(websocket.StatusNormalClosure, "")
		l.ws = nil
	}
	l.state = terminated
}

func stopTimer(t *Timer) {
	if *t != nil {
		(*t).Stop()
		*t = nil
	}
}
