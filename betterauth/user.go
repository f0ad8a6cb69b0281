package betterauth

import (
	"github.com/authgen/authgen/convex"
)

// UserDocument is a Better Auth user document as the @convex-dev/better-auth
// component stores it (its "user" table). The generated CurrentUser returns
// it when the current_user query has no returns validator or returns
// v.any(); fields the component or its plugins add beyond these are kept in
// Extra, so nothing the query returns is lost.
type UserDocument struct {
	ID            string  `json:"_id"`
	CreationTime  float64 `json:"_creationTime"`
	Name          string  `json:"name"`
	Email         string  `json:"email"`
	EmailVerified bool    `json:"emailVerified"`
	Image         *string `json:"image,omitzero"`
	// CreatedAt and UpdatedAt are milliseconds since the Unix epoch.
	CreatedAt float64 `json:"createdAt"`
	UpdatedAt float64 `json:"updatedAt"`
	// UserID is the app's own user ID, when the app links one.
	UserID *string `json:"userId,omitzero"`
	// Extra holds every other field (username, phoneNumber, twoFactorEnabled,
	// fields the app's query adds, ...) by its Convex name.
	Extra map[string]convex.Value `json:"-"`
}

// userFields is UserDocument without its methods, for decoding the known fields.
type userFields UserDocument

var knownUserFields = map[string]bool{
	"_id": true, "_creationTime": true, "name": true, "email": true, "emailVerified": true,
	"image": true, "createdAt": true, "updatedAt": true, "userId": true,
}

// UnmarshalConvex decodes the known fields and keeps the rest in Extra.
func (u *UserDocument) UnmarshalConvex(data []byte) error {
	var known userFields
	if err := convex.Unmarshal(data, &known); err != nil {
		return err
	}
	var all map[string]convex.Value
	if err := convex.Unmarshal(data, &all); err != nil {
		return err
	}
	*u = UserDocument(known)
	for name, v := range all {
		if !knownUserFields[name] {
			if u.Extra == nil {
				u.Extra = map[string]convex.Value{}
			}
			u.Extra[name] = v
		}
	}
	return nil
}

// MarshalConvex writes the known fields and Extra, so a UserDocument round-trips.
func (u UserDocument) MarshalConvex() ([]byte, error) {
	fields := map[string]any{}
	for name, v := range u.Extra {
		fields[name] = v
	}
	known, err := convex.Marshal(userFields(u))
	if err != nil {
		return nil, err
	}
	var decoded map[string]convex.Value
	if err := convex.Unmarshal(known, &decoded); err != nil {
		return nil, err
	}
	for name, v := range decoded {
		fields[name] = v
	}
	return convex.Marshal(fields)
}
