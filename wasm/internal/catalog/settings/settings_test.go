package settings_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

const fieldsJSON = `[
  {"type":"text","name":"channel","label":"Channel","placeholder":"#general","hint":"Where to post","value":"#random","x-extra":1},
  {"type":"select","name":"freq","options":["hourly",{"value":"daily","label":"Every day"},{"value":"weekly"}],"value":"daily"},
  {"type":"select-multiple","name":"events","label":"Events","options":["push","pr","issue"],"value":["push"]},
  {"type":"switch","name":"enabled","description":"Post updates","value":true},
  {"type":"text","name":"count","value":5}
]`

func parse(t *testing.T, s string) settings.Form {
	t.Helper()
	v, err := jsonv.Parse(s)
	require.NoError(t, err)
	form, warnings := settings.Parse(v)
	require.Empty(t, warnings)
	return form
}

func TestParse(t *testing.T) {
	form := parse(t, fieldsJSON)
	require.Len(t, form.Fields, 5)

	text := form.Fields[0]
	assert.Equal(t, settings.Text, text.Type)
	assert.Equal(t, "Channel", text.DisplayLabel())
	assert.Equal(t, "#general", text.Placeholder)
	assert.Equal(t, "Where to post", text.Hint)
	assert.Equal(t, "#random", text.Value)

	sel := form.Fields[1]
	assert.Equal(t, "Freq", sel.DisplayLabel(), "no label: the name in words, never as it is")
	assert.Equal(t, []settings.Option{{"hourly", "hourly"}, {"daily", "Every day"}, {"weekly", "weekly"}}, sel.Options)
	assert.Equal(t, "daily", sel.Value)
	assert.True(t, sel.Selected("daily"))
	assert.False(t, sel.Selected("hourly"))

	multi := form.Fields[2]
	assert.Equal(t, []string{"push"}, multi.Values)
	assert.True(t, multi.Selected("push"))

	sw := form.Fields[3]
	assert.True(t, sw.On)
	assert.Equal(t, "Post updates", sw.Description)

	assert.Equal(t, "5", form.Fields[4].Value, "a number shows as its digits")
}

func TestParseWarnings(t *testing.T) {
	tests := []struct {
		in       string
		fields   int
		warnings []string
	}{
		{``, 0, nil},
		{`null`, 0, nil},
		{`[]`, 0, nil},
		{`{"type":"text"}`, 0, []string{"Ignored settings that are not an array of fields."}},
		{`[{"type":"date","name":"d"},{"name":"n"},{"type":"text","name":"ok"}]`, 1,
			[]string{`Ignored unsupported settings field type "date".`, `Ignored unsupported settings field type "".`}},
		{`[{"type":"text"}]`, 0, []string{"Ignored a settings field without a name."}},
		{`[{"type":7,"name":"x"}]`, 0, []string{`Ignored unsupported settings field type "7".`}},
	}
	for _, tt := range tests {
		form, warnings := settings.Parse(jsonv.Raw(tt.in))
		assert.Len(t, form.Fields, tt.fields, tt.in)
		assert.Equal(t, tt.warnings, warnings, tt.in)
	}
}

func TestPrompt(t *testing.T) {
	opts := []settings.Option{{"a", "Alpha"}, {"b", "Beta"}}
	tests := []struct {
		field settings.Field
		want  string
		ok    bool
	}{
		{settings.Field{Type: settings.Select, Options: opts}, "Select one…", true},
		{settings.Field{Type: settings.Select, Options: opts, Placeholder: "Pick"}, "Pick", true},
		{settings.Field{Type: settings.Select, Options: opts, Value: "b"}, "", false},
		{settings.Field{Type: settings.Select, Options: opts, Value: "zzz"}, "Select one…", true},
		{settings.Field{Type: settings.SelectMultiple, Options: opts}, "", false},
		{settings.Field{Type: settings.Text}, "", false},
	}
	for _, tt := range tests {
		got, ok := tt.field.Prompt("Select one…")
		assert.Equal(t, tt.want, got, "%+v", tt.field)
		assert.Equal(t, tt.ok, ok, "%+v", tt.field)
	}
}

func TestDisplayLabel(t *testing.T) {
	for name, want := range map[string]string{
		"api_key": "Api key", "apiKey": "Api key", "api-key": "Api key", "channel": "Channel",
		"__x__": "X", "HTTPProxy": "HTTPProxy", "a.b_c": "A b c", "": "",
	} {
		f := settings.Field{Name: name}
		assert.Equal(t, want, f.DisplayLabel(), name)
	}
	f := settings.Field{Name: "api_key", Label: "API Key"}
	assert.Equal(t, "API Key", f.DisplayLabel(), "the label wins")
}

func TestEditAndJSON(t *testing.T) {
	form := parse(t, fieldsJSON)
	assert.Equal(t, jsonv.Raw(fieldsJSON).Items(), form.JSON().Items(), "unchanged fields go back as they came")

	assert.True(t, form.SetText("channel", `#dev "team"`))
	assert.True(t, form.Choose("freq", "weekly"))
	assert.False(t, form.Choose("freq", "yearly"), "not an option")
	assert.True(t, form.Choose("events", "pr"))
	assert.True(t, form.Choose("events", "pr"), "choosing twice keeps one")
	assert.True(t, form.Unchoose("events", "push"))
	assert.True(t, form.SetSwitch("enabled", false))
	assert.False(t, form.SetText("nope", "x"))
	assert.False(t, form.SetText("freq", "x"), "freq is not a text field")
	assert.False(t, form.SetSwitch("channel", true))
	assert.False(t, form.Unchoose("freq", "daily"), "a single select cannot be emptied")

	items := form.JSON().Items()
	require.Len(t, items, 5)
	assert.Equal(t, `{"type":"text","name":"channel","label":"Channel","placeholder":"#general","hint":"Where to post","x-extra":1,"value":"#dev \"team\""}`, items[0].Raw())
	assert.Equal(t, `"weekly"`, items[1].Get("value").Raw())
	assert.Equal(t, `["pr"]`, items[2].Get("value").Raw())
	assert.Equal(t, `false`, items[3].Get("value").Raw())
	assert.Equal(t, `{"type":"text","name":"count","value":5}`, items[4].Raw())

	assert.True(t, form.Unchoose("events", "pr"))
	assert.Equal(t, `[]`, form.JSON().Items()[2].Get("value").Raw(), "emptied multi select is an empty array")

	again, warnings := settings.Parse(form.JSON())
	assert.Empty(t, warnings)
	assert.Equal(t, `#dev "team"`, again.Fields[0].Value)
}

func TestValidation(t *testing.T) {
	form := parse(t, `[{"type":"text","name":"a","value":""},{"type":"switch","name":"b"}]`)
	assert.False(t, form.HasErrors())

	// The callback answers with a message on the field it rejects.
	answer := parse(t, `[{"type":"text","name":"a","value":"","validationMessage":"Channel is required"},{"type":"switch","name":"b"}]`)
	assert.True(t, answer.HasErrors())
	assert.True(t, answer.Fields[0].Invalid())
	assert.Equal(t, "Channel is required", answer.Fields[0].ValidationMessage)
	assert.False(t, answer.Fields[1].Invalid())
	assert.False(t, answer.Fields[1].On, "a switch without value is off")
}

func TestJSONDropsTheLastAnswersMessages(t *testing.T) {
	form := parse(t, `[
		{"type":"text","name":"a","value":"x","validationMessage":"too short","extra":1},
		{"type":"switch","name":"b","value":false}]`)
	require.True(t, form.SetSwitch("b", true))
	assert.JSONEq(t, `[{"type":"text","name":"a","value":"x","extra":1},{"type":"switch","name":"b","value":true}]`,
		form.JSON().Raw(), "the callback judges the values afresh")
}
