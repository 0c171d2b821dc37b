package model_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

func Example() {
	// listConnectors' result, as the SDK hands it over.
	list := jsonv.Raw(`[
	  {"name":"Slack","slug":"slack","short_description":"Chat",
	   "connection":{"id":"c1","enabled":true,"authorization":{"status":"active"}}},
	  {"name":"Salesforce","slug":"salesforce","supports_multiple_connections":true,
	   "connections":[{"id":"s1","enabled":true,"authorization":{"status":"active"}},
	                  {"id":"s2","enabled":true,"authorization":{"status":"error"}}]},
	  {"name":"GitHub","slug":"github"}]`)

	for _, c := range model.Search(model.ConnectorsFrom(list), "") {
		badge, ok := model.BadgeFor(c.Connections)
		fmt.Printf("%-10s %v %q warning=%v\n", c.Name, ok, badge.Text, badge.Warning)
	}

	page := model.NewPage(model.ConnectorsFrom(list)[1], nil)
	fmt.Println(page.Actions, page.Tabs)
	for _, r := range page.Rows {
		fmt.Println(r.Name, r.Badge.Text, r.Actions)
	}
	fmt.Println(model.Installed("Slack").Text)
	// Output:
	// Slack      true "Installed" warning=false
	// Salesforce true "2 Installed" warning=true
	// GitHub     false "" warning=false
	// [Add Connection] [Connections About]
	// salesforce-s1 Installed [Remove]
	// salesforce-s2 Disconnected [Reconnect Remove]
	// Installed Slack
}
