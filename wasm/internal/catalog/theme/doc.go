// Package theme turns the catalog's theme option into CSS custom
// properties (--xkit-...), which the catalog's stylesheet reads with
// var(). The DOM layer sets them on the catalog's root element:
//
//	vars, warnings := theme.Vars(themeJSON) // defaults merged with the option
//	for name, value := range vars { root.Style().SetProperty(name, value, "") }
//
// The option has xkit-catalog.js's shape:
//
//	{ card:    { padding, borderRadius, elevation, hoverElevation },   // numbers (px, 0-4)
//	  text:    { fonts: {ui, display, mono}, colors: {muted, default, dark, ...},
//	             sizes: {"100": 11, ..., "900": 35} },                // px
//	  buttons: { primary | default | minimal: { background, textColor } },
//	             // background: a colour or {start, end} for a gradient
//	  tab:     { textColor } }
//
// A value that could break out of its declaration (";", "{", "}", "<",
// a backslash, a line end) or load something (url(), image-set(),
// expression()) is dropped with a warning, keeping the default.
package theme
