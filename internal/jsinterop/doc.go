//go:build js

// Package jsinterop is where Go meets JavaScript's promises, exceptions and
// callbacks, for every js/wasm program of this module: the SDK's bridge
// (wasm/bridge), the catalog's DOM layer (wasm/internal/catalog/view) and
// the Worker's D1 glue (cmd/xkit-worker). No other package builds its own
// then/catch callbacks or recovers js.Error by hand.
//
//   - Await waits from a goroutine for a promise (or any value), and Catch
//     turns a JS exception into an error; both give a *Error that keeps the
//     JS value, so it can be handed back to JS unchanged.
//   - FuncOf and Release are js.FuncOf and Func.Release, counted (Live), so
//     a test can prove that every callback has an owner that let it go.
//   - NewPromise is a pending Promise with its resolve and reject.
//
// It lives in the module's top-level internal/ rather than under
// wasm/internal/ because Go's internal rule would hide it from
// cmd/xkit-worker there; it imports nothing of the SDK, so the Worker pays
// only for itself. Tests run under Node: PATH="$(go env GOROOT)/lib/wasm:$PATH"
// GOOS=js GOARCH=wasm go test ./internal/jsinterop.
package jsinterop
