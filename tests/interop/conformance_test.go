package interop

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"text/tabwriter"
	"time"
)

// scenario is one observable behaviour; run returns the observation that
// must be identical for authtest and the real Better Auth.
type scenario struct {
	name string
	run  func(t *testing.T, tg target) string
}

const password = "password1234"

// signUp creates a fresh user (email unique per scenario) and returns the response.
func signUp(t *testing.T, tg target, email string) response {
	t.Helper()
	r := tg.do(t, "POST", "/sign-up/email", fmt.Sprintf(`{"email":%q,"password":%q,"name":"Alice"}`, email, password), nil)
	if r.status != http.StatusOK {
		t.Fatalf("%s: sign-up %s: %d %s", tg.name, email, r.status, r.body)
	}
	return r
}

func jwks(t *testing.T, tg target) []byte {
	t.Helper()
	return []byte(tg.do(t, "GET", "/convex/jwks", "", nil).body)
}

// tokenFrom returns the token of a {"token": ...} body.
func tokenFrom(body string) string {
	var v struct{ Token string }
	json.Unmarshal([]byte(body), &v)
	return v.Token
}

var scenarios = []scenario{
	{"sign-up", func(t *testing.T, tg target) string {
		return observation(signUp(t, tg, "a@example.com"), tg.site)
	}},
	{"sign-up: convex_jwt cookie", func(t *testing.T, tg target) string {
		r := signUp(t, tg, "a@example.com")
		return jwtObservation(cookieValue(r.setCookies, ".convex_jwt"), tg.site, jwks(t, tg))
	}},
	{"sign-up: email taken", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-up/email", `{"email":"a@example.com","password":"password1234","name":"A"}`, nil), tg.site)
	}},
	{"sign-up: short password", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-up/email", `{"email":"b@example.com","password":"short","name":"B"}`, nil), tg.site)
	}},
	{"sign-up: invalid email", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-up/email", `{"email":"not-an-email","password":"password1234","name":"B"}`, nil), tg.site)
	}},
	{"sign-up: missing email", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-up/email", `{"password":"password1234","name":"B"}`, nil), tg.site)
	}},
	{"sign-in", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"a@example.com","password":"password1234"}`, nil), tg.site)
	}},
	{"sign-in: wrong password", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"a@example.com","password":"wrong-password"}`, nil), tg.site)
	}},
	{"sign-in: unknown user", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"nobody@example.com","password":"password1234"}`, nil), tg.site)
	}},
	{"token: session cookie", func(t *testing.T, tg target) string {
		r := tg.do(t, "GET", "/convex/token", "", cookiesOf(signUp(t, tg, "a@example.com").setCookies))
		return observation(r, tg.site) + jwtObservation(tokenFrom(r.body), tg.site, jwks(t, tg))
	}},
	{"token: bearer session token", func(t *testing.T, tg target) string {
		session := tokenFrom(signUp(t, tg, "a@example.com").body)
		return observation(tg.do(t, "GET", "/convex/token", "", http.Header{"Authorization": {"Bearer " + session}}), tg.site)
	}},
	{"token: no session", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/convex/token", "", nil), tg.site)
	}},
	{"token: unsigned session cookie", func(t *testing.T, tg target) string {
		r := signUp(t, tg, "a@example.com")
		name := strings.SplitN(r.setCookies[0], "=", 2)[0]
		return observation(tg.do(t, "GET", "/convex/token", "", http.Header{"Cookie": {name + "=" + tokenFrom(r.body)}}), tg.site)
	}},
	{"token: forged signature", func(t *testing.T, tg target) string {
		r := signUp(t, tg, "a@example.com")
		name := strings.SplitN(r.setCookies[0], "=", 2)[0]
		forged := tokenFrom(r.body) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D"
		return observation(tg.do(t, "GET", "/convex/token", "", http.Header{"Cookie": {name + "=" + forged}}), tg.site)
	}},
	{"get-session: signed in", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/get-session", "", cookiesOf(signUp(t, tg, "a@example.com").setCookies)), tg.site)
	}},
	{"get-session: anonymous", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/get-session", "", nil), tg.site)
	}},
	{"sign-out", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-out", "{}", cookiesOf(signUp(t, tg, "a@example.com").setCookies)), tg.site)
	}},
	{"sign-out: anonymous", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-out", "{}", nil), tg.site)
	}},
	{"token: after sign-out", func(t *testing.T, tg target) string {
		cookies := cookiesOf(signUp(t, tg, "a@example.com").setCookies)
		tg.do(t, "POST", "/sign-out", "{}", cookies)
		return observation(tg.do(t, "GET", "/convex/token", "", cookies), tg.site)
	}},
	{"get-session: after sign-out", func(t *testing.T, tg target) string {
		cookies := cookiesOf(signUp(t, tg, "a@example.com").setCookies)
		tg.do(t, "POST", "/sign-out", "{}", cookies)
		return observation(tg.do(t, "GET", "/get-session", "", cookies), tg.site)
	}},
	{"token: bearer, after sign-out", func(t *testing.T, tg target) string {
		r := signUp(t, tg, "a@example.com")
		tg.do(t, "POST", "/sign-out", "{}", cookiesOf(r.setCookies))
		return observation(tg.do(t, "GET", "/convex/token", "", http.Header{"Authorization": {"Bearer " + tokenFrom(r.body)}}), tg.site)
	}},
	{"sign-in: untrusted Origin, no cookie", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"a@example.com","password":"password1234"}`, http.Header{"Origin": {"https://evil.example"}}), tg.site)
	}},
	{"sign-up: untrusted Origin, no cookie", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-up/email", `{"email":"a@example.com","password":"password1234","name":"A"}`, http.Header{"Origin": {"https://evil.example"}}), tg.site)
	}},
	{"sign-in: untrusted Referer, no cookie", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"a@example.com","password":"password1234"}`, http.Header{"Origin": nil, "Referer": {"https://evil.example/login"}}), tg.site)
	}},
	{"sign-in: no Origin, no cookie", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"a@example.com","password":"password1234"}`, http.Header{"Origin": nil}), tg.site)
	}},
	{"sign-in: fetch metadata, no Origin", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"a@example.com","password":"password1234"}`, http.Header{"Origin": nil, "Sec-Fetch-Site": {"same-origin"}, "Sec-Fetch-Mode": {"cors"}}), tg.site)
	}},
	{"sign-in: cross-site navigation", func(t *testing.T, tg target) string {
		signUp(t, tg, "a@example.com")
		return observation(tg.do(t, "POST", "/sign-in/email", `{"email":"a@example.com","password":"password1234"}`, http.Header{"Sec-Fetch-Site": {"cross-site"}, "Sec-Fetch-Mode": {"navigate"}}), tg.site)
	}},
	{"sign-out: untrusted Origin, with cookie", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "POST", "/sign-out", "{}", http.Header{"Cookie": cookiesOf(signUp(t, tg, "a@example.com").setCookies)["Cookie"], "Origin": {"https://evil.example"}}), tg.site)
	}},
	{"jwks", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/convex/jwks", "", nil), tg.site)
	}},
	{"openid-configuration", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/convex/.well-known/openid-configuration", "", nil), tg.site)
	}},
	{"jwt plugin's own /token and /jwks", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/token", "", nil), tg.site) + observation(tg.do(t, "GET", "/jwks", "", nil), tg.site)
	}},
	{"unknown endpoint", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/nope", "", nil), tg.site)
	}},
	{"wrong method", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/sign-in/email", "", nil), tg.site)
	}},
	{"x-forwarded-host of the app", func(t *testing.T, tg target) string {
		return observation(tg.do(t, "GET", "/convex/jwks", "", http.Header{"X-Forwarded-Host": {"app.example.com"}}), tg.site)
	}},
	// The scenarios below move the target's clock forward, so they come
	// last: the real harness is shared by every scenario of a configuration.
	{"token: within updateAge", func(t *testing.T, tg target) string {
		cookies := cookiesOf(signUp(t, tg, "a@example.com").setCookies)
		tg.advance(t, 23*time.Hour)
		return observation(tg.do(t, "GET", "/convex/token", "", cookies), tg.site)
	}},
	{"token: after updateAge", func(t *testing.T, tg target) string {
		cookies := cookiesOf(signUp(t, tg, "a@example.com").setCookies)
		tg.advance(t, 25*time.Hour)
		return observation(tg.do(t, "GET", "/convex/token", "", cookies), tg.site)
	}},
	{"get-session: after updateAge", func(t *testing.T, tg target) string {
		cookies := cookiesOf(signUp(t, tg, "a@example.com").setCookies)
		tg.advance(t, 25*time.Hour)
		return observation(tg.do(t, "GET", "/get-session", "", cookies), tg.site)
	}},
	{"token: expired session", func(t *testing.T, tg target) string {
		cookies := cookiesOf(signUp(t, tg, "a@example.com").setCookies)
		tg.advance(t, 7*24*time.Hour+time.Minute)
		return observation(tg.do(t, "GET", "/convex/token", "", cookies), tg.site)
	}},
}

// TestConformance runs every scenario against authtest and the real
// better-auth + convex() plugin, for each configuration, prints the
// scenario × {authtest, real} table and fails on any difference.
func TestConformance(t *testing.T) {
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "config\tscenario\tauthtest\treal\tsame")
	for _, cfg := range authConfigs {
		t.Run(cfg.name, func(t *testing.T) {
			real := startReal(t, cfg)
			for _, sc := range scenarios {
				// A fresh fake per scenario keeps users apart; the real
				// harness is shared, so each scenario's emails are made unique.
				fake := startAuthtest(t, cfg)
				tag := emailTag(sc.name)
				fakeObs := sc.run(t, fake)
				realObs := sc.run(t, withUniqueEmails(real, tag))
				same := fakeObs == realObs
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\n", cfg.name, sc.name, summary(fakeObs), summary(realObs), same)
				if !same {
					t.Errorf("%s: authtest and real Better Auth differ:\n--- authtest\n%s--- real\n%s", sc.name, fakeObs, realObs)
				}
			}
		})
	}
	tw.Flush()
	t.Log("\n" + table.String())
}

// emailTag turns a scenario name into something an email's local part can
// hold: lower-case letters (Better Auth lower-cases emails) and digits, the
// rest as "-".
func emailTag(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r - 'A' + 'a'
		}
		return '-'
	}, name)
}

// withUniqueEmails rewrites the scenario emails sent to a shared target so
// that scenarios do not see each other's users.
func withUniqueEmails(tg target, tag string) target {
	tg.client = &http.Client{
		Timeout:       tg.client.Timeout,
		CheckRedirect: tg.client.CheckRedirect,
		Transport:     emailRewriter{tag: tag},
	}
	return tg
}

// summary is the one-line form of an observation for the table: the
// status, the cookies set or cleared, and an error code if any.
func summary(obs string) string {
	var parts []string
	for line := range strings.Lines(obs) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "status "):
			parts = append(parts, strings.TrimPrefix(line, "status "))
		case strings.HasPrefix(line, "set-cookie "):
			name, value, _ := splitSetCookie(strings.TrimPrefix(line, "set-cookie "))
			name = name[strings.LastIndexByte(name, '.')+1:]
			if value == "" {
				name = "-" + name
			}
			parts = append(parts, name)
		case strings.HasPrefix(line, "body ") && strings.Contains(line, `"code":`):
			code := line[strings.Index(line, `"code":`)+7:]
			parts = append(parts, strings.Trim(strings.SplitN(code, ",", 2)[0], `"}`))
		case strings.HasPrefix(line, "jwt claims "):
			parts = append(parts, fmt.Sprintf("jwt(%d claims)", strings.Count(line, ":")))
		case strings.HasPrefix(line, "jwt verifies"):
			parts = append(parts, "verifies="+strings.TrimPrefix(line, "jwt verifies against JWKS: "))
		}
	}
	return strings.Join(parts, " ")
}
