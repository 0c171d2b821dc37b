package model

import (
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// Tone is a badge's colour.
type Tone string

// Badge tones.
const (
	Green  Tone = "green"  // everything works
	Yellow Tone = "yellow" // something needs repair
)

// Badge is a connector card's (or a table row's) status badge.
type Badge struct {
	Text    string // "Installed", "Disconnected", "3 Installed" (in English)
	Tooltip string
	Tone    Tone
	Warning bool // show a warning icon: several connections, some broken
}

// BadgeFor sums up connections, in m's words; ok is false when none is
// installed (no badge at all).
func BadgeFor(m *i18n.Messages, conns []Connection) (b Badge, ok bool) {
	total, broken := 0, false
	for _, c := range conns {
		if c.Status != xkit.StatusNotInstalled {
			total++
		}
		if c.Status == xkit.StatusError {
			broken = true
		}
	}
	switch {
	case total == 0:
		return Badge{}, false
	case total == 1 && broken:
		return Badge{Text: m.T(i18n.BadgeDisconnected), Tooltip: m.T(i18n.BadgeDisconnectedTip), Tone: Yellow}, true
	case total == 1:
		return Badge{Text: m.T(i18n.BadgeInstalled), Tooltip: m.T(i18n.BadgeInstalledTip), Tone: Green}, true
	case broken:
		return Badge{Text: m.N(i18n.BadgeCount, total), Tooltip: m.T(i18n.BadgeCountBrokenTip), Tone: Yellow, Warning: true}, true
	}
	return Badge{Text: m.N(i18n.BadgeCount, total), Tooltip: m.T(i18n.BadgeCountTip), Tone: Green}, true
}
