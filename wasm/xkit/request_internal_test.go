package xkit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecode pins how an answer becomes a result or an error, including
// answers xkitd never gives (HTTP/2's empty status text, HTML from a proxy).
func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name     string
		res      Response
		allow400 bool
		keepBody bool      // the error carries the body
		want     string    // raw result, when no error
		err      *APIError // expected error
	}{
		{name: "ok", res: Response{200, "OK", `{"connector":{"slug":"x"}}`}, want: `{"connector":{"slug":"x"}}`},
		{name: "no content", res: Response{204, "No Content", ""}, want: "{}"},
		{name: "not found", res: Response{404, "Not Found", `{"error":"No connector \"x\"."}`},
			err: &APIError{Message: "Not Found", StatusText: "Not Found", DebugMessage: `No connector "x".`, StatusCode: 404}},
		{name: "http2 has no status text", res: Response{401, "", `{"error":"Token expired."}`},
			err: &APIError{Message: "Token expired.", DebugMessage: "Token expired.", StatusCode: 401}},
		{name: "bare status", res: Response{502, "", "<html>bad gateway</html>"},
			err: &APIError{Message: "Request failed with status 502", StatusCode: 502}},
		{name: "error member on 2xx", res: Response{200, "OK", `{"error":"Nope."}`},
			err: &APIError{Message: "Nope.", StatusText: "OK", StatusCode: 200}},
		{name: "not JSON", res: Response{200, "OK", "<html>"},
			err: &APIError{Message: "The platform sent a response that is not JSON (jsonv: invalid character '<' at offset 0)", StatusText: "OK", StatusCode: 200}},
		{name: "null", res: Response{200, "OK", "null"},
			err: &APIError{Message: "No data in response", StatusText: "OK", StatusCode: 200}},
		{name: "400 is a result when allowed", res: Response{400, "Bad Request", `{"objects":[]}`}, allow400: true, want: `{"objects":[]}`},
		{name: "400 with error keeps body", res: Response{400, "Bad Request", `{"error":"Bad mapping.","fields":["a"]}`}, allow400: true, keepBody: true,
			err: &APIError{Message: "Bad mapping.", StatusText: "Bad Request", StatusCode: 400}},
		{name: "400 not allowed", res: Response{400, "Bad Request", `{"error":"Bad."}`},
			err: &APIError{Message: "Bad Request", StatusText: "Bad Request", DebugMessage: "Bad.", StatusCode: 400}},
		{name: "400 not JSON when allowed", res: Response{400, "Bad Request", "oops"}, allow400: true,
			err: &APIError{Message: "Bad Request", StatusText: "Bad Request", DebugMessage: "jsonv: invalid character 'o' at offset 0", StatusCode: 400}},
		{name: "other error keeps body when opted in", res: Response{422, "Unprocessable Entity", `{"error":"No.","x":1}`}, allow400: true, keepBody: true,
			err: &APIError{Message: "Unprocessable Entity", StatusText: "Unprocessable Entity", DebugMessage: "No.", StatusCode: 422}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := decode(tc.res, tc.allow400)
			if tc.err == nil {
				require.NoError(t, err)
				assert.Equal(t, tc.want, v.Raw())
				return
			}
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			if tc.keepBody {
				assert.Equal(t, tc.res.Body, ae.Body.Raw(), "opted-in calls keep the body")
			} else {
				assert.False(t, ae.Body.Exists())
			}
			ae.Body = tc.err.Body
			assert.Equal(t, tc.err, ae)
			assert.Equal(t, tc.err.Message, err.Error())
		})
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"slack":         "slack",
		"a b/c?d#e%f":   "a%20b%2Fc%3Fd%23e%25f",
		"-_.!~*'()":     "-_.!~*'()",
		"é":             "%C3%A9",
		"4b8f-1c2d_x.y": "4b8f-1c2d_x.y",
	} {
		assert.Equal(t, want, escape(in), in)
	}
}
