package grid

// Move is where focus goes from card i of n, in rows of cols, on a key (a
// KeyboardEvent key): the arrows move by a card or a row, Home and End go
// to the first and the last card. ok is false for other keys and for a move
// off the grid, which then stays where it is.
func Move(key string, i, n, cols int) (to int, ok bool) {
	cols = max(1, cols)
	switch key {
	case "ArrowRight":
		to = i + 1
	case "ArrowLeft":
		to = i - 1
	case "ArrowDown":
		to = i + cols
	case "ArrowUp":
		to = i - cols
	case "Home":
		to = 0
	case "End":
		to = n - 1
	default:
		return i, false
	}
	if to < 0 || to >= n || to == i {
		return i, false
	}
	return to, true
}

// Tab is where Tab (or Shift+Tab, back) goes from card i when the next
// card is outside the window w: the browser would skip past it, so the view
// moves focus itself. ok is false when the browser's own Tab is right (the
// next card is drawn, or there is none).
func Tab(back bool, i, n int, w Window) (to int, ok bool) {
	to = i + 1
	if back {
		to = i - 1
	}
	if to < 0 || to >= n || w.Holds(to) {
		return i, false
	}
	return to, true
}
