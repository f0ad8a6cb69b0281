package behaviour_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/authgen/authgen/authtest"

	unions "example.com/golden/unions/out"
)

// A sealed-interface argument reaches the deployment with its discriminant
// written, and a result comes back as the variant struct its discriminant
// names, for string and boolean discriminants alike.
func TestDiscriminatedUnionRoundTrip(t *testing.T) {
	d := authtest.New(t)
	var sent map[string]any
	authtest.Mutation(d, "shapes:save", func(ctx context.Context, id *authtest.Identity, args map[string]any) (map[string]any, error) {
		sent = args["shape"].(map[string]any)
		if sent["kind"] == "circle" {
			return map[string]any{"ok": true, "data": map[string]any{"id": "s1", "area": 3.0}}, nil
		}
		return map[string]any{"ok": false, "error": "squares are out"}, nil
	})
	client, err := unions.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := client.ShapesSave(ctx, unions.ShapesSaveArgs{Shape: unions.ShapesGetResultCircle{R: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sent, map[string]any{"kind": "circle", "r": 1.0}) {
		t.Errorf("sent %#v", sent)
	}
	want := unions.ShapesSaveResultTrue{Data: unions.ShapesSaveResultTrueData{ID: "s1", Area: 3}}
	if got != want {
		t.Errorf("ok result = %#v, want %#v", got, want)
	}
	label := "big"
	got, err = client.ShapesSave(ctx, unions.ShapesSaveArgs{Shape: unions.ShapesGetResultSquare{Side: 2, Label: &label}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sent, map[string]any{"kind": "square", "side": 2.0, "label": "big"}) {
		t.Errorf("sent %#v", sent)
	}
	if got != (unions.ShapesSaveResultFalse{Error: "squares are out"}) {
		t.Errorf("error result = %#v", got)
	}
}

// An unknown discriminant, null for a nillable union and a list of
// variants: the error names the value; null is nil.
func TestDiscriminatedUnionDecoding(t *testing.T) {
	d := authtest.New(t)
	authtest.Query(d, "shapes:get", func(ctx context.Context, id *authtest.Identity, args map[string]any) (any, error) {
		switch args["id"] {
		case "none":
			return nil, nil
		case "hexagon":
			return map[string]any{"kind": "hexagon", "sides": 6.0}, nil
		}
		return map[string]any{"kind": "square", "side": 4.0}, nil
	})
	authtest.Query(d, "shapes:list", func(ctx context.Context, id *authtest.Identity, _ struct{}) ([]map[string]any, error) {
		return []map[string]any{{"kind": "circle", "r": 1.5}, {"kind": "square", "side": 2.0}}, nil
	})
	client, err := unions.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if got, err := client.ShapesGet(ctx, unions.ShapesGetArgs{ID: "none"}); err != nil || got != nil {
		t.Errorf("null: %#v, %v; want nil, nil", got, err)
	}
	if got, err := client.ShapesGet(ctx, unions.ShapesGetArgs{ID: "s"}); err != nil || got != (unions.ShapesGetResultSquare{Side: 4}) {
		t.Errorf("square: %#v, %v", got, err)
	}
	_, err = client.ShapesGet(ctx, unions.ShapesGetArgs{ID: "hexagon"})
	if err == nil || !strings.Contains(err.Error(), `unknown "kind" "hexagon"`) {
		t.Errorf("unknown discriminant: error %v, want one naming \"hexagon\"", err)
	}
	list, err := client.ShapesList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0] != (unions.ShapesGetResultCircle{R: 1.5}) || list[1] != (unions.ShapesGetResultSquare{Side: 2}) {
		t.Errorf("list = %#v", list)
	}
}

// A union with no discriminant is a holder: each member decodes into its
// own field; number and nested-union literals are named types.
func TestHolderAndLiteralUnions(t *testing.T) {
	d := authtest.New(t)
	authtest.Query(d, "search:hit", func(ctx context.Context, id *authtest.Identity, args unions.SearchHitArgs) (any, error) {
		switch args.Q {
		case "s":
			return "plain", nil
		case "n":
			return 7.0, nil
		case "title":
			return map[string]any{"title": "T"}, nil
		case "url":
			return map[string]any{"url": "https://x", "rank": 1.0}, nil
		case "bad":
			return true, nil
		}
		return nil, nil
	})
	var every any
	authtest.Mutation(d, "shapes:setInterval", func(ctx context.Context, id *authtest.Identity, args map[string]any) (any, error) {
		every = args["every"]
		return true, nil
	})
	authtest.Query(d, "search:mode", func(ctx context.Context, id *authtest.Identity, _ struct{}) (string, error) {
		return "off", nil
	})
	authtest.Query(d, "members:role", func(ctx context.Context, id *authtest.Identity, _ struct{}) (string, error) {
		return "site-admin", nil
	})
	client, err := unions.New(d.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for q, check := range map[string]func(*unions.SearchHitResult) bool{
		"s": func(h *unions.SearchHitResult) bool {
			return h.String != nil && *h.String == "plain" && h.Number == nil
		},
		"n": func(h *unions.SearchHitResult) bool { return h.Number != nil && *h.Number == 7 },
		"title": func(h *unions.SearchHitResult) bool {
			return h.Object != nil && h.Object.Title == "T" && h.Object2 == nil
		},
		"url":  func(h *unions.SearchHitResult) bool { return h.Object2 != nil && h.Object2.URL == "https://x" },
		"null": func(h *unions.SearchHitResult) bool { return h == nil },
	} {
		got, err := client.SearchHit(ctx, unions.SearchHitArgs{Q: q})
		if err != nil || !check(got) {
			t.Errorf("search %q: %+v, %v", q, got, err)
		}
	}
	if _, err := client.SearchHit(ctx, unions.SearchHitArgs{Q: "bad"}); err == nil || !strings.Contains(err.Error(), "matches none of the variants") {
		t.Errorf("boolean hit: error %v", err)
	}
	ok, err := client.ShapesSetInterval(ctx, unions.ShapesSetIntervalArgs{Every: unions.ShapesSetIntervalArgsEvery12})
	if err != nil || ok == nil || !*ok || every != 12.0 {
		t.Errorf("setInterval: %v, %v; sent every=%v", ok, err, every)
	}
	mode, err := client.SearchMode(ctx)
	if err != nil || mode.Literal == nil || *mode.Literal != unions.SearchModeResultLiteralOff || mode.Number != nil {
		t.Errorf("mode = %+v, %v; want the literal off", mode, err)
	}
	role, err := client.MembersRole(ctx)
	if err != nil || role == nil || *role != unions.MembersRoleResultSiteAdmin {
		t.Errorf("role = %v, %v", role, err)
	}
}
