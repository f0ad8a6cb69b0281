package betterauth

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"testing"
)

// mapClaims is the reference reading of a payload: encoding/json into a
// map, as the package did before readClaims, with the same rules.
type mapClaims struct {
	ok                               bool
	iss, sub, sessionID, email, name string
	hasAud                           bool
	exp, nbf, iat                    mapDate
}

type mapDate struct {
	present, valid bool
	value          float64
}

func readClaimsViaMap(payload []byte) mapClaims {
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil || m == nil {
		return mapClaims{}
	}
	str := func(k string) string { s, _ := m[k].(string); return s }
	date := func(k string) mapDate {
		raw, present := m[k]
		f, isNum := raw.(float64)
		valid := isNum && !math.IsNaN(f) && !math.IsInf(f, 0) && f >= 0 && f <= 1<<40
		return mapDate{present: present, valid: valid, value: f}
	}
	aud := false
	switch a := m["aud"].(type) {
	case string:
		aud = a == audience
	case []any:
		for _, x := range a {
			aud = aud || x == audience
		}
	}
	return mapClaims{
		ok: true, iss: str("iss"), sub: str("sub"), sessionID: str("sessionId"), email: str("email"), name: str("name"),
		hasAud: aud, exp: date("exp"), nbf: date("nbf"), iat: date("iat"),
	}
}

// compareWithMap fails t when readClaims disagrees with encoding/json on payload.
func compareWithMap(t *testing.T, payload []byte) {
	t.Helper()
	want := readClaimsViaMap(payload)
	rc, err := readClaims(payload)
	if (err == nil) != want.ok {
		t.Fatalf("%q: readClaims err %v, encoding/json ok %v", payload, err, want.ok)
	}
	if err != nil || rc.duplicate != "" {
		return // a duplicated checked claim is refused; the map keeps the last copy
	}
	got := mapClaims{
		ok: true, iss: rc.iss.value, sub: rc.sub.value, sessionID: rc.sessionID.value, email: rc.email.value, name: rc.name.value,
		hasAud: hasAudience(rc.aud),
	}
	for _, d := range []struct {
		raw []byte
		dst *mapDate
	}{{rc.exp, &got.exp}, {rc.nbf, &got.nbf}, {rc.iat, &got.iat}} {
		d.dst.present = d.raw != nil
		d.dst.value, d.dst.valid = numericDate(d.raw)
	}
	for _, d := range []*mapDate{&got.exp, &got.nbf, &got.iat, &want.exp, &want.nbf, &want.iat} {
		if !d.valid {
			d.value = 0
		}
	}
	if got != want {
		t.Fatalf("%q:\nreadClaims    %+v\nencoding/json %+v", payload, got, want)
	}
}

func TestReadClaimsAgreesWithEncodingJSON(t *testing.T) {
	for _, p := range readClaimsCorpus {
		compareWithMap(t, []byte(p))
	}
}

func FuzzReadClaims(f *testing.F) {
	for _, p := range readClaimsCorpus {
		f.Add([]byte(p))
	}
	f.Fuzz(compareWithMap)
}

// readClaimsCorpus holds payloads that a careless reader gets wrong.
var readClaimsCorpus = []string{
	`{"iat":1,"name":"Alice","email":"a@b.c","emailVerified":false,"sessionId":"s","sub":"u","exp":2,"iss":"https://x.convex.site","aud":"convex"}`,
	`{}`, ` { } `, `null`, `[]`, `"iss"`, `1`, `{"iss":"a"} x`, `{"iss":"a",}`, `{"iss"}`, ``, `{`,
	`{"ISS":"https://x","Sub":"u","AUD":"convex","EXP":5}`,                    // case variants are other claims
	`{"\u0069ss":"https://x","s\u0075b":"u"}`,                                 // escaped keys are the claims
	`{"iss":"https:\/\/x","sub":"\u00e9","name":"Zo\u00eb","email":"\ud800"}`, // escaped values, lone surrogate
	"{\"name\":\"\xff\xfe\",\"sub\":\"\xc3\xa9\"}",                            // invalid and valid UTF-8
	`{"meta":{"iss":"https://evil","aud":"convex"},"iss":1,"aud":["x",{"a":"convex"}]}`,
	`{"aud":["a","\u0063onvex"]}`, `{"aud":[]}`, `{"aud":null}`, `{"aud":{"convex":1}}`, `{"aud":[["convex"]]}`,
	`{"exp":"9"}`, `{"exp":null}`, `{"exp":-1}`, `{"exp":1e12}`, `{"exp":1.5e9}`, `{"exp":-0}`, `{"exp":0}`,
	`{"exp":1e400}`, `{"other":[1,2,{"x":-1e309}]}`, `{"other":1e-400}`, `{"exp":1099511627776}`, `{"exp":1099511627777}`,
	`{"iss":"a","iss":"b"}`, `{"exp":1,"exp":2}`, `{"name":"a","name":"b"}`, `{"iss":"a","\u0069ss":"b"}`,
	`{"s":"\"}\"","iss":"a\\","x":[true,false,null,"]"]}`,
	`{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `,"sub":"deep"}`,
	"{\t\"sub\"\r\n:\n\"u\"\t}",
	`{"a":tru}`, `{"a":nul}`, `{"a":falsey}`, `{"a":01}`, `{"a":-}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":1e+}`,
	`{"a":+1}`, `{"a":-0.0e-0}`, `{"a":1E5}`, `{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\u12G4"}`, `{"a":"\uD83D\uDE00"}`,
	"{\"a\":\"\x1f\"}", "{\"a\":\"\x7f\"}", `{"a" 1}`, `{"a":1 "b":2}`, `{"a":[1,]}`, `{"a":[,1]}`, `{"a":[1 2]}`,
	`{,}`, `{"a":1}}`, `{"a":{}}`, `{"a":[]}`, `{"a":[{}]}`, `{"a":"b"`, `{"a":"b`, `{"a":`, `{"a"`, `{"`, "{\"a\":1}\x00",
	`{"a":1e308}`, `{"a":1.8e308}`, `{"a":-1e309}`, `{"a":` + strings.Repeat("9", 301) + `}`, `{"a":` + strings.Repeat("9", 310) + `}`,
	`{"a":0.` + strings.Repeat("0", 400) + `1}`,
	`{"x":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,   // depth 10000 with the object: accepted
	`{"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`, // depth 10001: refused
}

func TestSessionClaims(t *testing.T) {
	c := newClock()
	f := newFakeSite(t, c)
	a := f.newAuth()
	cl := claimsFor(f.srv.URL, c.Now())
	cl["role"] = "admin"
	cl["name"] = "Zoë \"Z\""
	cl["createdAt"] = 1795877531388
	s, err := a.verifier.Verify(t.Context(), signToken(t, f.key, f.kid, cl))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "Zoë \"Z\"" || s.Email != "alice@example.com" || s.SessionID != "sess_1" {
		t.Errorf("session fields %+v", s)
	}
	m := s.Claims()
	if m["role"] != "admin" || m["createdAt"] != float64(1795877531388) || m["sub"] != "user_1" || m["emailVerified"] != false {
		t.Errorf("Claims() = %v", m)
	}
	var custom struct {
		Role string `json:"role"`
	}
	if err := s.DecodeClaims(&custom); err != nil || custom.Role != "admin" {
		t.Errorf("DecodeClaims: %+v %v", custom, err)
	}
	var none Session
	if none.Claims() != nil || none.DecodeClaims(&custom) == nil {
		t.Error("a Session built by hand has claims")
	}
}

func TestSessionNeverPrintsItsToken(t *testing.T) {
	f := newFakeSite(t, newClock())
	a := f.newAuth()
	s, err := a.verifier.Verify(t.Context(), f.token())
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("request", "session", s, "value", *s)
	for _, out := range []string{
		fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s", s, s, s, *s), fmt.Sprintf("%+v", *s), logged.String(),
	} {
		if strings.Contains(out, s.Token) || strings.Contains(out, strings.Split(s.Token, ".")[2]) {
			t.Errorf("token printed: %s", out)
		}
		if !strings.Contains(out, "user_1") {
			t.Errorf("subject missing: %s", out)
		}
	}
}
