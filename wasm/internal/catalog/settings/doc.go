// Package settings is the model of a connection's settings form.
//
// The page's settings(connection, fields?) callback describes the form
// as an array of fields; the catalog shows them, lets the user change
// values, and on Save calls the callback again with the changed fields.
// The callback answers the fields back, with validationMessage set on
// those it rejects; the form closes only when none has one.
//
//	form, warnings := settings.Parse(fieldsJSON) // warnings: log them
//	form.SetText("channel", "#general")
//	next := form.JSON() // hand to settings(connection, next)
//	saved, _ := settings.Parse(answer)
//	if !saved.HasErrors() { /* close the form */ }
//
// Field types: text, select (one of options), select-multiple, switch.
// Unknown members of a field survive the round trip untouched, and a
// field the user did not change is passed back byte for byte.
package settings
