//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
)

// messagesOf is a catalog's words, from the env the loader draws it with
// (web/xkit.js catalogEnv: {lang, text, number, date, scheme}): English,
// which the wasm has, or lang's message file as text (fetched by the
// loader beside the wasm while the wasm loads). Numbers and dates go
// through the env's Intl formatters. A message the file lacks stays
// English, with a warning. Without an env (a Go caller), English.
func messagesOf(env js.Value) *i18n.Messages {
	m := i18n.English()
	if lang, text := str(env, "lang"), str(env, "text"); lang != "en" && text != "" {
		var problems []string
		m, problems = i18n.Parse(lang, text)
		for _, p := range problems {
			warn("messages " + p + "; using English for it")
		}
	}
	f := *m
	if number := fn(env, "number"); number.Truthy() {
		f.Number = func(n int) string { return number.Invoke(n).String() }
	}
	if date := fn(env, "date"); date.Truthy() {
		f.Date = func(s string) string { return date.Invoke(s).String() }
	}
	return &f
}
