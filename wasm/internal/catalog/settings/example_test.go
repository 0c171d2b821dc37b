package settings_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

func Example() {
	// What settings(connection) returned.
	form, _ := settings.Parse(jsonv.Raw(`[
	  {"type":"text","name":"channel","label":"Channel"},
	  {"type":"select-multiple","name":"events","options":["push","pr"],"value":[]}]`))

	form.SetText("channel", "#general")
	form.Choose("events", "push")
	fmt.Println(form.Fields[1].DisplayLabel(), form.Fields[1].Values)
	fmt.Println(form.JSON().Raw()) // for settings(connection, fields)

	// The callback rejects the channel: the form stays open.
	answer, _ := settings.Parse(jsonv.Raw(`[{"type":"text","name":"channel","value":"#general",
	  "validationMessage":"No such channel"}]`))
	fmt.Println(answer.HasErrors(), answer.Fields[0].ValidationMessage)
	// Output:
	// Events [push]
	// [{"type":"text","name":"channel","label":"Channel","value":"#general"},{"type":"select-multiple","name":"events","options":["push","pr"],"value":["push"]}]
	// true No such channel
}
