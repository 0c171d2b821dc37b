package model

import "github.com/xkit-wasm/xkit/wasm/internal/jsonv"

// WithConnection is the connector after install, Add Connection or
// reconnect resolved with conn (the SDK's Connection JSON): the
// connection with the same id is replaced, or conn is added.
func (c Connector) WithConnection(conn jsonv.Value) Connector {
	next := connectionFrom(conn, c.Raw)
	out := c
	out.Connections = nil
	replaced := false
	for _, old := range c.Connections {
		if old.ID == next.ID {
			old, replaced = next, true
		}
		out.Connections = append(out.Connections, old)
	}
	if !replaced {
		out.Connections = append(out.Connections, next)
	}
	return out
}

// WithoutConnection is the connector after the connection id was removed.
func (c Connector) WithoutConnection(id string) Connector {
	out := c
	out.Connections = nil
	for _, conn := range c.Connections {
		if conn.ID != id {
			out.Connections = append(out.Connections, conn)
		}
	}
	return out
}
