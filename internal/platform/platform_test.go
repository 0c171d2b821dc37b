package platform_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/xkit-wasm/xkit/internal/platform"
)

func TestErrors(t *testing.T) {
	tests := []struct {
		err           error
		code, message string
	}{
		{nil, "", ""},
		{platform.Errorf(platform.ENOTFOUND, "Connector %q not found.", "x"), platform.ENOTFOUND, `Connector "x" not found.`},
		{fmt.Errorf("wrapped: %w", platform.Errorf(platform.EINVALID, "Bad.")), platform.EINVALID, "Bad."},
		{errors.New("disk on fire"), platform.EINTERNAL, "Internal error."},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.code, platform.ErrorCode(tt.err))
		assert.Equal(t, tt.message, platform.ErrorMessage(tt.err))
	}
}

func TestValidSlug(t *testing.T) {
	for s, ok := range map[string]bool{
		"slack": true, "acme-api": true, "a1": true, "": false, "-x": false, "Slack": false,
		"a b": false, "a/b": false, "ü": false, "x.svg": false,
	} {
		assert.Equal(t, ok, platform.ValidSlug(s), s)
	}
}
