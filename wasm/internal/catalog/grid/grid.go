// Package grid is the arithmetic of the catalog's windowed grid: which
// cards of a long list are in the DOM for a scroll position, how much space
// stands in for the rest, how the DOM goes from one window to the next, and
// where the arrow keys take focus. The view measures (columns, the row
// pitch, where the grid is) and draws; everything that can be decided from
// those numbers is decided here, tested natively.
//
// The grid is rows of Columns cards, Pitch pixels from the top of one row
// to the top of the next (a row and the gap after it). A window holds whole
// rows; the rows before it are Above pixels of padding, those after it
// Below, so the list keeps its full height and the scroll bar its meaning.
package grid

import "math"

// Overscan is the number of rows kept in the DOM beyond each edge of the
// viewport: the next card is already there when Tab or an arrow reaches
// the edge, or when the page scrolls by a little.
const Overscan = 1

// Estimate is the pitch assumed before a row has been measured: about a
// card with a one-line description and the gap after it.
const Estimate = 160

// Layout is what the view measured of the grid.
type Layout struct {
	Columns int     // cards per row (at least 1)
	Pitch   float64 // px from one row's top to the next row's top
}

// Window is the part of a list that is in the DOM: cards [First, End),
// with Above px of space before them and Below px after.
type Window struct {
	First, End   int
	Above, Below float64
}

// Len is the number of cards in the window.
func (w Window) Len() int { return w.End - w.First }

// Holds reports whether card i is in the window.
func (w Window) Holds(i int) bool { return i >= w.First && i < w.End }

func (l Layout) columns() int { return max(1, l.Columns) }

func (l Layout) pitch() float64 {
	if !(l.Pitch >= 1) { // also NaN
		return Estimate
	}
	return l.Pitch
}

// Rows is how many rows n cards take.
func (l Layout) Rows(n int) int {
	if n <= 0 {
		return 0
	}
	return (n + l.columns() - 1) / l.columns()
}

// rowsPerView is the rows that fill a viewport height px tall wherever it
// cuts them (a partial row at each edge), plus the overscan on each side.
func (l Layout) rowsPerView(height float64) int {
	if !(height > 0) || math.IsInf(height, 1) {
		height = 0
	}
	return int(math.Ceil(height/l.pitch())) + 1 + 2*Overscan
}

// Visible is the window for n cards when the grid's top is top px below
// the viewport's top (negative once scrolled past) and the viewport is
// height px tall: the rows in view and Overscan rows either side. It always
// holds a viewport's worth of rows when there are that many, so a grid
// below the viewport has its first rows ready, and one above it its last.
func (l Layout) Visible(n int, top, height float64) Window {
	rows := l.Rows(n)
	want := l.rowsPerView(height)
	first := 0
	if top < 0 && !math.IsInf(top, -1) {
		first = int(math.Floor(-top/l.pitch())) - Overscan
	}
	first = max(0, min(first, rows-want))
	return l.rows(n, first, min(rows, first+want))
}

// Around is w moved as little as it must to hold card i, keeping its size:
// focus moving past the window's edge brings the next rows in.
func (l Layout) Around(w Window, n, i int) Window {
	if n <= 0 || w.Holds(i) {
		return w
	}
	i = max(0, min(i, n-1))
	cols := l.columns()
	first, end := w.First/cols, (w.End+cols-1)/cols
	size := max(1, end-first)
	row := i / cols
	if row < first {
		first = row
	} else {
		first = row + 1 - size
	}
	rows := l.Rows(n)
	first = max(0, min(first, rows-size))
	return l.rows(n, first, min(rows, first+size))
}

// rows is the window of rows [first, end) of n cards.
func (l Layout) rows(n, first, end int) Window {
	if end <= first {
		return Window{}
	}
	cols := l.columns()
	return Window{
		First: first * cols,
		End:   min(n, end*cols),
		Above: float64(first) * l.pitch(),
		Below: float64(l.Rows(n)-end) * l.pitch(),
	}
}

// Pitch measures the pitch from rows drawn: the top of the first, the
// bottom of the last, how many there are, and the gap between two.
func Pitch(firstTop, lastBottom, gap float64, rows int) float64 {
	if rows <= 0 || !(lastBottom > firstTop) {
		return 0
	}
	return (lastBottom - firstTop + gap) / float64(rows)
}
