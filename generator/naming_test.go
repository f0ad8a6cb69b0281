package generator

import (
	"testing"

	"github.com/authgen/authgen/internal/manifest"
)

func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"ai":            "AI",
		"aiModel":       "AIModel",
		"openai_key":    "OpenaiKey", // an initialism is a whole word, not a suffix
		"id":            "ID",
		"_id":           "ID",
		"userId":        "UserID",
		"user_id":       "UserID",
		"idea":          "Idea",
		"url":           "URL",
		"avatarUrl":     "AvatarURL",
		"imageURL":      "ImageURL",
		"api":           "API",
		"http":          "HTTP",
		"jwt":           "JWT",
		"uuid":          "UUID",
		"_creationTime": "CreationTime",
		"admin-users":   "AdminUsers",
		"v2Beta":        "V2Beta",
		"2fa":           "2fa", // fieldGoNames puts an X in front
		"$$$":           "",
		"émile":         "Émile",
	} {
		if got := pascal(in); got != want {
			t.Errorf("pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFunctionGoName(t *testing.T) {
	for path, want := range map[string]string{
		"admin/users:get":    "AdminUsersGet",
		"messages:default":   "MessagesDefault",
		"ai/chat:send":       "AIChatSend",
		"users:getById":      "UsersGetByID",
		"links:resolveUrl":   "LinksResolveURL",
		"api/http_hooks:run": "APIHTTPHooksRun",
	} {
		if got := functionGoName(&manifest.Function{Path: path}); got != want {
			t.Errorf("functionGoName(%q) = %q, want %q", path, got, want)
		}
	}
	if got := functionGoName(&manifest.Function{Path: "a:b", GoName: "Custom"}); got != "Custom" {
		t.Errorf("name: override ignored: %q", got)
	}
}

func TestDocLines(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  one line  ", []string{"one line"}},
		{"a\nb", []string{"a", "b"}},
		{"closes */ and opens /*", []string{"closes */ and opens /*"}}, // harmless in // lines
		{"//go:generate rm -rf /", []string{" //go:generate rm -rf /"}},
		{"/* block", []string{" /* block"}},
		{"carriage\rreturn", []string{"carriagereturn"}},
		{"line\u2028separator\x00nul\x1b[31m", []string{"lineseparatornul[31m"}},
		{"tab\there", []string{"tab here"}},
	} {
		got := docLines(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("docLines(%q) = %q, want %q", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("docLines(%q) = %q, want %q", tc.in, got, tc.want)
			}
		}
	}
}
