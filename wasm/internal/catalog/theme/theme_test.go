package theme_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/theme"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

func vars(t *testing.T, option string) (map[string]string, []string) {
	t.Helper()
	v := jsonv.Value{}
	if option != "" {
		var err error
		v, err = jsonv.Parse(option)
		require.NoError(t, err)
	}
	return theme.Vars(v)
}

func TestNoOptionIsDefaults(t *testing.T) {
	for _, opt := range []string{"", "{}", "null", `{"card":null,"text":{}}`} {
		got, warnings := vars(t, opt)
		assert.Equal(t, theme.Defaults(), got, opt)
		assert.Empty(t, warnings, opt)
	}
	for name := range theme.Defaults() {
		assert.Regexp(t, `^--xkit-[a-z0-9-]+$`, name)
	}
}

func TestVars(t *testing.T) {
	got, warnings := vars(t, `{
	  "card": {"padding": 24, "borderRadius": "0.5rem", "elevation": 0, "hoverElevation": 4},
	  "text": {"fonts": {"ui": "Inter, sans-serif"}, "colors": {"dark": "#111", "brand-1": "rebeccapurple"},
	           "sizes": {"600": 22.5, "400": "15px"}},
	  "buttons": {"primary": {"background": {"start": "#f00", "end": "#a00"}, "textColor": "white"},
	              "minimal": {"background": "none"}},
	  "tab": {"textColor": "#0a0"}
	}`)
	assert.Empty(t, warnings)
	want := map[string]string{
		"--xkit-card-padding":         "24px",
		"--xkit-card-radius":          "0.5rem",
		"--xkit-card-shadow":          "0 0 1px rgba(67, 90, 111, 0.3)",
		"--xkit-card-hover-shadow":    "0 0 1px rgba(67, 90, 111, 0.3), 0 16px 24px -8px rgba(67, 90, 111, 0.47)",
		"--xkit-font-ui":              "Inter, sans-serif",
		"--xkit-text-dark":            "#111",
		"--xkit-text-brand-1":         "rebeccapurple",
		"--xkit-size-600":             "22.5px",
		"--xkit-size-400":             "15px",
		"--xkit-button-primary-bg":    "linear-gradient(to bottom, #f00, #a00)",
		"--xkit-button-primary-color": "white",
		"--xkit-button-minimal-bg":    "none",
		"--xkit-tab-color":            "#0a0",
	}
	for k, v := range want {
		assert.Equal(t, v, got[k], k)
	}
	assert.Equal(t, theme.Defaults()["--xkit-font-mono"], got["--xkit-font-mono"], "untouched values keep defaults")
	assert.Equal(t, theme.Defaults()["--xkit-button-default-bg"], got["--xkit-button-default-bg"])
}

func TestVarsRejects(t *testing.T) {
	tests := []struct {
		name, option, prop, warning string
	}{
		{"declaration break", `{"tab":{"textColor":"red; background: url(x)"}}`, "--xkit-tab-color", "theme: tab.textColor is not a usable CSS value"},
		{"url", `{"buttons":{"default":{"background":"URL(https://evil.example/x.png)"}}}`, "--xkit-button-default-bg", "theme: buttons.default.background is not a usable CSS value"},
		{"image-set", `{"buttons":{"default":{"background":"image-set('x.png' 1x)"}}}`, "--xkit-button-default-bg", "theme: buttons.default.background is not a usable CSS value"},
		{"brace", `{"text":{"fonts":{"ui":"a}body{color:red"}}}`, "--xkit-font-ui", "theme: text.fonts.ui is not a usable CSS value"},
		{"escape", `{"text":{"colors":{"dark":"\\75rl(x)"}}}`, "--xkit-text-dark", "theme: text.colors.dark is not a usable CSS value"},
		{"gradient injection", `{"buttons":{"primary":{"background":{"start":"red","end":"blue);x:y"}}}}`, "--xkit-button-primary-bg", "theme: buttons.primary.background is not a usable CSS value"},
		{"gradient half", `{"buttons":{"primary":{"background":{"start":"red"}}}}`, "--xkit-button-primary-bg", "theme: buttons.primary.background needs start and end colours"},
		{"elevation range", `{"card":{"elevation":7}}`, "--xkit-card-shadow", "theme: card.elevation must be an elevation from 0 to 4"},
		{"elevation fraction", `{"card":{"elevation":1.5}}`, "--xkit-card-shadow", "theme: card.elevation must be an elevation from 0 to 4"},
		{"not a string", `{"tab":{"textColor":12}}`, "--xkit-tab-color", "theme: tab.textColor must be a string"},
		{"empty", `{"tab":{"textColor":"  "}}`, "--xkit-tab-color", "theme: tab.textColor is not a usable CSS value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings := vars(t, tt.option)
			assert.Equal(t, theme.Defaults()[tt.prop], got[tt.prop], "the default stays")
			assert.Equal(t, []string{tt.warning}, warnings)
		})
	}
}

func TestVarsRejectsNames(t *testing.T) {
	got, warnings := vars(t, `{"text":{"colors":{"a b":"red","x:y":"red","":"red"},"sizes":{"450":10,"big":3}}}`)
	assert.Equal(t, theme.Defaults(), got)
	assert.Equal(t, []string{
		`theme: text.colors key "a b" must be letters, digits, - or _`,
		`theme: text.colors key "x:y" must be letters, digits, - or _`,
		"theme: text.sizes.450 is not a size from 100 to 900",
		"theme: text.sizes.big is not a size from 100 to 900",
	}, warnings)
}
