package i18n

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestT(t *testing.T) {
	en := English()
	assert.Equal(t, "Installed Slack", en.T(ToastInstalled, "name", "Slack"))
	assert.Equal(t, "Xkit Local Integrations", en.T(Title, "platform", "Xkit Local"))
	assert.Equal(t, "Remove {name}?", en.T(ConfirmTitle), "a placeholder without a value stays")
	assert.Equal(t, "Remove {x}?", en.fill("Remove {x}?", []string{"name", "a"}))
	assert.Equal(t, "a {b", en.fill("a {b", []string{"b", "c"}))
	assert.Equal(t, "a { b", en.fill("a { b", nil), "an unclosed brace is text")
	assert.Equal(t, "Install", en.T(Install))
}

func TestN(t *testing.T) {
	en := English()
	assert.Equal(t, "1 integration", en.N(ListCount, 1))
	assert.Equal(t, "0 integrations", en.N(ListCount, 0))
	assert.Equal(t, "3 Installed", en.N(BadgeCount, 3))

	de := *en
	de.Number = func(n int) string { return "#" + string(rune('0'+n)) }
	assert.Equal(t, "#2 integrations", de.N(ListCount, 2), "Number formats the count")
	assert.Equal(t, "{count} integrations", en.T(ListCount), "T of a counted message: its other form")

	ar, problems := Parse("ar", `{"list.count": {"zero": "لا توجد", "one": "واحد", "two": "اثنان", "few": "{count} قليل", "many": "{count} كثير", "other": "{count} آخر"}}`)
	assert.NotEmpty(t, problems, "every other message falls back to English, each named")
	for n, want := range map[int]string{0: "لا توجد", 1: "واحد", 2: "اثنان", 3: "\u20683\u2069 قليل", 11: "\u206811\u2069 كثير", 100: "\u2068100\u2069 آخر"} {
		assert.Equal(t, want, ar.N(ListCount, n), "%d", n)
	}
	assert.Equal(t, "Installed \u2068Slack\u2069", ar.T(ToastInstalled, "name", "Slack"), "English fallback, values isolated in a right-to-left language")
}

func TestParseFallsBackToEnglish(t *testing.T) {
	m, problems := Parse("de", `{"action.install": "Installieren", "action.remove": 3, "badge.count": {"one": "x"}}`)
	assert.Equal(t, "Installieren", m.T(Install))
	assert.Equal(t, "Remove", m.T(Remove), "a message of the wrong type")
	assert.Equal(t, "2 Installed", m.N(BadgeCount, 2), "a counted message without its other form")
	assert.Equal(t, "1 Installed", m.N(BadgeCount, 1))
	assert.Contains(t, problems, "de: no usable message action.remove")
	assert.Contains(t, problems, "de: no usable message badge.count")

	m, problems = Parse("fr", `not json`)
	assert.Equal(t, "Install", m.T(Install))
	assert.Contains(t, problems, "fr: not a JSON object of messages")
}

func TestSplit(t *testing.T) {
	before, after := English().Split(PoweredBy, "brand")
	assert.Equal(t, "powered by ", before)
	assert.Equal(t, "", after)
	before, after = English().Split(Install, "brand")
	assert.Equal(t, "Install", before)
	assert.Equal(t, "", after)
}

// TestLoaderLanguages: the loader (web/xkit.js), which picks a catalog's
// language and fetches its file, knows the same languages.
func TestLoaderLanguages(t *testing.T) {
	src, err := os.ReadFile("../../../../web/xkit.js")
	require.NoError(t, err)
	m := regexp.MustCompile(`const CATALOG_LANGS = \[(.*)\];`).FindSubmatch(src)
	require.NotNil(t, m, "web/xkit.js has no CATALOG_LANGS")
	assert.Equal(t, `"`+strings.Join(Languages, `", "`)+`"`, string(m[1]))
	assert.True(t, RightToLeft("ar"))
	assert.False(t, RightToLeft("ja"))
}
