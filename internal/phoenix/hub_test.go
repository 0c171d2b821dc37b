package phoenix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHub(t *testing.T) {
	h := NewHub()
	a, stopA := h.Subscribe("auth-1")
	b, stopB := h.Subscribe("auth-1")
	other, stopOther := h.Subscribe("auth-2")
	defer stopOther()
	assert.Equal(t, 2, h.Subscribers("auth-1"))

	h.Publish("auth-1", "active")
	assert.Equal(t, "active", <-a)
	assert.Equal(t, "active", <-b)
	assert.Empty(t, other)

	stopA()
	stopA() // twice is fine
	h.Publish("auth-1", "error")
	assert.Equal(t, "error", <-b)
	assert.Empty(t, a)
	stopB()
	assert.Equal(t, 0, h.Subscribers("auth-1"))

	// A slow subscriber never blocks Publish.
	slow, stop := h.Subscribe("auth-3")
	defer stop()
	for range 100 {
		h.Publish("auth-3", "active")
	}
	assert.Len(t, slow, cap(slow))
}

func TestParse(t *testing.T) {
	m, err := parse([]byte(`["1","2","authorization_status:x","phx_join",{}]`))
	require.NoError(t, err)
	assert.Equal(t, "1", *m.JoinRef)
	assert.Equal(t, "phx_join", m.Event)
	m, err = parse([]byte(`[null,"5","phoenix","heartbeat",{}]`))
	require.NoError(t, err)
	assert.Nil(t, m.JoinRef)
	for _, bad := range []string{`{}`, `[1,2,3]`, `["1","2",3,"e",{}]`, `not json`} {
		_, err := parse([]byte(bad))
		assert.Error(t, err, bad)
	}
}
