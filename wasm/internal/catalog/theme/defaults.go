package theme

// Defaults are the catalog's own look, close to the original's
// (Evergreen's default theme).
func Defaults() map[string]string {
	m := make(map[string]string, len(defaults))
	for _, d := range defaults {
		m[d[0]] = d[1]
	}
	return m
}

// defaults is a table, not a map literal: the wasm build compiles a map
// literal into code, one insert per entry.
var defaults = [...][2]string{
	{"--xkit-card-padding", "16px"},
	{"--xkit-card-radius", "5px"},
	{"--xkit-card-shadow", elevations[1]},
	{"--xkit-card-hover-shadow", elevations[3]},
	{"--xkit-font-ui", `"SF UI Text", -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif`},
	{"--xkit-font-display", `"SF UI Display", -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif`},
	{"--xkit-font-mono", `"SF Mono", Monaco, Inconsolata, "Fira Mono", "Droid Sans Mono", "Source Code Pro", monospace`},
	{"--xkit-text-muted", "#66788A"},
	{"--xkit-text-default", "#425A70"},
	{"--xkit-text-dark", "#234361"},
	{"--xkit-text-selected", "#1070CA"},
	{"--xkit-size-100", "11px"},
	{"--xkit-size-200", "12px"},
	{"--xkit-size-300", "12px"},
	{"--xkit-size-400", "14px"},
	{"--xkit-size-500", "16px"},
	{"--xkit-size-600", "20px"},
	{"--xkit-size-700", "24px"},
	{"--xkit-size-800", "29px"},
	{"--xkit-size-900", "35px"},
	{"--xkit-button-primary-bg", "linear-gradient(to bottom, #0788DE, #116AB8)"},
	{"--xkit-button-primary-color", "#FFFFFF"},
	{"--xkit-button-default-bg", "linear-gradient(to bottom, #FFFFFF, #F4F5F7)"},
	{"--xkit-button-default-color", "#425A70"},
	{"--xkit-button-minimal-bg", "transparent"},
	{"--xkit-button-minimal-color", "#425A70"},
	{"--xkit-tab-color", "#0B5CAD"}, // darker than Evergreen's #1070CA: 4.5:1 on the selected tab
}

// elevations are the card shadows for elevation 0 to 4.
var elevations = []string{
	"0 0 1px rgba(67, 90, 111, 0.3)",
	"0 0 1px rgba(67, 90, 111, 0.3), 0 2px 4px -2px rgba(67, 90, 111, 0.47)",
	"0 0 1px rgba(67, 90, 111, 0.3), 0 5px 8px -4px rgba(67, 90, 111, 0.47)",
	"0 0 1px rgba(67, 90, 111, 0.3), 0 8px 10px -4px rgba(67, 90, 111, 0.47)",
	"0 0 1px rgba(67, 90, 111, 0.3), 0 16px 24px -8px rgba(67, 90, 111, 0.47)",
}
