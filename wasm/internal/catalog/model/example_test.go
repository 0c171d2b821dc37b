package model_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
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

	en := i18n.English() // or i18n.Parse("de", deJSON): the words are the messages'
	for _, c := range model.Search(model.ConnectorsFrom(list), "") {
		badge, ok := model.BadgeFor(en, c.Connections)
		fmt.Printf("%-10s %v %q warning=%v\n", c.Name, ok, badge.Text, badge.Warning)
	}

	page := model.NewPage(en, model.ConnectorsFrom(list)[1], nil)
	fmt.Println(page.Actions[0].Label(en), page.Tabs)
	for _, r := range page.Rows {
		fmt.Print(r.Name, " ", r.Badge.Text, ":")
		for _, a := range r.Actions {
			fmt.Print(" ", a.MenuLabel(en))
		}
		fmt.Println()
	}
	fmt.Println(model.Installed(en, "Slack").Text)
	// Output:
	// Slack      true "Installed" warning=false
	// Salesforce true "2 Installed" warning=true
	// GitHub     false "" warning=false
	// Add Connection [Connections About]
	// Connection s1 Installed: Remove…
	// Connection s2 Disconnected: Reconnect Remove…
	// Installed Slack
}
