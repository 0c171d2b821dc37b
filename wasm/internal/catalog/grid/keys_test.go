package grid_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/grid"
)

func TestMove(t *testing.T) {
	tests := []struct {
		key     string
		i, n    int
		to      int
		moves   bool
		whatFor string
	}{
		{"ArrowRight", 3, 10, 4, true, "next card"},
		{"ArrowRight", 9, 10, 9, false, "none after the last"},
		{"ArrowLeft", 3, 10, 2, true, "previous card"},
		{"ArrowLeft", 0, 10, 0, false, "none before the first"},
		{"ArrowDown", 3, 10, 7, true, "a row down"},
		{"ArrowDown", 7, 10, 7, false, "no card below"},
		{"ArrowUp", 7, 10, 3, true, "a row up"},
		{"ArrowUp", 3, 10, 3, false, "the first row"},
		{"Home", 7, 10, 0, true, "the first card"},
		{"End", 2, 1000, 999, true, "the last card, far off"},
		{"End", 9, 10, 9, false, "already last"},
		{"Enter", 3, 10, 3, false, "not a move"},
	}
	for _, tt := range tests {
		t.Run(tt.key+" "+tt.whatFor, func(t *testing.T) {
			to, ok := grid.Move(tt.key, tt.i, tt.n, 4)
			assert.Equal(t, tt.to, to)
			assert.Equal(t, tt.moves, ok)
		})
	}
}

func TestTab(t *testing.T) {
	w := grid.Window{First: 40, End: 80}
	to, ok := grid.Tab(false, 79, 1000, w)
	assert.True(t, ok, "past the last card drawn")
	assert.Equal(t, 80, to)
	to, ok = grid.Tab(true, 40, 1000, w)
	assert.True(t, ok, "back past the first card drawn")
	assert.Equal(t, 39, to)
	_, ok = grid.Tab(false, 50, 1000, w)
	assert.False(t, ok, "the next card is drawn: the browser's Tab")
	_, ok = grid.Tab(false, 999, 1000, grid.Window{First: 960, End: 1000})
	assert.False(t, ok, "after the last card Tab leaves the grid")
	_, ok = grid.Tab(true, 0, 1000, grid.Window{First: 0, End: 40})
	assert.False(t, ok, "before the first card Shift+Tab leaves the grid")
}
