package i18n

// Languages are the catalog's languages: English (built in) first, then
// those the loader fetches when a catalog asks for one
// (web/i18n/{lang}.json; web/xkit.js's CATALOG_LANGS is the same list,
// and its catalogLocale picks one for a locale).
var Languages = []string{"en", "de", "fr", "es", "pt-BR", "ja", "ar"}

// RightToLeft reports whether lang is written right to left.
func RightToLeft(lang string) bool { return lang == "ar" }
