package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

func TestBadgeFor(t *testing.T) {
	active, broken, noAuth := conn("a", true, "active"), conn("b", true, "error"), conn("c", true, "")
	removed := conn("d", false, "active")
	tests := []struct {
		name  string
		conns []string
		want  model.Badge
		ok    bool
	}{
		{"none", nil, model.Badge{}, false},
		{"only removed", []string{removed}, model.Badge{}, false},
		{"one active", []string{active}, model.Badge{Text: "Installed", Tooltip: "Connection is installed and active", Tone: model.Green}, true},
		{"one broken", []string{broken}, model.Badge{Text: "Disconnected", Tooltip: "Connection needs to be repaired", Tone: model.Yellow}, true},
		{"enabled without authorization is broken", []string{noAuth}, model.Badge{Text: "Disconnected", Tooltip: "Connection needs to be repaired", Tone: model.Yellow}, true},
		{"removed not counted", []string{active, removed}, model.Badge{Text: "Installed", Tooltip: "Connection is installed and active", Tone: model.Green}, true},
		{"two active", []string{active, active}, model.Badge{Text: "2 Installed", Tooltip: "All connections are active", Tone: model.Green}, true},
		{"some broken", []string{active, broken, active}, model.Badge{Text: "3 Installed", Tooltip: "Some connections need to be repaired", Tone: model.Yellow, Warning: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cs []model.Connection
			for _, c := range tt.conns {
				cs = append(cs, model.ConnectionFrom(jsonv.Raw(c)))
			}
			got, ok := model.BadgeFor(i18n.English(), cs)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}
