package grid_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/grid"
)

func TestDiff(t *testing.T) {
	w := func(first, end int) grid.Window { return grid.Window{First: first, End: end} }
	tests := []struct {
		name     string
		old, new grid.Window
		want     grid.Change
	}{
		{"scroll down a row", w(0, 40), w(5, 45), grid.Change{DropFront: 5, AddFront: grid.Span{5, 0}, AddBack: grid.Span{40, 45}}},
		{"scroll up a row", w(5, 45), w(0, 40), grid.Change{DropBack: 5, AddFront: grid.Span{0, 5}, AddBack: grid.Span{45, 40}}},
		{"the same", w(5, 45), w(5, 45), grid.Change{AddFront: grid.Span{5, 5}, AddBack: grid.Span{45, 45}}},
		{"grown at both ends", w(10, 20), w(5, 25), grid.Change{AddFront: grid.Span{5, 10}, AddBack: grid.Span{20, 25}}},
		{"shrunk at both ends", w(5, 25), w(10, 20), grid.Change{DropFront: 5, DropBack: 5, AddFront: grid.Span{10, 5}, AddBack: grid.Span{25, 20}}},
		{"far away", w(0, 40), w(500, 540), grid.Change{Replace: true}},
		{"touching is not sharing", w(0, 40), w(40, 80), grid.Change{Replace: true}},
		{"from nothing", w(0, 0), w(0, 40), grid.Change{Replace: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := grid.Diff(tt.old, tt.new)
			assert.Equal(t, tt.want, c)
			if c.Replace {
				return
			}
			// Applying the change to the old cards gives the new ones.
			var cards []int
			for i := tt.old.First; i < tt.old.End; i++ {
				cards = append(cards, i)
			}
			cards = cards[c.DropFront : len(cards)-c.DropBack]
			var front, back []int
			for i := c.AddFront.From; i < c.AddFront.To; i++ {
				front = append(front, i)
			}
			for i := c.AddBack.From; i < c.AddBack.To; i++ {
				back = append(back, i)
			}
			cards = append(append(front, cards...), back...)
			var want []int
			for i := tt.new.First; i < tt.new.End; i++ {
				want = append(want, i)
			}
			assert.Equal(t, want, cards)
		})
	}
}
