package model

import (
	"strconv"

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
	Text    string // "Installed", "Disconnected", "3 Installed"
	Tooltip string
	Tone    Tone
	Warning bool // show a warning icon: several connections, some broken
}

// BadgeFor sums up connections; ok is false when none is installed (no
// badge at all).
func BadgeFor(conns []Connection) (b Badge, ok bool) {
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
		return Badge{Text: "Disconnected", Tooltip: "Connection needs to be repaired", Tone: Yellow}, true
	case total == 1:
		return Badge{Text: "Installed", Tooltip: "Connection is installed and active", Tone: Green}, true
	case broken:
		return Badge{Text: strconv.Itoa(total) + " Installed", Tooltip: "Some connections need repairing", Tone: Yellow, Warning: true}, true
	}
	return Badge{Text: strconv.Itoa(total) + " Installed", Tooltip: "All connections are active", Tone: Green}, true
}
