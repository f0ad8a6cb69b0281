// Package models holds types for the bad-binding case.
package models

// Account lacks the email field the spec requires.
type Account struct {
	ID string `json:"_id"`
}

type hidden struct{}

// Value is not a type.
var Value = hidden{}
