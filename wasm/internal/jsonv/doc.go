// Package jsonv reads and builds JSON as raw text, for the browser SDK.
//
// The SDK moves HTTP bodies around as JSON text and reads only a few fields
// of them; the JavaScript side parses results once with JSON.parse. So a
// Value is the raw text of one JSON value, and reading a member walks that
// text lazily instead of decoding into Go types. Fields the SDK does not know
// pass through byte for byte.
//
// jsonv exists because encoding/json (with reflect and fmt) costs well over
// 100 KB of WebAssembly; this package uses only strings, strconv and
// unicode/utf8.
//
// Start with Parse for text from the network (it validates), or Raw for
// text that is already known to be valid JSON:
//
//	v, err := jsonv.Parse(body)
//	slug, ok := v.Get("connection", "connector", "slug").Str()
//
// Build request bodies with Object, String and Quote.
package jsonv
