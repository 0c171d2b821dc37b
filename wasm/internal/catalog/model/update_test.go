package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

func TestConnectionUpdates(t *testing.T) {
	c := connector(t, "Salesforce", true, conn("s1", true, "error"))
	before := model.NewPage(en, c, nil)
	require.Len(t, before.Rows, 1)
	assert.Equal(t, []model.Action{model.Reconnect, model.Remove}, before.Rows[0].Actions)

	// Reconnect resolves with the same id, now active.
	c2 := c.WithConnection(jsonv.Raw(conn("s1", true, "active")))
	require.Len(t, c2.Connections, 1)
	assert.Equal(t, xkit.StatusConnected, c2.Connections[0].Status)
	slug, _ := c2.Connections[0].Raw.Get("connector", "slug").Str()
	assert.Equal(t, "salesforce", slug)
	assert.Equal(t, xkit.StatusError, c.Connections[0].Status, "the old value is untouched")

	// Add Connection appends.
	c3 := c2.WithConnection(jsonv.Raw(conn("s2", true, "active")))
	badge, _ := model.BadgeFor(en, c3.Connections)
	assert.Equal(t, "2 Installed", badge.Text)

	// Remove drops it; with none left the page offers Install again.
	c4 := c3.WithoutConnection("s1").WithoutConnection("s2")
	assert.Empty(t, c4.Connections)
	assert.Equal(t, []model.Action{model.Install}, model.NewPage(en, c4, nil).Actions)
	assert.Len(t, c3.Connections, 2, "the old value is untouched")
}
