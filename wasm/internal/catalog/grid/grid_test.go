package grid_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/grid"
)

// A grid of 5 columns, rows 180 px apart, in a viewport 900 px tall: 5
// rows fill it, and with a partial row and one overscan row either side a
// window holds 8 rows, 40 cards.
var five = grid.Layout{Columns: 5, Pitch: 180}

func TestVisible(t *testing.T) {
	tests := []struct {
		name      string
		l         grid.Layout
		n         int
		top, view float64
		want      grid.Window
	}{
		{"at the top", five, 1000, 100, 900, grid.Window{First: 0, End: 40, Above: 0, Below: 192 * 180}},
		{"scrolled into row 10", five, 1000, -10*180 - 50, 900, grid.Window{First: 45, End: 85, Above: 9 * 180, Below: 183 * 180}},
		{"at the bottom", five, 1000, -199*180 + 400, 900, grid.Window{First: 960, End: 1000, Above: 192 * 180, Below: 0}},
		{"grid below the viewport: its first rows", five, 1000, 5000, 900, grid.Window{First: 0, End: 40, Below: 192 * 180}},
		{"grid above the viewport: its last rows", five, 1000, -1e6, 900, grid.Window{First: 960, End: 1000, Above: 192 * 180}},
		{"fewer cards than a viewport: all of them", five, 12, -100, 900, grid.Window{First: 0, End: 12}},
		{"a partial last row", five, 42, -1000, 900, grid.Window{First: 5, End: 42, Above: 180}},
		{"nothing", five, 0, 0, 900, grid.Window{}},
		{"not measured: one column, the estimate", grid.Layout{}, 100, 0, 320, grid.Window{First: 0, End: 5, Below: 95 * grid.Estimate}},
		{"no viewport height", five, 1000, 0, 0, grid.Window{First: 0, End: 15, Below: 197 * 180}},
		{"NaN numbers", grid.Layout{Columns: 2, Pitch: math.NaN()}, 10, math.NaN(), math.NaN(), grid.Window{First: 0, End: 6, Below: 2 * grid.Estimate}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.l.Visible(tt.n, tt.top, tt.view))
		})
	}
}

// Wherever the page is scrolled, the window holds every card in view, and
// the space above and below plus its rows is the whole list's height.
func TestVisibleHoldsWhatShowsAndKeepsTheHeight(t *testing.T) {
	for _, l := range []grid.Layout{five, {Columns: 1, Pitch: 150}, {Columns: 3, Pitch: 201.5}} {
		for _, n := range []int{1, 7, 100, 1000} {
			rows := l.Rows(n)
			for top := 300.0; top > -float64(rows)*l.Pitch-300; top -= 37 {
				w := l.Visible(n, top, 720)
				drawn := l.Rows(w.End) - w.First/l.Columns
				assert.InDelta(t, float64(rows)*l.Pitch, w.Above+float64(drawn)*l.Pitch+w.Below, 1e-6, "n %d top %v", n, top)
				for i := range n {
					rowTop := top + float64(i/l.Columns)*l.Pitch
					if rowTop < 720 && rowTop+l.Pitch > 0 {
						assert.True(t, w.Holds(i), "card %d of %d in view at top %v, window %+v", i, n, top, w)
					}
				}
				assert.Zero(t, w.First%l.Columns, "whole rows")
			}
		}
	}
}

func TestAround(t *testing.T) {
	w := five.Visible(1000, 100, 900) // cards 0..39
	assert.Equal(t, w, five.Around(w, 1000, 39), "already there")
	next := five.Around(w, 1000, 40)
	assert.Equal(t, grid.Window{First: 5, End: 45, Above: 180, Below: 191 * 180}, next, "one row further")
	assert.Equal(t, grid.Window{First: 960, End: 1000, Above: 192 * 180}, five.Around(w, 1000, 999), "End")
	back := five.Around(next, 1000, 2)
	assert.Equal(t, w, back, "one row back")
	assert.Equal(t, grid.Window{First: 465, End: 505, Above: 93 * 180, Below: 99 * 180}, five.Around(w, 1000, 500), "far ahead: at the window's bottom")
	assert.Equal(t, grid.Window{}, five.Around(grid.Window{}, 0, 3), "an empty list")
}

func TestPitch(t *testing.T) {
	assert.Equal(t, 180.0, grid.Pitch(100, 100+8*180-20, 20, 8))
	assert.Equal(t, 0.0, grid.Pitch(100, 100, 20, 1), "nothing drawn")
	assert.Equal(t, 0.0, grid.Pitch(100, 500, 20, 0))
}
