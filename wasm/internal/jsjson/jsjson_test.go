//go:build js

package jsjson

import (
	"errors"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
)

func TestParse(t *testing.T) {
	v, err := Parse(`{"a":[1,"ü",null]}`)
	require.NoError(t, err)
	assert.Equal(t, "ü", v.Get("a").Index(1).String())

	v, err = Parse("")
	require.NoError(t, err)
	assert.True(t, v.IsUndefined(), "a missing value is undefined")

	_, err = Parse(`{"a":`)
	_, ok := errors.AsType[*jsinterop.Error](err)
	assert.True(t, ok, "JSON.parse's SyntaxError, got %v", err)
}

func TestStringify(t *testing.T) {
	obj := js.Global().Get("Object").New()
	obj.Set("name", "Grüße")
	v, err := Stringify(obj)
	require.NoError(t, err)
	assert.Equal(t, `{"name":"Grüße"}`, v.Raw())

	v, err = Stringify(js.Undefined())
	require.NoError(t, err)
	assert.False(t, v.Exists(), "undefined has no JSON form")

	obj.Set("self", obj)
	_, err = Stringify(obj)
	_, ok := errors.AsType[*jsinterop.Error](err)
	assert.True(t, ok, "a cyclic object is JSON.stringify's TypeError, got %v", err)
}
