package betterauth

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"golang.org/x/sync/singleflight"
)

const (
	maxJWKSBytes           = 1 << 20 // a JWKS is a few kB; refuse anything near a megabyte
	jwksFetchTimeout       = 5 * time.Second
	defaultRefetchInterval = 5 * time.Second // an unknown kid refetches at most this often: a rotated-in key waits no longer
	// maxKeyAge bounds how long a key removed from the JWKS keeps verifying
	// new tokens: remote keys are refreshed this often, even without an
	// unknown kid.
	maxKeyAge       = 5 * time.Minute
	minKeyAge       = time.Minute // and no more often, whatever Cache-Control says
	maxUnknownKids  = 1024
	firstFetchRetry = time.Second // while no fetch ever succeeded
	// minRSABits refuses weak keys in a JWKS (Better Auth makes 2048-bit
	// ones); crypto/rsa alone would still verify with 1024 bits.
	minRSABits = 2048
)

// supportedAlgorithms may appear in Config.Algorithms. Symmetric algorithms
// and "none" are absent on purpose: a public JWKS cannot carry HMAC secrets.
var supportedAlgorithms = []string{
	"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
	"ES256", "ES384", "ES512", "EdDSA",
}

// keySource finds the public key for a token's kid and alg.
type keySource interface {
	key(ctx context.Context, kid, alg string) (any, error)
}

// pickKey selects the key for kid and alg from set. A token without kid is
// accepted only when the set has exactly one key.
func pickKey(set []jose.JSONWebKey, kid, alg string) (any, bool, error) {
	if kid == "" {
		if len(set) != 1 {
			return nil, false, invalidToken("token has no kid and the key set has %d keys", len(set))
		}
		k := set[0]
		if k.Algorithm != "" && k.Algorithm != alg {
			return nil, false, rejectToken(ReasonBadSignature, "token alg %s does not match the key's %s", alg, k.Algorithm)
		}
		return k.Key, true, nil
	}
	for _, k := range set {
		if k.KeyID != kid {
			continue
		}
		if k.Algorithm != "" && k.Algorithm != alg {
			return nil, false, rejectToken(ReasonBadSignature, "token alg %s does not match key %q's %s", alg, kid, k.Algorithm)
		}
		return k.Key, true, nil
	}
	return nil, false, nil
}

// parseJWKS decodes a JWKS document and keeps the public signing keys whose
// algorithm is allowed. problems explains every key left out and any
// structural fault; an empty result is always accompanied by a problem.
func parseJWKS(data []byte, algs []string) (keys []jose.JSONWebKey, problems []string) {
	var doc struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, []string{fmt.Sprintf("JWKS is not JSON of the form {\"keys\":[...]}: %v", err)}
	}
	for i, raw := range doc.Keys {
		var k jose.JSONWebKey
		if err := k.UnmarshalJSON(raw); err != nil {
			problems = append(problems, fmt.Sprintf("key %d does not parse: %v", i, err))
			continue
		}
		if !k.IsPublic() {
			k = k.Public()
			if !k.Valid() {
				problems = append(problems, fmt.Sprintf("key %d (kid %q) is not an asymmetric key", i, k.KeyID))
				continue
			}
		}
		if rk, ok := k.Key.(*rsa.PublicKey); ok && rk.N.BitLen() < minRSABits {
			problems = append(problems, fmt.Sprintf("key %d (kid %q) is a %d-bit RSA key; at least %d bits are required", i, k.KeyID, rk.N.BitLen(), minRSABits))
			continue
		}
		if k.Use != "" && k.Use != "sig" {
			problems = append(problems, fmt.Sprintf("key %d (kid %q) has use %q, not sig", i, k.KeyID, k.Use))
			continue
		}
		if k.Algorithm != "" && !slices.Contains(algs, k.Algorithm) {
			problems = append(problems, fmt.Sprintf("key %d (kid %q) has algorithm %s, not one of %v", i, k.KeyID, k.Algorithm, algs))
			continue
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		problems = append(problems, "JWKS has no usable key")
	}
	noKid := 0
	for _, k := range keys {
		if k.KeyID == "" {
			noKid++
		}
	}
	if noKid > 0 && len(keys) > 1 {
		problems = append(problems, fmt.Sprintf("%d of %d keys have no kid; with several keys every key needs one", noKid, len(keys)))
	}
	return keys, problems
}

// parseStaticJWKS accepts what users paste for Config.JWKS: a JWKS document,
// a data: URI as getAuthConfigProvider produces, or the JSON array of key
// rows that `npx convex run auth:getLatestJwks` prints (the plugin's JWKS env).
func parseStaticJWKS(s string, algs []string) ([]jose.JSONWebKey, []string) {
	data := []byte(strings.TrimSpace(s))
	if rest, ok := strings.CutPrefix(string(data), "data:"); ok {
		meta, payload, found := strings.Cut(rest, ",")
		if !found {
			return nil, []string{"JWKS data: URI has no comma"}
		}
		if strings.HasSuffix(meta, ";base64") {
			dec, err := base64.StdEncoding.DecodeString(payload)
			if err != nil {
				return nil, []string{fmt.Sprintf("JWKS data: URI is not valid base64: %v", err)}
			}
			data = dec
		} else {
			data = []byte(payload)
		}
	}
	if len(data) > 0 && data[0] == '[' {
		converted, err := rowsToJWKS(data)
		if err != nil {
			return nil, []string{err.Error()}
		}
		data = converted
	}
	return parseJWKS(data, algs)
}

// rowsToJWKS converts the plugin's key rows [{id, publicKey, alg, ...}] into
// a JWKS the way getAuthConfigProvider does: {alg, crv, ...publicKey, kid: id}.
func rowsToJWKS(data []byte) ([]byte, error) {
	var rows []struct {
		ID        string `json:"id"`
		PublicKey string `json:"publicKey"`
		Alg       string `json:"alg"`
		Crv       string `json:"crv"`
	}
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("JWKS array is not a list of key rows: %v", err)
	}
	keys := make([]map[string]any, 0, len(rows))
	for i, r := range rows {
		k := map[string]any{}
		if err := json.Unmarshal([]byte(r.PublicKey), &k); err != nil {
			return nil, fmt.Errorf("key row %d: publicKey is not a JSON JWK: %v", i, err)
		}
		k["alg"] = r.Alg
		if r.Alg == "" {
			k["alg"] = "EdDSA" // the plugin's default for rows without alg
		}
		if r.Crv != "" {
			k["crv"] = r.Crv
		}
		k["kid"] = r.ID
		keys = append(keys, k)
	}
	return json.Marshal(map[string]any{"keys": keys})
}

// staticKeys is a key set fixed by configuration.
type staticKeys struct{ keys []jose.JSONWebKey }

func (s *staticKeys) key(_ context.Context, kid, alg string) (any, error) {
	k, ok, err := pickKey(s.keys, kid, alg)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, rejectToken(ReasonUnknownKey, "unknown kid %.64q", kid)
	}
	return k, nil
}

// remoteKeys fetches and caches the JWKS at url. Keys are fresh for the
// response's Cache-Control max-age (within [minKeyAge, maxKeyAge]; maxKeyAge
// without one); once three quarters of that have passed, the next
// verification starts a refresh in the background and carries on with the
// cached keys, so no request waits for a scheduled refetch. Only the first
// fetch and a token whose kid the cached set lacks wait: an unknown kid
// refetches at most once per interval (scheduled refreshes do not count
// against it) and is remembered as unknown for as long. One fetch runs at a
// time; a caller that needs keys fetched after it asked (an unknown kid,
// RefreshKeys) and joined a fetch of another kind fetches once more. A
// failed fetch keeps the last good keys.
type remoteKeys struct {
	url      string
	client   *http.Client
	algs     []string
	interval time.Duration
	now      func() time.Time
	onFetch  func(context.Context, JWKSFetchEvent) // nil when not observed
	// onRemoved runs when a fetch drops a key the previous set had, so that
	// tokens verified with it are forgotten (Auth's token cache); nil: none.
	onRemoved func()
	fetches   singleflight.Group

	mu          sync.Mutex
	keys        []jose.JSONWebKey
	fetchedAt   time.Time     // last successful fetch
	fresh       time.Duration // how long the keys of the last fetch are fresh
	attemptedAt time.Time     // last fetch, successful or not
	demandedAt  time.Time     // last fetch for an unknown kid, successful or not
	refreshing  bool          // a background refresh is running
	unknown     map[string]time.Time
}

func newRemoteKeys(url string, client *http.Client, algs []string, interval time.Duration, now func() time.Time) *remoteKeys {
	if interval <= 0 {
		interval = defaultRefetchInterval
	}
	return &remoteKeys{url: url, client: client, algs: algs, interval: interval, now: now, fresh: maxKeyAge, unknown: map[string]time.Time{}}
}

func (r *remoteKeys) key(ctx context.Context, kid, alg string) (any, error) {
	now := r.now()
	r.mu.Lock()
	keys, attemptedAt, demandedAt := r.keys, r.attemptedAt, r.demandedAt
	until, knownUnknown := r.unknown[kid]
	// Refresh ahead of time, at most once per interval while fetches fail.
	background := keys != nil && !r.refreshing &&
		now.Sub(r.fetchedAt) >= r.fresh*3/4 && now.Sub(attemptedAt) >= r.interval
	if background {
		r.refreshing = true
	}
	r.mu.Unlock()
	if background {
		go r.refreshInBackground(context.WithoutCancel(ctx))
	}

	trigger := JWKSInitial
	if keys == nil && now.Sub(attemptedAt) < firstFetchRetry {
		// Never fetched successfully and the last try just failed: do not
		// let every request hammer a JWKS that is down.
		return nil, fmt.Errorf("%w: %s failed moments ago; retrying shortly", ErrJWKS, r.url)
	}
	if keys != nil {
		if k, ok, err := pickKey(keys, kid, alg); ok || err != nil {
			return k, err
		}
		if knownUnknown && now.Before(until) {
			return nil, rejectToken(ReasonUnknownKey, "unknown kid %.64q (JWKS refetched recently)", kid)
		}
		if now.Sub(demandedAt) < r.interval {
			r.rememberUnknown(kid, now)
			return nil, rejectToken(ReasonUnknownKey, "unknown kid %.64q (JWKS refetch rate-limited)", kid)
		}
		trigger = JWKSUnknownKid
	}
	fetched, err := r.refreshAfter(ctx, trigger)
	if err != nil && fetched == nil {
		return nil, err
	}
	k, ok, perr := pickKey(fetched, kid, alg)
	if perr != nil {
		return nil, perr
	}
	if !ok {
		r.rememberUnknown(kid, now)
		return nil, rejectToken(ReasonUnknownKey, "unknown kid %.64q", kid)
	}
	return k, nil
}

// refreshInBackground is the scheduled refresh a verification started.
func (r *remoteKeys) refreshInBackground(ctx context.Context) {
	defer func() {
		r.mu.Lock()
		r.refreshing = false
		r.mu.Unlock()
	}()
	_, _ = r.refresh(ctx, JWKSScheduled) // a failure keeps the keys, and is reported to onFetch
}

// rememberUnknown negatively caches kid for one refetch interval.
func (r *remoteKeys) rememberUnknown(kid string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.unknown) >= maxUnknownKids {
		clear(r.unknown) // a flood of random kids: forget them rather than grow
	}
	r.unknown[kid] = now.Add(r.interval)
}

// fetchResult is what one fetch yields to every caller that joined it.
type fetchResult struct {
	keys    []jose.JSONWebKey // the new keys, or the last good ones on failure
	trigger JWKSTrigger       // why the fetch was started
}

// refreshAfter is refresh for a caller that needs keys fetched after it
// asked: having joined a fetch started for another reason (a scheduled
// refresh that may predate a key rotation), it fetches once more.
func (r *remoteKeys) refreshAfter(ctx context.Context, trigger JWKSTrigger) ([]jose.JSONWebKey, error) {
	res, err := r.refresh(ctx, trigger)
	if res != nil && res.trigger != trigger {
		res, err = r.refresh(ctx, trigger)
	}
	if res == nil {
		return nil, err
	}
	return res.keys, err
}

// refresh fetches the JWKS once for all concurrent callers. On failure the
// result holds the last good keys (possibly nil) with the error; it is nil
// only when ctx ended first.
func (r *remoteKeys) refresh(ctx context.Context, trigger JWKSTrigger) (*fetchResult, error) {
	ch := r.fetches.DoChan("", func() (any, error) {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jwksFetchTimeout)
		defer cancel()
		start := time.Now()
		keys, fresh, err := r.fetch(fctx)
		if r.onFetch != nil {
			r.onFetch(ctx, JWKSFetchEvent{URL: r.url, Trigger: trigger, Start: start, Duration: time.Since(start), Keys: len(keys), Err: err})
		}
		r.mu.Lock()
		r.attemptedAt = r.now()
		if trigger == JWKSUnknownKid {
			r.demandedAt = r.attemptedAt
		}
		if err != nil {
			defer r.mu.Unlock()
			return &fetchResult{keys: r.keys, trigger: trigger}, err
		}
		removed := dropsKey(r.keys, keys)
		r.keys, r.fetchedAt, r.fresh = keys, r.attemptedAt, fresh
		clear(r.unknown)
		r.mu.Unlock()
		if removed && r.onRemoved != nil {
			r.onRemoved()
		}
		return &fetchResult{keys: keys, trigger: trigger}, nil
	})
	select {
	case res := <-ch:
		fr, _ := res.Val.(*fetchResult)
		return fr, res.Err
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: %w", ErrJWKS, ctx.Err())
	}
}

// dropsKey reports whether next lacks a kid that prev has.
func dropsKey(prev, next []jose.JSONWebKey) bool {
	for _, p := range prev {
		if !slices.ContainsFunc(next, func(k jose.JSONWebKey) bool { return k.KeyID == p.KeyID }) {
			return true
		}
	}
	return false
}

// freshFor is how long a JWKS response's keys may be used before they are
// refreshed: its Cache-Control max-age within [minKeyAge, maxKeyAge]
// (no-cache and no-store mean minKeyAge), else maxKeyAge.
func freshFor(h http.Header) time.Duration {
	fresh := maxKeyAge
	for _, v := range h.Values("Cache-Control") {
		for _, d := range strings.Split(v, ",") {
			name, value, _ := strings.Cut(strings.TrimSpace(d), "=")
			switch strings.ToLower(name) {
			case "no-cache", "no-store":
				return minKeyAge
			case "max-age":
				secs, err := strconv.ParseInt(strings.Trim(value, `"`), 10, 64)
				if err != nil || secs < 0 {
					continue // malformed: ignored, as RFC 9111 §4.2.1 allows
				}
				fresh = time.Duration(min(secs, int64(maxKeyAge/time.Second))) * time.Second
			}
		}
	}
	return max(fresh, minKeyAge)
}

// fetch performs one GET of the JWKS with a size limit.
// It also returns how long the keys are fresh (freshFor).
func (r *remoteKeys) fetch(ctx context.Context) ([]jose.JSONWebKey, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrJWKS, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Cache-Control", "no-cache")
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: GET %s: %v", ErrJWKS, r.url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, 0, fmt.Errorf("%w: GET %s answered %s", ErrJWKS, r.url, resp.Status)
	}
	// The Convex backend only accepts these two content types, so we do too.
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "application/json" && mt != "application/jwk-set+json" {
		return nil, 0, fmt.Errorf("%w: GET %s answered content type %q, want application/json", ErrJWKS, r.url, mt)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%w: reading %s: %v", ErrJWKS, r.url, err)
	}
	if len(body) > maxJWKSBytes {
		return nil, 0, fmt.Errorf("%w: %s is larger than %d bytes", ErrJWKS, r.url, maxJWKSBytes)
	}
	keys, problems := parseJWKS(body, r.algs)
	if len(keys) == 0 {
		return nil, 0, fmt.Errorf("%w: %s: %s", ErrJWKS, r.url, strings.Join(problems, "; "))
	}
	return keys, freshFor(resp.Header), nil
}

// RefreshKeys fetches the remote JWKS now, for a key rotation that must
// take effect at once: a key removed from the JWKS stops verifying, a new
// kid verifies without waiting for the unknown-kid refetch interval. With
// a static JWKS it does nothing. On failure the previous keys stay.
func (v *Verifier) RefreshKeys(ctx context.Context) error {
	r, ok := v.keys.(*remoteKeys)
	if !ok {
		return nil
	}
	_, err := r.refreshAfter(ctx, JWKSForced)
	return err
}

// RefreshKeys is Verifier.RefreshKeys; a key it finds removed makes Auth
// forget the tokens it verified, so that a token signed by a key rotated
// out is refused from now on (as after any refresh that drops a key).
func (a *Auth) RefreshKeys(ctx context.Context) error {
	return a.verifier.RefreshKeys(ctx)
}
