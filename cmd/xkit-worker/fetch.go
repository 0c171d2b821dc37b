//go:build js && wasm

package main

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/internal/oauthclient"
)

// maxAnswer is the most of an answer fetchDo hands back: token answers are
// small (oauthclient reads at most 1 MiB of one), and the demo page is a
// few KB.
const maxAnswer = 4 << 20

// fetchDo sends requests with the fetch() of target: the global one for
// OAuth providers' token endpoints (server.Config.HTTPDo), or a binding's
// (ASSETS, for the demo page). It is written here, not with net/http's
// client or syumai's fetch package: an http.Client would link net/http's
// whole client stack into the Worker (0.9 MB gzip), and syumai's sends
// every body as a stream, which fetch sends chunked, without the
// Content-Length some token endpoints insist on. Redirects are not
// followed: a token endpoint that redirects is answered as the error it is.
func fetchDo(target js.Value) oauthclient.Doer {
	return func(r *http.Request) (*http.Response, error) {
		init := map[string]any{"method": r.Method, "redirect": "manual"}
		if r.Body != nil && r.Body != http.NoBody {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				return nil, err
			}
			arr := js.Global().Get("Uint8Array").New(len(b))
			js.CopyBytesToJS(arr, b)
			init["body"] = arr
		}
		var pending js.Value
		if err := jsinterop.Catch(func() {
			headers := js.Global().Get("Headers").New()
			for k, vs := range r.Header {
				for _, v := range vs {
					headers.Call("append", k, v)
				}
			}
			init["headers"] = headers
			if target.Equal(js.Global()) {
				// The global fetch refuses globalThis as its this
				// ("Illegal invocation"): call it as a plain function.
				pending = target.Get("fetch").Invoke(r.URL.String(), js.ValueOf(init))
			} else { // a binding's fetch is a method of the binding
				pending = target.Call("fetch", r.URL.String(), js.ValueOf(init))
			}
		}); err != nil {
			return nil, err
		}
		res, err := jsinterop.Await(r.Context(), pending)
		if err != nil {
			return nil, err
		}
		status := res.Get("status").Int()
		header := http.Header{}
		each := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any {
			header.Add(jsinterop.Arg(args, 1).String(), jsinterop.Arg(args, 0).String())
			return nil
		})
		res.Get("headers").Call("forEach", each)
		jsinterop.Release(each)
		if n, err := strconv.Atoi(header.Get("Content-Length")); err == nil && n > maxAnswer {
			return nil, errTooLarge
		}
		buf, err := jsinterop.Await(r.Context(), res.Call("arrayBuffer"))
		if err != nil {
			return nil, err
		}
		data := js.Global().Get("Uint8Array").New(buf)
		if data.Length() > maxAnswer {
			return nil, errTooLarge
		}
		body := make([]byte, data.Length())
		js.CopyBytesToGo(body, data)
		return &http.Response{
			Status: strconv.Itoa(status) + " " + res.Get("statusText").String(), StatusCode: status,
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: header,
			Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: r,
		}, nil
	}
}

var errTooLarge = errors.New("the answer is larger than 4 MiB")
