package route_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
)

func Example() {
	r := route.New(route.Hash, "/integrations", "") // connectorsPath defaults to /connectors

	// The DOM layer reads window.location and asks which screen it is.
	loc, ok := r.Match(r.AppPath("/page.html", "#/integrations/connectors/salesforce/settings/c-42"))
	fmt.Println(ok, loc.Name, loc.ConnectorSlug, loc.ConnectionID)

	// Links are built back from Locations.
	fmt.Println(r.Href(r.ConnectorPath("slack")))
	fmt.Println(r.Path(route.Location{Name: route.Index}))

	_, ok = r.Match("/somewhere-else")
	fmt.Println(ok)
	// Output:
	// true connectionSettings salesforce c-42
	// #/integrations/connectors/slack
	// /integrations
	// false
}

func ExampleNewMemory() {
	r := route.New(route.Memory, "", "")
	h := route.NewMemory(r.IndexPath())
	h.Push(r.ConnectorPath("slack"))
	loc, _ := r.Match(h.Current())
	fmt.Println(loc.Name, loc.ConnectorSlug)
	h.Back()
	loc, _ = r.Match(h.Current())
	fmt.Println(loc.Name)
	// Output:
	// connector slack
	// index
}
