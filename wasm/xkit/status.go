package xkit

import "github.com/xkit-wasm/xkit/wasm/jsonv"

// Connection statuses, as xkit.js's ConnectionStatus enum numbers them.
const (
	StatusNotInstalled = 0 // no connection, or not enabled
	StatusError        = 1 // enabled, but its authorization is missing or failed
	StatusConnected    = 2 // enabled with a working authorization
)

// ConnectionStatus says how a connection stands (spec section 3). A
// ConnectionShell ({connector} only) and anything else without "enabled"
// is not installed.
func ConnectionStatus(conn jsonv.Value) int {
	enabled := conn.Get("enabled")
	if !enabled.Exists() || enabled.IsNull() || !truthy(enabled) {
		return StatusNotInstalled
	}
	auth := conn.Get("authorization")
	if auth.Exists() && !auth.IsNull() {
		if status, _ := auth.Get("status").Str(); status != "error" {
			return StatusConnected
		}
	}
	return StatusError
}

// truthy is JavaScript's truthiness for a JSON value.
func truthy(v jsonv.Value) bool {
	switch v.Kind() {
	case jsonv.KindBool:
		b, _ := v.Bool()
		return b
	case jsonv.KindNumber:
		f, _ := v.Float()
		return f != 0
	case jsonv.KindString:
		return v.Raw() != `""`
	case jsonv.KindArray, jsonv.KindObject:
		return true
	}
	return false
}
