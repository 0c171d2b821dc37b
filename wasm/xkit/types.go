package xkit

import (
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// The two types every call uses come from the wasm's internal packages,
// which exist for size (see their docs); these names are how a Go program
// outside this module writes them.

// Context is what a call takes from its caller: a channel closed when the
// work is no longer wanted, and why. Any context.Context is one. It is not
// context.Context itself because that type's Deadline method links time's
// formatting code into every browser download (package cancel says more).
type Context = cancel.Context

// JSON is a JSON value as the SDK answers and takes it: the raw text of what
// xkit.js would resolve, read with Get, Str, Items and Members, passed on
// with Raw. The zero JSON is a missing value (JavaScript's undefined).
type JSON = jsonv.Value

// ParseJSON checks text and returns it as JSON, for the calls that take a
// JSON argument (SetAuthorizationFields, Reconnect, the CRM calls).
func ParseJSON(text string) (JSON, error) { return jsonv.Parse(text) }
