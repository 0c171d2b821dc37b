package server_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/xkit-wasm/xkit/internal/server"
)

func TestParseOrigins(t *testing.T) {
	assert.Equal(t, []string{"http://a.test", "https://b.test:8443"}, server.ParseOrigins(" http://a.test/, ,https://b.test:8443"))
	assert.Nil(t, server.ParseOrigins(""))
}
