package authtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"time"
)

// user is a row of Better Auth's user table.
type user struct {
	id            string
	name          string
	email         string
	emailVerified bool
	createdAt     time.Time
	updatedAt     time.Time
	passwordHash  [32]byte
	role          string // the admin plugin's role field; "" without SetRole
}

// session is a row of Better Auth's session table; token is the opaque value
// the session cookie signs.
type session struct {
	id        string
	token     string
	userID    string
	createdAt time.Time
	updatedAt time.Time
	expiresAt time.Time
	ipAddress string
	userAgent string
}

func hashPassword(password string) [32]byte { return sha256.Sum256([]byte(password)) }

func (u *user) passwordMatches(password string) bool {
	h := hashPassword(password)
	return subtle.ConstantTimeCompare(h[:], u.passwordHash[:]) == 1
}

// userJSON is the user object Better Auth returns, in its key order, with
// dates as epoch milliseconds as the Convex adapter returns them.
type userJSON struct {
	Name          string `json:"name"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"emailVerified"`
	CreatedAt     int64  `json:"createdAt"`
	UpdatedAt     int64  `json:"updatedAt"`
	Role          string `json:"role,omitempty"`
	ID            string `json:"id"`
}

func (u *user) json() userJSON {
	return userJSON{
		Name:          u.name,
		Email:         u.email,
		EmailVerified: u.emailVerified,
		CreatedAt:     u.createdAt.UnixMilli(),
		UpdatedAt:     u.updatedAt.UnixMilli(),
		Role:          u.role,
		ID:            u.id,
	}
}

// sessionJSON is the session object of get-session, in Better Auth's key order.
type sessionJSON struct {
	ExpiresAt int64  `json:"expiresAt"`
	Token     string `json:"token"`
	CreatedAt int64  `json:"createdAt"`
	UpdatedAt int64  `json:"updatedAt"`
	IPAddress string `json:"ipAddress"`
	UserAgent string `json:"userAgent"`
	UserID    string `json:"userId"`
	ID        string `json:"id"`
}

func (s *session) json() sessionJSON {
	return sessionJSON{
		ExpiresAt: s.expiresAt.UnixMilli(),
		Token:     s.token,
		CreatedAt: s.createdAt.UnixMilli(),
		UpdatedAt: s.updatedAt.UnixMilli(),
		IPAddress: s.ipAddress,
		UserAgent: s.userAgent,
		UserID:    s.userID,
		ID:        s.id,
	}
}

// store holds users and sessions; the Deployment's mutex guards it.
type store struct {
	usersByEmail map[string]*user
	usersByID    map[string]*user
	sessions     map[string]*session // by token
}

func newStore() store {
	return store{
		usersByEmail: map[string]*user{},
		usersByID:    map[string]*user{},
		sessions:     map[string]*session{},
	}
}
