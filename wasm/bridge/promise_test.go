//go:build js

package bridge

import (
	"errors"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

func TestGoResolvesWithTheCoreJSONUnchanged(t *testing.T) {
	cases := []string{
		`{"connector":{"name":"Slack","slug":"slack","tags":["a","b"],"nested":{"deep":{"x":null}}}}`,
		`{"text":"héllo wörld ✓ 日本語 \ud83d\ude80","escaped":"line\nbreak \"quoted\" \\ back"}`,
		`{"int":42,"neg":-7,"float":3.25,"big":9007199254740991,"exp":1e-7,"zero":0}`,
		`[1,"two",true,false,null,{"k":[]}]`,
		`"just a string"`,
		`12.5`,
		`null`,
	}
	for _, raw := range cases {
		p := Go(func(cancel.Context) (js.Value, error) { return jsonResult(jsonv.Raw(raw), nil) })
		v, err := await(t, p)
		require.NoError(t, err)
		assert.Equal(t, jsJSON.Call("stringify", jsJSON.Call("parse", raw)).String(), stringifyJS(v), raw)
	}
}

func TestGoResolvesWithoutAValue(t *testing.T) {
	v, err := await(t, Go(func(cancel.Context) (js.Value, error) { return none(nil) }))
	require.NoError(t, err)
	assert.True(t, v.IsUndefined())
}

func TestGoRejectsWithRealErrors(t *testing.T) {
	t.Run("APIError is an IKitAPIError", func(t *testing.T) {
		apiErr := &xkit.APIError{Message: "Bad Request", StatusText: "Bad Request", StatusCode: 400,
			DebugMessage: "mapping is invalid", Body: jsonv.Raw(`{"error":"mapping is invalid","fields":["a"]}`)}
		e := rejection(t, Go(func(cancel.Context) (js.Value, error) { return none(apiErr) }))
		assert.True(t, e.InstanceOf(jsError), "instanceof Error")
		assert.Equal(t, "IKitAPIError", e.Get("name").String())
		assert.Equal(t, "Bad Request", e.Get("message").String())
		assert.Equal(t, 400, e.Get("statusCode").Int())
		assert.Equal(t, "Bad Request", e.Get("statusText").String())
		assert.Equal(t, "mapping is invalid", e.Get("debugMessage").String())
		assert.Equal(t, `{"error":"mapping is invalid","fields":["a"]}`, stringifyJS(e.Get("body")))
		assert.Contains(t, e.Get("stack").String(), "IKitAPIError")
	})
	t.Run("APIError without debug message or body", func(t *testing.T) {
		e := rejection(t, Go(func(cancel.Context) (js.Value, error) {
			return none(&xkit.APIError{Message: "Not Found", StatusText: "Not Found", StatusCode: 404})
		}))
		assert.Equal(t, 404, e.Get("statusCode").Int())
		assert.True(t, e.Get("debugMessage").IsUndefined())
		assert.True(t, e.Get("body").IsUndefined())
	})
	t.Run("wrapped APIError keeps its fields", func(t *testing.T) {
		wrapped := errors.Join(&xkit.APIError{Message: "Unauthorized", StatusCode: 401})
		e := rejection(t, Go(func(cancel.Context) (js.Value, error) { return none(wrapped) }))
		assert.Equal(t, "IKitAPIError", e.Get("name").String())
		assert.Equal(t, 401, e.Get("statusCode").Int())
	})
	t.Run("ArgError is a TypeError", func(t *testing.T) {
		e := rejection(t, Go(func(cancel.Context) (js.Value, error) {
			return none(&xkit.ArgError{Arg: "slug", Message: "slug is required"})
		}))
		assert.True(t, e.InstanceOf(jsTypeError))
		assert.Equal(t, "slug is required", e.Get("message").String())
	})
	t.Run("other errors are Errors", func(t *testing.T) {
		e := rejection(t, Go(func(cancel.Context) (js.Value, error) { return none(errors.New("Connection failed.")) }))
		assert.True(t, e.InstanceOf(jsError))
		assert.Equal(t, "Error", e.Get("name").String())
		assert.Equal(t, "Connection failed.", e.Get("message").String())
	})
	t.Run("JS rejections pass through as the same value", func(t *testing.T) {
		original := jsEval(`Object.assign(new RangeError("from the page"), {code: 7})`)
		e := rejection(t, Go(func(cancel.Context) (js.Value, error) { return none(&jsinterop.Error{Value: original}) }))
		assert.True(t, e.Equal(original))
	})
	t.Run("a panic rejects instead of stopping the program", func(t *testing.T) {
		e := rejection(t, Go(func(cancel.Context) (js.Value, error) { panic("boom") }))
		assert.Equal(t, "Xkit internal error: boom", e.Get("message").String())
	})
}

func TestRejectedIsAlreadyRejected(t *testing.T) {
	p := Rejected(&xkit.ArgError{Arg: "slug", Message: "getConnector: slug must be a string"})
	// A promise that is already rejected settles before one made after it.
	race := js.Global().Get("Promise").Call("race", []any{p, js.Global().Get("Promise").Call("resolve", "later")})
	e := rejection(t, race)
	assert.True(t, e.InstanceOf(jsTypeError))
}

func TestFuncsAreReleased(t *testing.T) {
	before := jsinterop.Live()
	for i := 0; i < 50; i++ {
		_, _ = await(t, Go(func(cancel.Context) (js.Value, error) { return js.ValueOf(i), nil }))
		_, _ = await(t, Go(func(cancel.Context) (js.Value, error) { return none(errors.New("x")) }))
		_, _ = await(t, Rejected(errors.New("y")))
	}
	assert.Equal(t, before, jsinterop.Live())

	s := newTestSDK(t, newPlatformStub(false))
	assert.Greater(t, jsinterop.Live(), before, "the SDK's methods are live")
	s.Release()
	assert.Equal(t, before, jsinterop.Live(), "Release frees every method")
}

func TestAwaitFromTheGoroutineOfGo(t *testing.T) {
	// The usual shape: a method's goroutine awaits a page promise.
	p := Go(func(ctx cancel.Context) (js.Value, error) {
		v, err := jsinterop.Await(ctx, jsEval(`new Promise(r => setTimeout(() => r(20), 1))`))
		if err != nil {
			return js.Undefined(), err
		}
		return js.ValueOf(v.Int() + 1), nil
	})
	v, err := await(t, p)
	require.NoError(t, err)
	assert.Equal(t, 21, v.Int())
}
