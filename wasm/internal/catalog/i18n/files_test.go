package i18n

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readFile reads messages/{lang}.json as plain JSON: key name to a
// message, or to {category: message}.
func readFile(t *testing.T, lang string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("messages", lang+".json"))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), "%s.json", lang)
	return m
}

var placeholder = regexp.MustCompile(`\{([a-z]+)\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestEveryKeyInEveryLanguage: each message file gives every key, no
// other, each in the shape English gives it; counted messages have
// exactly the language's plural categories; and no translation drops or
// invents a placeholder (a counted form may leave out {count}: Arabic says
// "two integrations" as one word).
func TestEveryKeyInEveryLanguage(t *testing.T) {
	names := map[string]Key{}
	for k := range keyCount {
		require.NotEmpty(t, keyNames[k], "key %d has no name", k)
		_, dup := names[keyNames[k]]
		require.False(t, dup, "two keys are named %s", keyNames[k])
		names[keyNames[k]] = k
	}
	entries, err := os.ReadDir("messages")
	require.NoError(t, err)
	var files []string
	for _, e := range entries {
		files = append(files, strings.TrimSuffix(e.Name(), ".json"))
	}
	assert.ElementsMatch(t, Languages[1:], files, "one message file per language but English (english.go), none other")

	for _, lang := range Languages[1:] {
		t.Run(lang, func(t *testing.T) {
			file := readFile(t, lang)
			for name := range file {
				_, ok := names[name]
				assert.True(t, ok, "%s is no key of the catalog", name)
			}
			for name, k := range names {
				got, ok := file[name]
				if !assert.True(t, ok, "%s is missing", name) {
					continue
				}
				want := english.text[k]
				if !strings.Contains(want, sep) {
					s, ok := got.(string)
					if assert.True(t, ok, "%s must be a string", name) {
						checkMessage(t, name, s, placeholders(want), false)
					}
					continue
				}
				forms, ok := got.(map[string]any)
				if !assert.True(t, ok, "%s must be {category: message}", name) {
					continue
				}
				var cats []string
				for _, c := range Categories(lang) {
					cats = append(cats, c.String())
				}
				assert.ElementsMatch(t, cats, keysOf(forms), "%s: the plural categories of %s", name, lang)
				for c, f := range forms {
					s, ok := f.(string)
					if assert.True(t, ok, "%s.%s must be a string", name, c) {
						checkMessage(t, name+"."+c, s, placeholders(want), true)
					}
				}
			}
		})
	}
}

// checkMessage: not blank, no stray spaces, and the placeholders English
// has (a counted form may omit {count}).
func checkMessage(t *testing.T, name, s string, want []string, counted bool) {
	t.Helper()
	assert.NotEmpty(t, strings.TrimSpace(placeholder.ReplaceAllString(s, "")), "%s has no words of its own", name)
	assert.Equal(t, strings.TrimSpace(s), s, "%s has leading or trailing space", name)
	got := placeholders(s)
	if counted && !slices.Contains(got, "count") {
		want = slices.DeleteFunc(slices.Clone(want), func(p string) bool { return p == "count" })
	}
	assert.Equal(t, len(want), len(got), "%s: placeholders %v, want %v", name, got, want)
	assert.Subset(t, want, got, "%s: placeholders", name)
}

// TestEnglish: English has every message, each counted one with its two
// forms.
func TestEnglish(t *testing.T) {
	require.Len(t, english.text, int(keyCount), "a message for every key, the last too")
	for k := range keyCount {
		s := english.text[k]
		if strings.Contains(s, sep) {
			forms := strings.Split(s, sep)
			assert.Len(t, forms, len(Categories("en")), keyNames[k])
			for _, f := range forms {
				checkMessage(t, keyNames[k], f, placeholders(f), true)
			}
			continue
		}
		checkMessage(t, keyNames[k], s, placeholders(s), false)
	}
}

// TestFilesParse: each file parses with no problem, so no message falls
// back to English.
func TestFilesParse(t *testing.T) {
	for _, lang := range Languages[1:] {
		b, err := os.ReadFile(filepath.Join("messages", lang+".json"))
		require.NoError(t, err)
		m, problems := Parse(lang, string(b))
		assert.Empty(t, problems, lang)
		assert.Equal(t, lang, m.Lang)
		assert.NotEqual(t, English().T(NoResults), m.T(NoResults), "%s is translated", lang)
	}
}
