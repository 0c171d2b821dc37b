package app

import (
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// SDK is what the catalog needs of the SDK: the platform, connectors and
// connections, the connect flow, and its events. Answers are the core's
// JSON (what xkit.js would resolve); errors are the core's typed errors.
type SDK interface {
	GetPlatform(ctx cancel.Context) (jsonv.Value, error)
	ListConnectors(ctx cancel.Context) (jsonv.Value, error)
	GetConnector(ctx cancel.Context, slug string) (jsonv.Value, error)
	RemoveConnection(ctx cancel.Context, q xkit.Query) error
	// Login is renderCatalogDefault's data-token.
	Login(ctx cancel.Context, token string) error

	// AddConnection and Reconnect open the authorization popup before they
	// return, so call them inside the user's click; wait gives the flow's
	// outcome: the connection, or an error (*xkit.ConnectError for a flow
	// that failed) once ctx ends or the flow does.
	AddConnection(connector string) (wait func(ctx cancel.Context) (jsonv.Value, error))
	Reconnect(connection jsonv.Value) (wait func(ctx cancel.Context) (jsonv.Value, error))

	// Subscribe calls fn with the payload of every event of a type
	// ("connection:enable", "connection:remove"), until unsubscribe.
	Subscribe(event string, fn func(payload jsonv.Value)) (unsubscribe func())
}
