package doctor

import (
	"strings"
	"testing"
)

// The inputs doctor parses come from the user's clipboard and files: a
// pasted Cookie header, a pasted token, an .env file. None of them may crash
// doctor, and what it reports must come from the input.

func FuzzParseDotenv(f *testing.F) {
	for _, seed := range []string{
		"CONVEX_URL=https://x.convex.cloud\n",
		"export CONVEX_SITE_URL='https://x.convex.site'\n# comment\n\n",
		"A=\"line\\nbreak \\\"q\\\"\"\nB=bare # trailing comment\n",
		"A=\"unterminated\n",
		"=novalue\n",
		"JWKS={\"keys\":[]}\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		values, err := parseDotenv(strings.NewReader(input))
		if err != nil {
			return
		}
		for key := range values {
			if !validEnvName(key) {
				t.Fatalf("parsed invalid variable name %q", key)
			}
			if !strings.Contains(input, key) {
				t.Fatalf("variable %q does not appear in the input", key)
			}
		}
	})
}

func FuzzParseCookieHeader(f *testing.F) {
	for _, seed := range []string{
		"better-auth.session_token=abc.def; better-auth.convex_jwt=eyJ.x.y",
		"__Secure-myapp.session_token=a%2Bb; theme=dark",
		";;=;a=;=b; c",
		"better-auth-convex_jwt=legacy",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		for _, c := range parseCookieHeader(header) {
			if c.Name == "" {
				t.Fatal("cookie with an empty name")
			}
			if !strings.Contains(header, c.Name) || !strings.Contains(header, c.Value) {
				t.Fatalf("cookie %q=%q does not come from the header", c.Name, c.Value)
			}
			for _, suffix := range []string{"session_token", "convex_jwt"} {
				if n, ok := splitCookieName(c.Name, suffix); ok && n.String() != c.Name {
					t.Fatalf("splitCookieName(%q) = %q", c.Name, n.String())
				}
			}
		}
	})
}

func FuzzDecodeJWT(f *testing.F) {
	for _, seed := range []string{
		"eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL3guY29udmV4LnNpdGUiLCJhdWQiOiJjb252ZXgiLCJzdWIiOiJ1MSIsImV4cCI6MTc5NTg3ODQwNH0.c2ln",
		"eyJhbGciOiJub25lIn0.eyJhdWQiOlsiYSIsImNvbnZleCJdLCJleHAiOjFlMzAwfQ.",
		"a.b.c",
		"not a token",
		"..",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, err := decodeJWT(raw)
		if err != nil {
			if p != nil {
				t.Fatal("parts returned with an error")
			}
			return
		}
		if strings.Count(raw, ".") != 2 {
			t.Fatalf("accepted %q without three parts", raw)
		}
	})
}
