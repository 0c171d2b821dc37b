// Package i18n is the catalog's words in its languages: English, built
// in (english.go), and a message file per other language
// (messages/{lang}.json, copied by build.sh to web/i18n/, which the
// loader fetches beside the wasm when a catalog speaks that language).
//
//	m := i18n.English()                 // or i18n.Parse("de", fileText)
//	m.T(i18n.ToastInstalled, "name", "Slack")  // "Installed Slack"
//	m.N(i18n.BadgeCount, 3)                    // "3 Installed"
//
// A message is named by a Key; {name} in it is a placeholder that T
// fills. A counted message (N) has one form per CLDR plural category of
// its language, chosen by the CLDR plural rules in plural.go (pure Go,
// checked against CLDR's samples, and against Intl.PluralRules under
// Node); {count} is the number as the message's Number formats it (the
// browser's Intl, set by the view). In a right-to-left language the
// values are wrapped in bidi isolates.
//
// Adding a message: a Key and its name in keys.go, its English in
// english.go, and its translation in every file of messages/:
// TestEveryKeyInEveryLanguage fails until each file has it, with the
// same placeholders and, for a counted message, exactly the plural
// categories of its language.
package i18n
