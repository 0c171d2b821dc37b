//go:build js

package bridge

import (
	"errors"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// Fetch is the core's Transport over the page's fetch(). Requests carry the
// platform's cookies (credentials: "include"), which is what keeps the user's
// session across access-token expiry. A context that ends aborts the request.
type Fetch struct{}

var _ xkit.Transport = Fetch{}

// NetworkError is a request that got no HTTP answer at all (offline, refused,
// CORS, aborted): fetch itself rejected.
type NetworkError struct {
	Method, URL string
	Err         error // the fetch rejection, a *jsinterop.Error, or the context's error
	// Unreachable: fetch rejected with a TypeError, which is all a page
	// learns of a CORS refusal, a refused connection or a failed DNS
	// look-up (the console alone says which). From is the page's origin.
	Unreachable bool
	From        string
}

func (e *NetworkError) Error() string {
	if !e.Unreachable {
		return "Network error on " + e.Method + " " + e.URL + ": " + e.Err.Error()
	}
	// Most often the platform does not list the page's origin: say so, and
	// where (xkitd's and the Worker's setting).
	from := ""
	if e.From != "" {
		from = " from " + e.From
	}
	return "Xkit: could not reach " + e.URL + from + ": the platform may not allow this page's origin " +
		"(add it to XKIT_WEB_ORIGINS) or it is unreachable (" + e.Err.Error() + ")."
}

func (e *NetworkError) Unwrap() error { return e.Err }

// Do sends r with fetch and reads the whole body as text.
func (Fetch) Do(ctx cancel.Context, r xkit.Request) (xkit.Response, error) {
	fetch := js.Global().Get("fetch")
	if fetch.Type() != js.TypeFunction {
		return xkit.Response{}, &NetworkError{Method: r.Method, URL: r.URL, Err: errNoFetch}
	}

	headers := js.Global().Get("Object").New()
	for k, v := range r.Header {
		headers.Set(k, v)
	}
	init := js.Global().Get("Object").New()
	init.Set("method", r.Method)
	init.Set("headers", headers)
	init.Set("credentials", "include")
	if r.Body != "" {
		init.Set("body", r.Body)
	}
	if ac := js.Global().Get("AbortController"); ac.Type() == js.TypeFunction {
		controller := ac.New()
		init.Set("signal", controller.Get("signal"))
		stop := cancel.AfterFunc(ctx, func() { controller.Call("abort") })
		defer stop()
	}

	var pending js.Value
	if err := jsinterop.Catch(func() { pending = fetch.Invoke(r.URL, init) }); err != nil {
		return xkit.Response{}, &NetworkError{Method: r.Method, URL: r.URL, Err: err}
	}
	res, err := jsinterop.Await(ctx, pending)
	if err != nil {
		ne := &NetworkError{Method: r.Method, URL: r.URL, Err: err}
		if je, ok := err.(*jsinterop.Error); ok && je.Value.InstanceOf(jsTypeError) {
			ne.Unreachable = true
			if o := js.Global().Get("location"); o.Type() == js.TypeObject {
				ne.From = o.Get("origin").String()
			}
		}
		return xkit.Response{}, ne
	}
	body, err := jsinterop.Await(ctx, res.Call("text"))
	if err != nil {
		return xkit.Response{}, &NetworkError{Method: r.Method, URL: r.URL, Err: err}
	}
	return xkit.Response{
		Status:     res.Get("status").Int(),
		StatusText: res.Get("statusText").String(),
		Body:       body.String(),
	}, nil
}

var errNoFetch = errors.New("fetch is not available in this JavaScript environment")
