package platform

import (
	"errors"
	"fmt"
)

// Error codes. The HTTP layer maps each to one status code in one place;
// users only ever see Message.
const (
	ECONFLICT     = "conflict"
	EFORBIDDEN    = "forbidden"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ETOOLARGE     = "too_large"
	EUNAUTHORIZED = "unauthorized"
	// EUNAVAILABLE: the platform cannot serve this now (its storage is busy
	// or failing); the same request may work in a moment.
	EUNAVAILABLE = "unavailable"
)

// Error is the one error type of the platform: a machine code and a message
// a person can act on.
type Error struct {
	Code    string
	Message string
	// Err is the cause, for logs; users never see it.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("platform error: code=%s message=%s cause=%v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("platform error: code=%s message=%s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a platform error, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of a platform error; other errors are
// internal and their text is not shown to users.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
