package betterauth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// forge assembles a compact JWS from raw header and payload JSON and a raw signature.
func forge(header, payload string, sig []byte) string {
	return b64(header) + "." + b64(payload) + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestForgedTokensRejected(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	key, other := rsaKeys(t)
	now := c.Now()
	iss := f.srv.URL
	good := f.token()
	parts := strings.Split(good, ".")

	with := func(mod func(map[string]any)) string {
		cl := claimsFor(iss, now)
		mod(cl)
		return signToken(t, key, "kid-1", cl)
	}
	pubDER, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	hsHeader := `{"alg":"HS256","kid":"kid-1","typ":"JWT"}`
	payloadJSON, _ := json.Marshal(claimsFor(iss, now))
	mac := hmac.New(sha256.New, pubDER)
	mac.Write([]byte(b64(hsHeader) + "." + b64(string(payloadJSON))))
	hsToken := b64(hsHeader) + "." + b64(string(payloadJSON)) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))

	tamperedPayload := parts[0] + "." + b64(strings.Replace(string(payloadJSON), "user_1", "admin", 1)) + "." + parts[2]
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	sig[10] ^= 1
	tamperedSig := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig)

	httpsIss := strings.Replace(iss, "http://", "https://", 1)
	bare := strings.TrimPrefix(iss, "http://")
	corpus := map[string]string{
		"alg none":               forge(`{"alg":"none","kid":"kid-1"}`, string(payloadJSON), nil),
		"alg none lower":         forge(`{"alg":"None","kid":"kid-1"}`, string(payloadJSON), nil),
		"HS256 with RSA pub key": hsToken,
		"unknown kid":            signToken(t, key, "kid-unknown", claimsFor(iss, now)),
		"right kid wrong key":    signToken(t, other, "kid-1", claimsFor(iss, now)),
		"wrong iss":              with(func(m map[string]any) { m["iss"] = "https://evil.convex.site" }),
		"iss https variant":      with(func(m map[string]any) { m["iss"] = httpsIss }),
		"iss without scheme":     with(func(m map[string]any) { m["iss"] = bare }), // Convex prefixes https://
		"iss with path":          with(func(m map[string]any) { m["iss"] = iss + "/api/auth" }),
		"iss upper case":         with(func(m map[string]any) { m["iss"] = strings.ToUpper(iss) }),
		"iss missing":            with(func(m map[string]any) { delete(m, "iss") }),
		"iss number":             with(func(m map[string]any) { m["iss"] = 1 }),
		"wrong aud":              with(func(m map[string]any) { m["aud"] = "convex-dev" }),
		"aud array without":      with(func(m map[string]any) { m["aud"] = []string{"a", "b"} }),
		"aud missing":            with(func(m map[string]any) { delete(m, "aud") }),
		"expired past leeway":    with(func(m map[string]any) { m["exp"] = now.Add(-6 * time.Second).Unix() }),
		"exp missing":            with(func(m map[string]any) { delete(m, "exp") }),
		"exp string":             with(func(m map[string]any) { m["exp"] = "9999999999" }),
		"nbf in future":          with(func(m map[string]any) { m["nbf"] = now.Add(time.Minute).Unix() }),
		"iat in future":          with(func(m map[string]any) { m["iat"] = now.Add(time.Minute).Unix() }),
		"sub missing":            with(func(m map[string]any) { delete(m, "sub") }),
		"sub empty":              with(func(m map[string]any) { m["sub"] = "" }),
		"tampered payload":       tamperedPayload,
		"tampered signature":     tamperedSig,
		"truncated":              good[:len(good)-20],
		"two parts":              parts[0] + "." + parts[1],
		"no signature":           parts[0] + "." + parts[1] + ".",
		"garbage":                "not.a.jwt",
		"empty":                  "",
		"3 MB":                   parts[0] + "." + strings.Repeat("A", 3<<20) + "." + parts[2],
		"JSON serialization":     `{"payload":"` + parts[1] + `","protected":"` + parts[0] + `","signature":"` + parts[2] + `"}`,
		"typ not JWT":            forgeRS(t, `{"alg":"RS256","kid":"kid-1","typ":"at+jwt+x"}`, string(payloadJSON)),
		"payload not object":     forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, `[1,2]`),
		"payload null":           forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, `null`),
		"payload trailing data":  forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, string(payloadJSON)+`{}`),
		"duplicate iss":          forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, `{"iss":"https://evil.example",`+string(payloadJSON[1:])),
		"duplicate exp":          forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, strings.TrimSuffix(string(payloadJSON), "}")+`,"exp":1}`),
		"upper-case claim names": forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, strings.NewReplacer(`"iss"`, `"ISS"`, `"aud"`, `"Aud"`).Replace(string(payloadJSON))),
		"iss only nested":        with(func(m map[string]any) { m["meta"] = map[string]any{"iss": m["iss"]}; delete(m, "iss") }),
		"exp null":               with(func(m map[string]any) { m["exp"] = nil }),
		"exp negative":           with(func(m map[string]any) { m["exp"] = -1 }),
		"exp beyond 2^40":        with(func(m map[string]any) { m["exp"] = float64(1<<40 + 1) }),
		"number out of range":    forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, strings.TrimSuffix(string(payloadJSON), "}")+`,"x":1e400}`),
		"aud nested":             with(func(m map[string]any) { m["aud"] = []any{[]string{"convex"}} }),
		"b64 false":              unencodedPayload(t, string(payloadJSON)),
		"crit header":            forgeRS(t, `{"alg":"RS256","kid":"kid-1","crit":["exp"],"exp":1}`, string(payloadJSON)),
	}
	for name, tok := range corpus {
		if _, err := a.verifier.Verify(context.Background(), tok); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("%s: err = %v, want ErrInvalidToken", name, err)
		}
		if s, _, _ := sessionOf(a, request("/", "better-auth.convex_jwt="+tok)); s != nil {
			t.Errorf("%s: Middleware accepted it", name)
		}
	}
	// Within the leeway and with the accepted issuer spellings, tokens pass.
	for name, tok := range map[string]string{
		"good":                good,
		"iss trailing slash":  with(func(m map[string]any) { m["iss"] = iss + "/" }),
		"aud array":           with(func(m map[string]any) { m["aud"] = []string{"x", "convex"} }),
		"expired within 5s":   with(func(m map[string]any) { m["exp"] = now.Add(-4 * time.Second).Unix() }),
		"no kid, one key":     signToken(t, key, "", claimsFor(iss, now)),
		"nbf within leeway":   with(func(m map[string]any) { m["nbf"] = now.Add(3 * time.Second).Unix() }),
		"escaped claim names": forgeRS(t, `{"alg":"RS256","kid":"kid-1"}`, strings.NewReplacer(`"iss"`, `"\u0069ss"`, `"sub"`, `"s\u0075b"`).Replace(string(payloadJSON))),
		"non-ASCII name":      with(func(m map[string]any) { m["name"] = "Zoë \"Z\"" }),
	} {
		if _, err := a.verifier.Verify(context.Background(), tok); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// unencodedPayload signs payload as RFC 7797 allows ("b64": false): over
// the raw JSON instead of its base64url form, which the Convex backend does
// not accept; go-jose would.
func unencodedPayload(t *testing.T, payload string) string {
	key, _ := rsaKeys(t)
	header := `{"alg":"RS256","kid":"kid-1","b64":false,"crit":["b64"]}`
	sig := rsaSign(t, key, b64(header)+"."+payload)
	return b64(header) + "." + b64(payload) + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// forgeRS signs arbitrary header and payload JSON with the test key.
func forgeRS(t *testing.T, header, payload string) string {
	key, _ := rsaKeys(t)
	signingInput := b64(header) + "." + b64(payload)
	sig := rsaSign(t, key, signingInput)
	return signingInput + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestIssuerNormalisation(t *testing.T) {
	for in, want := range map[string]string{
		"https://x.convex.site":   "https://x.convex.site",
		"https://x.convex.site/":  "https://x.convex.site",
		"https://x.convex.site//": "https://x.convex.site",
		"x.convex.site":           "https://x.convex.site",
		"http://127.0.0.1:3211":   "http://127.0.0.1:3211",
	} {
		if got := normaliseIssuer(in); got != want {
			t.Errorf("normaliseIssuer(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStaticJWKSMultipleKeysRequireKid(t *testing.T) {
	key, other := rsaKeys(t)
	cfg := Config{ConvexURL: "https://a.convex.cloud", SiteURL: "https://a.convex.site", Now: newClock().Now,
		JWKS: string(jwksJSON(t, []string{"k1", "k2"}, key, other))}
	v, err := NewVerifier(cfg)
	if err != nil {
		t.Fatal(err)
	}
	now := cfg.Now()
	if _, err := v.Verify(context.Background(), signToken(t, key, "", claimsFor(cfg.SiteURL, now))); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("no kid with two keys: %v", err)
	}
	if s, err := VerifyToken(context.Background(), cfg, signToken(t, other, "k2", claimsFor(cfg.SiteURL, now))); err != nil || s.Subject != "user_1" {
		t.Errorf("k2: %v %v", s, err)
	}
}

func TestVerifyErrorsQuoteAttackerValuesBriefly(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	key, _ := rsaKeys(t)
	long := strings.Repeat("A", 8000)
	cl := claimsFor(long, c.Now())
	for name, tok := range map[string]string{
		"iss": signToken(t, key, "kid-1", cl),
		"aud": signToken(t, key, "kid-1", map[string]any{"iss": f.srv.URL, "aud": long, "sub": "u", "exp": c.Now().Add(time.Minute).Unix()}),
		"kid": signToken(t, key, long, claimsFor(f.srv.URL, c.Now())),
		"typ": forgeRS(t, `{"alg":"RS256","kid":"kid-1","typ":"`+long+`"}`, `{}`),
	} {
		_, err := a.verifier.Verify(t.Context(), tok)
		if !errors.Is(err, ErrInvalidToken) || len(err.Error()) > 300 {
			t.Errorf("%s: error of %d bytes: %.120v", name, len(err.Error()), err)
		}
	}
}

// base64Spellings returns other spellings of one base64url segment that a
// lenient decoder maps to the same bytes: the unused low bits of the last
// character set, trailing padding, and an embedded newline.
func base64Spellings(seg string) []string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var out []string
	if n := len(seg) % 4; n == 2 || n == 3 {
		last := strings.IndexByte(alphabet, seg[len(seg)-1])
		unused := 0xf // 2 chars carry 1 byte: 4 unused bits
		if n == 3 {
			unused = 0x3 // 3 chars carry 2 bytes: 2 unused bits
		}
		for bits := 1; bits <= unused; bits++ {
			out = append(out, seg[:len(seg)-1]+string(alphabet[last|bits]))
		}
		out = append(out, seg+strings.Repeat("=", 4-n))
	}
	if len(seg) > 4 {
		out = append(out, seg[:4]+"\n"+seg[4:], seg[:4]+"\r"+seg[4:])
	}
	return out
}

func TestVerifyRefusesNonCanonicalBase64(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	// Claims whose payload length leaves unused bits in its last character.
	good := f.token()
	if _, err := a.verifier.Verify(t.Context(), good); err != nil {
		t.Fatal(err)
	}
	segs := strings.Split(good, ".")
	tried := 0
	for i := range segs {
		for _, v := range base64Spellings(segs[i]) {
			variant := slices.Clone(segs)
			variant[i] = v
			tok := strings.Join(variant, ".")
			tried++
			if _, err := a.verifier.Verify(t.Context(), tok); !errors.Is(err, ErrInvalidToken) {
				t.Errorf("segment %d spelled %q: Verify error %v, want ErrInvalidToken", i, v[max(0, len(v)-6):], err)
			}
		}
	}
	if tried < 6 {
		t.Fatalf("only %d spellings tried; the token's segments leave no unused bits", tried)
	}
}
