//go:build js

package bridge

import (
	"errors"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/jsjson"
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

// ErrorValue turns a Go error into the JS value a promise rejects with:
//   - *xkit.ConnectError: a plain Error, as xkit.js's were (message, and
//     code: the platform's error_code, else undefined), plus ours: reason
//     (popup_blocked, unauthorized, cancelled, denied, provider_error,
//     network, timeout, aborted), errorCode and errorMessage when the
//     platform gave them, and cause (an AbortSignal's reason, a token
//     callback's error);
//   - *NetworkError: an Error naming the request, the fetch failure as
//     cause; a TypeError (as fetch's) naming the likely cause, a platform
//     that does not allow the page's origin, when fetch gave no reason;
//   - *jsinterop.Error: its original JS value;
//   - *xkit.APIError: an IKitAPIError (see apiError);
//   - *xkit.ArgError: a TypeError;
//   - anything else: an Error with err.Error() as its message.
func ErrorValue(err error) js.Value {
	if ce, ok := errors.AsType[*xkit.ConnectError](err); ok { // before the rest: it wraps its cause
		e := jsError.New(ce.Error())
		e.Set("code", optional(ce.ErrorCode)) // an own property, undefined or not, as xkit.js's
		e.Set("reason", ce.Code)
		if ce.ErrorCode != "" {
			e.Set("errorCode", ce.ErrorCode)
		}
		if ce.ErrorMessage != "" {
			e.Set("errorMessage", ce.ErrorMessage)
		}
		if cause, ok := errors.AsType[*jsinterop.Error](ce.Cause); ok {
			e.Set("cause", cause.Value)
		}
		return e
	}
	if ne, ok := errors.AsType[*NetworkError](err); ok {
		// A TypeError, as fetch's own rejection was (xkit.js rejected
		// with that); ours says what to check.
		e := jsError.New(ne.Error())
		if ne.Unreachable {
			e = jsTypeError.New(ne.Error())
		}
		if cause, ok := errors.AsType[*jsinterop.Error](ne.Err); ok {
			e.Set("cause", cause.Value)
		}
		return e
	}
	if je, ok := errors.AsType[*jsinterop.Error](err); ok {
		return je.Value
	}
	if ae, ok := errors.AsType[*xkit.ArgError](err); ok {
		return jsTypeError.New(ae.Error())
	}
	if api, ok := errors.AsType[*xkit.APIError](err); ok {
		body := js.Undefined()
		if api.Body.Exists() {
			if v, perr := jsjson.Parse(api.Body.Raw()); perr == nil {
				body = v
			}
		}
		return apiError(api.Message, api.StatusCode, api.StatusText, optional(api.DebugMessage), body)
	}
	return jsError.New(err.Error())
}

// optional is s, or undefined when it is empty.
func optional(s string) js.Value {
	if s == "" {
		return js.Undefined()
	}
	return js.ValueOf(s)
}

// apiErrorClass is IKitAPIError as xkit.js had it: a class of its own over
// Error (err.constructor.name is "IKitAPIError", err instanceof Error), and
// instances whose name, message, statusCode, statusText and debugMessage
// are own enumerable properties, so JSON.stringify(err) shows them (ours
// add body). Go cannot declare a JS class; Error bound to nothing is a
// constructor with no code of ours (instanceof reads through it to Error),
// renamed, and instances are real Errors whose prototype is switched, as
// xkit.js's compiled class did.
var apiErrorClass js.Value

func init() {
	object := js.Global().Get("Object")
	apiErrorClass = jsError.Call("bind", nil)
	proto := object.Call("create", jsError.Get("prototype"))
	// Not enumerable, as a class's: a descriptor {value}.
	for _, p := range []struct {
		on   js.Value
		name string
		v    any
	}{{apiErrorClass, "name", "IKitAPIError"}, {proto, "constructor", apiErrorClass}} {
		desc := object.New()
		desc.Set("value", p.v)
		object.Call("defineProperty", p.on, p.name, desc)
	}
	apiErrorClass.Set("prototype", proto)
}

// apiError is an IKitAPIError instance.
func apiError(message string, status int, statusText string, debugMessage, body js.Value) js.Value {
	e := jsError.New()
	js.Global().Get("Object").Call("setPrototypeOf", e, apiErrorClass.Get("prototype"))
	e.Set("name", "IKitAPIError")
	e.Set("message", message)
	e.Set("statusCode", status)
	e.Set("statusText", statusText)
	e.Set("debugMessage", debugMessage)
	if !body.IsUndefined() {
		e.Set("body", body)
	}
	return e
}
