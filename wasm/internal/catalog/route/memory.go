package route

// History is what the catalog needs from a router's history. Memory is the
// pure one; the DOM layer wraps window.history (browser) and
// location.hash (hash) in the same shape.
type History interface {
	Current() string // the app path shown now
	Push(path string)
	Replace(path string)
	Back() bool // false when there is nothing to go back to
}

// MemoryHistory is the memory router's history: a stack of app paths with a
// cursor, like a browser tab's.
type MemoryHistory struct {
	entries []string
	at      int
}

// NewMemory starts a history at path. The original started at "/", which
// shows nothing when rootPath is elsewhere; start at Router.IndexPath().
func NewMemory(path string) *MemoryHistory { return &MemoryHistory{entries: []string{path}} }

// Current returns the path at the cursor.
func (m *MemoryHistory) Current() string { return m.entries[m.at] }

// Push adds path after the cursor, dropping any forward entries.
func (m *MemoryHistory) Push(path string) {
	m.entries = append(m.entries[:m.at+1], path)
	m.at++
}

// Replace swaps the current entry.
func (m *MemoryHistory) Replace(path string) { m.entries[m.at] = path }

// Back moves the cursor back one entry.
func (m *MemoryHistory) Back() bool {
	if m.at == 0 {
		return false
	}
	m.at--
	return true
}

// Forward moves the cursor forward one entry, after Back.
func (m *MemoryHistory) Forward() bool {
	if m.at == len(m.entries)-1 {
		return false
	}
	m.at++
	return true
}
