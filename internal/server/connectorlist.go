package server

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"

	"github.com/xkit-wasm/xkit/internal/platform"
)

// encodedConnectors keeps the JSON of each connector without connections,
// as GET /connectors answers most of them, for the last connector list and
// origin it was asked for. The store hands out the same *Connector for a
// connector that has not changed (internal/sqlite keeps its decoded list)
// and a new one for a changed one, so a list of the same pointers is the
// same connectors; any other list is encoded afresh. Encoding 200
// connectors with encoding/json was a third of the request.
type encodedConnectors struct {
	mu     sync.Mutex
	origin string
	from   []*platform.Connector
	json   [][]byte
}

// get returns the JSON of each of cs, from the kept copy when cs and
// origin are what it was made from.
func (e *encodedConnectors) get(v views, cs []*platform.Connector) ([][]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if v.origin == e.origin && samePointers(cs, e.from) {
		return e.json, nil
	}
	out := make([][]byte, len(cs))
	for i, c := range cs {
		b, err := json.Marshal(v.connector(c))
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	e.origin, e.from, e.json = v.origin, cs, out
	return out, nil
}

func samePointers(a, b []*platform.Connector) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// writeConnectorList answers {"connectors": [...]} as writeJSON would,
// each connector with the user's connections rendered now and the others
// from the kept JSON, written piece by piece (no copy of the whole).
func (s *Server) writeConnectorList(w http.ResponseWriter, v views, cs []*platform.Connector, conns []*platform.Connection) error {
	plain, err := s.encoded.get(v, cs)
	if err != nil {
		return err
	}
	mine := make(map[string]bool, len(conns))
	for _, c := range conns {
		mine[c.ConnectorSlug] = true
	}
	withConns := map[int][]byte{}
	for i, c := range cs {
		if mine[c.Slug] {
			if withConns[i], err = json.Marshal(v.connectorFor(c, conns)); err != nil {
				return err
			}
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, `{"connectors":[`)
	for i := range cs {
		if i > 0 {
			io.WriteString(w, ",")
		}
		if b, ok := withConns[i]; ok {
			w.Write(b)
		} else {
			w.Write(plain[i])
		}
	}
	io.WriteString(w, "]}\n")
	return nil
}
