//go:build js

package bridge

import (
	"errors"
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/xkit"
)

var (
	jsError     = js.Global().Get("Error")
	jsTypeError = js.Global().Get("TypeError")
)

// message is an error shown to people as is, in xkit.js's words (sentences,
// so not in Go's lower-case error style).
type message string

func (m message) Error() string { return string(m) }

// JSError is a value a JS promise rejected with, or a JS exception. Handing it
// back to JS (ErrorValue) gives the very same value, so an error thrown by the
// page's own token callback reaches the page unchanged.
type JSError struct{ Value js.Value }

func (e *JSError) Error() string {
	v := e.Value
	if v.Type() == js.TypeObject && !v.Get("message").IsUndefined() {
		return v.Get("message").String()
	}
	return jsString(v)
}

// ErrorValue turns a Go error into the JS value a promise rejects with:
//   - *xkit.ConnectError: an Error named "XkitAuthorizationError" with its
//     code, plus errorCode and errorMessage when the platform gave them and
//     the JS reason (an AbortSignal's) as cause;
//   - *NetworkError: an Error naming the request, the fetch failure as cause;
//   - *JSError: its original JS value;
//   - *xkit.APIError: an Error named "IKitAPIError" with statusCode,
//     statusText, debugMessage and body, like xkit.js's IKitAPIError;
//   - *xkit.ArgError: a TypeError;
//   - anything else: an Error with err.Error() as its message.
func ErrorValue(err error) js.Value {
	if ce, ok := errors.AsType[*xkit.ConnectError](err); ok { // before the rest: it wraps its cause
		e := jsError.New(ce.Error())
		e.Set("name", "XkitAuthorizationError")
		e.Set("code", ce.Code)
		if ce.ErrorCode != "" {
			e.Set("errorCode", ce.ErrorCode)
		}
		if ce.ErrorMessage != "" {
			e.Set("errorMessage", ce.ErrorMessage)
		}
		if cause, ok := errors.AsType[*JSError](ce.Cause); ok {
			e.Set("cause", cause.Value)
		}
		return e
	}
	if ne, ok := errors.AsType[*NetworkError](err); ok {
		e := jsError.New(ne.Error())
		if cause, ok := errors.AsType[*JSError](ne.Err); ok {
			e.Set("cause", cause.Value)
		}
		return e
	}
	if je, ok := errors.AsType[*JSError](err); ok {
		return je.Value
	}
	if ae, ok := errors.AsType[*xkit.ArgError](err); ok {
		return jsTypeError.New(ae.Error())
	}
	if api, ok := errors.AsType[*xkit.APIError](err); ok {
		e := jsError.New(api.Error())
		e.Set("name", "IKitAPIError")
		e.Set("statusCode", api.StatusCode)
		e.Set("statusText", api.StatusText)
		if api.DebugMessage != "" {
			e.Set("debugMessage", api.DebugMessage)
		} else {
			e.Set("debugMessage", js.Undefined())
		}
		body := js.Undefined()
		if api.Body.Exists() {
			if v, perr := parseJSON(api.Body.Raw()); perr == nil {
				body = v
			}
		}
		e.Set("body", body)
		return e
	}
	return jsError.New(err.Error())
}

// catch runs fn and turns a JS exception thrown inside it (syscall/js panics
// with js.Error) into a *JSError. Other panics go on.
func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			je, ok := r.(js.Error)
			if !ok {
				panic(r)
			}
			err = &JSError{Value: je.Value}
		}
	}()
	fn()
	return nil
}

// panicText describes a recovered panic value without fmt.
func panicText(r any) string {
	switch r := r.(type) {
	case error:
		return r.Error()
	case string:
		return r
	default:
		return "unexpected panic"
	}
}

// jsString is String(v) in JS: what a person would see for any value.
func jsString(v js.Value) string {
	return js.Global().Call("String", v).String()
}
