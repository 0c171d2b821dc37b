//go:build js

package jsinterop

import (
	"context"
	"errors"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsEval evaluates a JS expression, e.g. jsEval(`x => x + 1`).
func jsEval(src string) js.Value {
	return js.Global().Get("Function").New("return (" + src + ");").Invoke()
}

// await waits (with a deadline, so a bug fails instead of hanging) for a JS
// promise.
func await(t *testing.T, p js.Value) (js.Value, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	v, err := Await(ctx, p)
	require.NotErrorIs(t, err, context.DeadlineExceeded, "promise did not settle")
	return v, err
}

func stringifyJS(v js.Value) string {
	return js.Global().Get("JSON").Call("stringify", v).String()
}

// tick lets JS run the callbacks already queued (a macrotask later).
func tick(t *testing.T) {
	_, err := await(t, jsEval(`new Promise(r => setTimeout(r, 0))`))
	require.NoError(t, err)
}

func TestAwait(t *testing.T) {
	t.Run("resolved promise", func(t *testing.T) {
		v, err := await(t, jsEval(`Promise.resolve({a: [1, "ü"]})`))
		require.NoError(t, err)
		assert.Equal(t, `{"a":[1,"ü"]}`, stringifyJS(v))
	})
	t.Run("later resolution", func(t *testing.T) {
		v, err := await(t, jsEval(`new Promise(r => setTimeout(() => r("late"), 5))`))
		require.NoError(t, err)
		assert.Equal(t, "late", v.String())
	})
	t.Run("plain value", func(t *testing.T) {
		v, err := await(t, js.ValueOf(5))
		require.NoError(t, err)
		assert.Equal(t, 5, v.Int())
	})
	t.Run("rejection keeps the JS value", func(t *testing.T) {
		original := jsEval(`new Error("nope")`)
		_, err := await(t, js.Global().Get("Promise").Call("reject", original))
		je, ok := errors.AsType[*Error](err)
		require.True(t, ok, "a *Error, got %T", err)
		assert.True(t, je.Value.Equal(original))
		assert.Equal(t, "nope", err.Error())
	})
	t.Run("rejection with a non-Error", func(t *testing.T) {
		_, err := await(t, jsEval(`Promise.reject("plain text")`))
		assert.EqualError(t, err, "plain text")
	})
	t.Run("context ends first", func(t *testing.T) {
		before := Live()
		settle := jsEval(`(() => { let r; const p = new Promise(res => r = res); return {p, r}; })()`)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Await(ctx, settle.Get("p"))
		assert.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, before+2, Live(), "callbacks stay until JS is done with them")
		settle.Get("r").Invoke("done")
		tick(t)
		assert.Equal(t, before, Live(), "released once the promise settled")
	})
}

func TestCatch(t *testing.T) {
	thrown := jsEval(`new TypeError("bad")`)
	thrower := jsEval(`e => { throw e; }`)
	err := Catch(func() { thrower.Invoke(thrown) })
	je, ok := errors.AsType[*Error](err)
	require.True(t, ok, "a *Error, got %T", err)
	assert.True(t, je.Value.Equal(thrown), "the thrown value itself")
	assert.Equal(t, "bad", err.Error())

	assert.NoError(t, Catch(func() {}))
	assert.PanicsWithValue(t, "a Go bug", func() { _ = Catch(func() { panic("a Go bug") }) },
		"only JS exceptions are caught")
}

func TestErrorText(t *testing.T) {
	for src, want := range map[string]string{
		`new Error("with a message")`:     "with a message",
		`"a string"`:                      "a string",
		`42`:                              "42",
		`undefined`:                       "undefined",
		`({toString: () => "an object"})`: "an object",
	} {
		assert.Equal(t, want, (&Error{Value: jsEval(src)}).Error(), src)
	}
}

func TestNewPromise(t *testing.T) {
	before := Live()
	p, resolve, _ := NewPromise()
	resolve.Invoke("yes")
	v, err := await(t, p)
	require.NoError(t, err)
	assert.Equal(t, "yes", v.String())

	p, _, reject := NewPromise()
	reject.Invoke(jsEval(`new Error("no")`))
	_, err = await(t, p)
	assert.EqualError(t, err, "no")

	_, err = await(t, Rejected(js.ValueOf("at once")))
	assert.EqualError(t, err, "at once")
	v, err = await(t, Resolved(js.ValueOf("now")))
	require.NoError(t, err)
	assert.Equal(t, "now", v.String())
	assert.Equal(t, before, Live(), "no callback outlives its promise")
}

func TestFuncsAreCounted(t *testing.T) {
	before := Live()
	f := FuncOf(func(js.Value, []js.Value) any { return 7 })
	assert.Equal(t, before+1, Live())
	assert.Equal(t, 7, f.Invoke().Int())
	Release(f)
	assert.Equal(t, before, Live())
}

func TestArg(t *testing.T) {
	args := []js.Value{js.ValueOf(1)}
	assert.Equal(t, 1, Arg(args, 0).Int())
	assert.True(t, Arg(args, 1).IsUndefined())
}
