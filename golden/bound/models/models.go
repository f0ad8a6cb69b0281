// Package models holds the Go types the bound case binds to.
package models

// User is a hand-written user type.
type User struct {
	ID    string `json:"_id"`
	Email string `json:"email"`
	Name  string
}

// Tags is a named slice.
type Tags []string
