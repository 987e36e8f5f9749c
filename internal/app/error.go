// Package app holds the vocabulary every other package shares: the application
// error type with a Chinese message, the calling Actor with its data scope, and
// the Clock. It imports nothing but the standard library.
package app

import (
	"errors"
	"fmt"
)

// Error codes. The web layer maps each to one HTTP status in one place.
const (
	EINVALID   = "invalid"   // bad input; Message says which field and why
	ENOTFOUND  = "not_found" // no such object, or not in the caller's scope
	EFORBIDDEN = "forbidden" // the caller's role does not allow the action
	ECONFLICT  = "conflict"  // a stale version or a duplicate natural key
	EUNAUTH    = "unauthenticated"
	ETOOLARGE  = "too_large" // an upload or input over a configured limit
	EINTERNAL  = "internal"
)

// Error is an application error. Message is Chinese and safe to show to the
// user; Field names the form field or column it concerns, if any; Row is the
// 1-based row of an imported file, if any.
type Error struct {
	Code    string
	Message string
	Field   string
	Row     int
	Err     error // the underlying cause, logged but never shown
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Row > 0 {
		msg = fmt.Sprintf("第%d行：%s", e.Row, msg)
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted Chinese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error about one field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected error; its message to the user is generic.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Message: "系统内部错误，请稍后重试或联系管理员", Err: err}
}

// ErrorCode returns the code of an *Error in err's chain, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the *Error's message, or a
// generic one for anything else.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Row > 0 {
			return fmt.Sprintf("第%d行：%s", e.Row, e.Message)
		}
		return e.Message
	}
	return "系统内部错误，请稍后重试或联系管理员"
}
