package betterauth

import (
	"testing"

	"github.com/authgen/authgen/convex"
)

// A user document decodes its known fields and keeps every other one, and
// writes back the same bytes.
func TestUserDocumentKeepsUnknownFields(t *testing.T) {
	doc := `{"_creationTime":1700000000000,"_id":"k17abc","createdAt":1700000000001,"email":"ada@example.com","emailVerified":true,` +
		`"image":null,"name":"Ada","phoneNumber":"+100","twoFactorEnabled":false,"updatedAt":1700000000002,"userId":"u1"}`
	var u UserDocument
	if err := convex.Unmarshal([]byte(doc), &u); err != nil {
		t.Fatal(err)
	}
	if u.ID != "k17abc" || u.Email != "ada@example.com" || !u.EmailVerified || u.Image != nil || u.UserID == nil || *u.UserID != "u1" || u.UpdatedAt != 1700000000002 {
		t.Errorf("decoded %+v", u)
	}
	if p, _ := u.Extra["phoneNumber"].AsString(); p != "+100" || len(u.Extra) != 2 {
		t.Errorf("extra = %v", u.Extra)
	}
	out, err := convex.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	// image: null decodes to nil and is then left out, the one difference.
	want := `{"_creationTime":1700000000000,"_id":"k17abc","createdAt":1700000000001,"email":"ada@example.com","emailVerified":true,` +
		`"name":"Ada","phoneNumber":"+100","twoFactorEnabled":false,"updatedAt":1700000000002,"userId":"u1"}`
	if string(out) != want {
		t.Errorf("re-encoded\n got %s\nwant %s", out, want)
	}
	if err := convex.Unmarshal([]byte(`{"_id": 3}`), &u); err == nil {
		t.Error("a wrongly typed known field decoded")
	}
}
