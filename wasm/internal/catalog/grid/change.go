package grid

// Change is how the DOM goes from one window to the next over the same
// list: drop cards at either end and add the new ones beside those kept,
// so the cards that stay (and the focus on one of them) are not touched.
// When the windows share no card, Replace says to draw the new one afresh.
type Change struct {
	Replace             bool
	DropFront, DropBack int
	AddFront, AddBack   Span // cards to put before, and after, those kept
}

// Span is the cards [From, To).
type Span struct{ From, To int }

// Len is the number of cards in the span.
func (s Span) Len() int { return max(0, s.To-s.From) }

// Diff is the change from the window old to new.
func Diff(old, new Window) Change {
	if old.Len() <= 0 || new.Len() <= 0 || new.End <= old.First || new.First >= old.End {
		return Change{Replace: true}
	}
	return Change{
		DropFront: max(0, new.First-old.First),
		DropBack:  max(0, old.End-new.End),
		AddFront:  Span{new.First, min(old.First, new.End)},
		AddBack:   Span{max(old.End, new.First), new.End},
	}
}
