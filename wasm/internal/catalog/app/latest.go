package app

import "sync"

// latest orders overlapping reads of one thing. begin numbers a read as it
// starts; apply says whether its answer is still news, which it is unless
// a read begun later has been applied already. Answers may arrive in any
// order; the one shown is always from the newest read that answered.
type latest struct {
	mu             sync.Mutex
	begun, applied int
}

func (l *latest) begin() int {
	l.mu.Lock()
	l.begun++
	n := l.begun
	l.mu.Unlock()
	return n
}

func (l *latest) apply(n int) bool {
	l.mu.Lock()
	news := n > l.applied
	if news {
		l.applied = n
	}
	l.mu.Unlock()
	return news
}
