//go:build js

package bridge

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// The SDK's calls for Go code compiled into the same wasm (the catalog
// widget, through its app.SDK interface): the same core and the same
// connect flow as the page's methods, with Go arguments and results, so
// nothing goes through the page's JS object by name, answers are parsed
// once (by the core) and errors keep their types. wasm/main.go wires them.

// GetPlatform is the page's getPlatform.
func (s *SDK) GetPlatform(ctx cancel.Context) (jsonv.Value, error) { return s.client.GetPlatform(ctx) }

// ListConnectors is the page's listConnectors.
func (s *SDK) ListConnectors(ctx cancel.Context) (jsonv.Value, error) {
	return s.client.ListConnectors(ctx)
}

// GetConnector is the page's getConnector.
func (s *SDK) GetConnector(ctx cancel.Context, slug string) (jsonv.Value, error) {
	return s.client.GetConnector(ctx, slug)
}

// RemoveConnection is the page's removeConnection.
func (s *SDK) RemoveConnection(ctx cancel.Context, q xkit.Query) error {
	return s.client.RemoveConnection(ctx, q)
}

// Login is the page's login(token).
func (s *SDK) Login(ctx cancel.Context, token string) error { return s.client.Login(ctx, token, nil) }

// AddConnection is the page's addConnection(connector): it opens the
// popup before it returns (call it inside the user's click) and gives the
// flow's outcome to wait. A flow already running for the connector is
// joined, as on the page.
func (s *SDK) AddConnection(connector string) (wait func(ctx cancel.Context) (jsonv.Value, error)) {
	return s.goFlow("addConnection", connectCall{slug: connector, signal: js.Undefined()})
}

// Reconnect is the page's reconnect(connection); see AddConnection.
func (s *SDK) Reconnect(connection jsonv.Value) (wait func(ctx cancel.Context) (jsonv.Value, error)) {
	id, _ := connection.Get("id").Str()
	slug, _ := connection.Get("connector", "slug").Str() // either missing: the core's ArgError
	return s.goFlow("reconnect", connectCall{slug: slug, id: id, reconnect: true, signal: js.Undefined()})
}

func (s *SDK) goFlow(method string, call connectCall) func(ctx cancel.Context) (jsonv.Value, error) {
	flow, _, end := s.begin(method, call, nil, false)
	go func() { <-flow.Done(); end(nil) }()
	return flow.Wait
}

// Subscribe calls fn with the payload of every event of a type, after the
// page's listeners, until unsubscribe.
func (s *SDK) Subscribe(event string, fn func(payload jsonv.Value)) (unsubscribe func()) {
	return s.events.subscribe(event, fn)
}

// Define adds a synchronous method to the SDK's JS object, for what wasm's
// main adds beside the SDK (the catalog's renderCatalog, ...). The SDK owns
// its js.Func (Release). fn's result goes to JS; an error value there is
// thrown by the loader.
func (s *SDK) Define(name string, fn func(args []js.Value) any) { s.set(name, fn) }
