package xkit

import (
	"strconv"
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Request is one HTTP request for a Transport. Body is JSON text or "".
type Request struct {
	Method, URL string
	Header      map[string]string
	Body        string
}

// Response is what a Transport got back: the status and the body's text.
type Response struct {
	Status     int
	StatusText string
	Body       string
}

// Transport sends requests. In the browser it is fetch with credentials
// "include", so the platform's session cookie travels with every request.
// It returns an error only when no response arrived at all.
type Transport interface {
	Do(ctx cancel.Context, r Request) (Response, error)
}

// APIPath is where the platform user API lives under the domain.
const APIPath = "/api/platform_user"

// call is one request to the platform user API.
type call struct {
	method   string
	path     string      // under APIPath, user input already escaped
	body     jsonv.Value // missing: no body
	allow400 bool        // a 400 answer is a result (crm_setup); other errors keep their body
}

// send makes the request with token ("" for none) and returns the whole
// JSON body of a successful answer.
func (c *Client) send(ctx cancel.Context, token string, k call) (jsonv.Value, error) {
	if k.method == "" {
		k.method = "GET"
	}
	r := Request{Method: k.method, URL: c.base + APIPath + k.path, Header: map[string]string{
		"Accept":          "application/json",
		"Xkit-Js-Version": c.o.Version,
	}}
	if token != "" {
		r.Header["Authorization"] = "Bearer " + token
	}
	if k.body.Exists() {
		r.Body = k.body.Raw()
		r.Header["Content-Type"] = "application/json"
	}
	if c.o.Transport == nil {
		return jsonv.Value{}, message("xkit: Options.Transport is nil, so no request can be made")
	}
	res, err := c.o.Transport.Do(ctx, r)
	if err != nil {
		if strings.Contains(err.Error(), "Failed to fetch") {
			c.host.Warn("Request failed. If the browser reported a CORS error above, add this page's origin (" +
				"scheme://host[:port]) to the platform's allowed web origins.")
		}
		return jsonv.Value{}, err
	}
	return decode(res, k.allow400)
}

// decode turns an answer into a result the way xkit.js's request does:
// non-2xx is an *APIError (400 is a result when allow400), 204 is {}, and
// a body that is not JSON, is null or has an "error" member is an error.
func decode(res Response, allow400 bool) (jsonv.Value, error) {
	ok := res.Status >= 200 && res.Status < 300
	if !ok && !(res.Status == 400 && allow400) {
		return jsonv.Value{}, refused(res, allow400)
	}
	if res.Status == 204 {
		return jsonv.Raw("{}"), nil
	}
	v, err := jsonv.Parse(res.Body)
	switch {
	case err != nil && !ok:
		return jsonv.Value{}, &APIError{Message: statusMessage(res, ""), StatusText: res.StatusText,
			StatusCode: res.Status, DebugMessage: err.Error()}
	case err != nil:
		return jsonv.Value{}, &APIError{Message: "The platform sent a response that is not JSON (" + err.Error() + ")",
			StatusText: res.StatusText, StatusCode: res.Status}
	case v.IsNull():
		return jsonv.Value{}, &APIError{Message: "No data in response", StatusText: res.StatusText, StatusCode: res.Status}
	}
	if e := v.Get("error"); e.Exists() && !e.IsNull() {
		ae := &APIError{Message: text(e), StatusText: res.StatusText, StatusCode: res.Status}
		if allow400 {
			ae.Body = v
		}
		return jsonv.Value{}, ae
	}
	return v, nil
}

// refused is the error for a status the call does not accept.
func refused(res Response, keepBody bool) *APIError {
	e := &APIError{StatusText: res.StatusText, StatusCode: res.Status}
	if v, err := jsonv.Parse(res.Body); err == nil {
		if m := v.Get("error"); m.Exists() && !m.IsNull() {
			e.DebugMessage = text(m)
		}
		if keepBody {
			e.Body = v
		}
	}
	e.Message = statusMessage(res, e.DebugMessage)
	return e
}

// statusMessage is the statusText, as in xkit.js. HTTP/2 has no status
// text, so then the platform's own error text, then the bare code, stand in.
func statusMessage(res Response, debug string) string {
	switch {
	case res.StatusText != "":
		return res.StatusText
	case debug != "":
		return debug
	}
	return "Request failed with status " + strconv.Itoa(res.Status)
}

// text is a JSON value as a message: a string's text, else its JSON.
func text(v jsonv.Value) string {
	if s, ok := v.Str(); ok {
		return s
	}
	return v.Raw()
}

// field runs a call and keeps one member of its answer, as xkit.js's api
// functions do (a missing member is a missing result, JavaScript's undefined).
func (c *Client) field(ctx cancel.Context, token string, k call, name string) (jsonv.Value, error) {
	v, err := c.send(ctx, token, k)
	if err != nil {
		return jsonv.Value{}, err
	}
	return v.Get(name), nil
}

// escape percent-encodes s for a path segment or query value the way
// encodeURIComponent does.
func escape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
