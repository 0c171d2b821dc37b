// Package model is what the catalog shows, decided without a DOM: the
// connectors and their connections read from the SDK's JSON, the search,
// the status badge of a card, which actions a connector page offers, and
// every sentence the catalog says (titles, toasts, alerts, errors), in the
// words of the i18n.Messages it is given.
//
// The DOM layer fetches JSON with wasm/xkit, decodes it here, and draws
// what the model says:
//
//	list, _ := client.ListConnectors(ctx)
//	cards := model.Search(model.ConnectorsFrom(list), query)
//	for _, c := range cards {
//		badge, ok := model.BadgeFor(m, c.Connections) // ok false: no badge
//	}
//	page := model.NewPage(m, model.ConnectorFrom(v), hasSettings)
//
// The rules follow xkit-catalog-react 1.2.1; where this package differs
// (search ranking, disabled connections, a connector answered with
// "connection" but no "connections") the doc comment says why.
package model
