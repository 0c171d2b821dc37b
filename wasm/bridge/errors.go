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
//   - *xkit.ConnectError: an Error named "XkitAuthorizationError" with its
//     code, plus errorCode and errorMessage when the platform gave them and
//     the JS reason (an AbortSignal's) as cause;
//   - *NetworkError: an Error naming the request, the fetch failure as cause;
//   - *jsinterop.Error: its original JS value;
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
		if cause, ok := errors.AsType[*jsinterop.Error](ce.Cause); ok {
			e.Set("cause", cause.Value)
		}
		return e
	}
	if ne, ok := errors.AsType[*NetworkError](err); ok {
		e := jsError.New(ne.Error())
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
			if v, perr := jsjson.Parse(api.Body.Raw()); perr == nil {
				body = v
			}
		}
		e.Set("body", body)
		return e
	}
	return jsError.New(err.Error())
}
