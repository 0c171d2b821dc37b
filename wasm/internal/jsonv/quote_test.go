package jsonv_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// The error messages quote the offending byte exactly as strconv.QuoteRune
// would; jsonv does it without strconv's Unicode tables.
func TestErrorQuotesByteLikeStrconv(t *testing.T) {
	for c := 0; c < 256; c++ {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		_, err := jsonv.Parse("[]" + string([]byte{byte(c)}))
		require.Error(t, err, "byte %#x", c)
		assert.Equal(t, "jsonv: data after the value: "+strconv.QuoteRune(rune(c))+" at offset 2", err.Error(), "byte %#x", c)
	}
}
