package jsonv_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

func TestParseValid(t *testing.T) {
	for _, s := range []string{
		`null`, `true`, `false`, `0`, `-0`, `1.5e+10`, `-12.25E-3`, `""`, `"a\"b\\c\/\b\f\n\r\t\u00e9"`,
		`[]`, `{}`, `[1,[2,[3]]]`, `{"a":{"b":[{"c":null}]}}`, " \n\t{ \"k\" : [ 1 , 2 ] }\r\n",
		`"héllo ✓ 😀"`, `{"a":1,"a":2}`,
	} {
		v, err := jsonv.Parse(s)
		require.NoError(t, err, s)
		assert.Equal(t, strings.TrimSpace(s), v.Raw(), "Parse trims only surrounding space")
	}
}

func TestParseInvalid(t *testing.T) {
	for _, tc := range []struct{ in, msg string }{
		{``, "jsonv: unexpected end of input at offset 0"},
		{`   `, "jsonv: unexpected end of input at offset 3"},
		{`nul`, "jsonv: invalid character 'n' at offset 0"},
		{`{"a":1,}`, "jsonv: invalid character '}' at offset 7"},
		{`{"a" 1}`, "jsonv: invalid character '1' at offset 5"},
		{`[1,2`, "jsonv: unexpected end of input at offset 4"},
		{`[1 2]`, "jsonv: invalid character '2' at offset 3"},
		{`01`, "jsonv: data after the value: '1' at offset 1"},
		{`1.`, "jsonv: unexpected end of input at offset 2"},
		{`1e`, "jsonv: unexpected end of input at offset 2"},
		{`-`, "jsonv: unexpected end of input at offset 1"},
		{`+1`, "jsonv: invalid character '+' at offset 0"},
		{`"abc`, "jsonv: unexpected end of input at offset 4"},
		{"\"a\nb\"", "jsonv: control character in string at offset 2"},
		{`"\x"`, "jsonv: invalid escape at offset 2"},
		{`"\u12G4"`, "jsonv: invalid \\u escape at offset 5"},
		{`{"a":1} x`, "jsonv: data after the value: 'x' at offset 8"},
		{`{1:2}`, "jsonv: invalid character '1' at offset 1"},
		{`<html>`, "jsonv: invalid character '<' at offset 0"},
		{strings.Repeat("[", 600) + strings.Repeat("]", 600), "jsonv: nesting too deep at offset 512"},
	} {
		_, err := jsonv.Parse(tc.in)
		require.Error(t, err, tc.in)
		assert.Equal(t, tc.msg, err.Error(), tc.in)
	}
}

func TestStrUnescapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"plain"`, "plain"},
		{`"a\"b\\c\/d"`, `a"b\c/d`},
		{`"\b\f\n\r\t"`, "\b\f\n\r\t"},
		{`"\u00e9\u4e2D"`, "é中"},
		{`"\ud83d\ude00 smile"`, "😀 smile"},
		{`"\uD83D"`, "\uFFFD"},              // lone high surrogate
		{`"\ude00x"`, "\uFFFDx"},            // lone low surrogate
		{`"\ud83d\u0041"`, "\uFFFDA"},       // high surrogate followed by a non-surrogate
		{`"\ud83d\ud83d\ude00"`, "\uFFFD😀"}, // two highs then a low
		{`"raw 😀 stays"`, "raw 😀 stays"},
	} {
		v, err := jsonv.Parse(tc.in)
		require.NoError(t, err, tc.in)
		got, ok := v.Str()
		require.True(t, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	for _, s := range []string{`1`, `null`, `[]`, ``} {
		_, ok := jsonv.Raw(s).Str()
		assert.False(t, ok, s)
	}
}

func TestGet(t *testing.T) {
	v, err := jsonv.Parse(`{
		"connection": {"id": "c1", "enabled": true, "authorization": null,
			"connector": {"slug": "slack", "tags": ["a", {"x": 1}], "extra": {"deep": {"er": "yes"}}}},
		"esc\u0061ped": 1, "dup": 1, "dup": 2, "n": -1.5e3
	}`)
	require.NoError(t, err)

	assert.Equal(t, `"slack"`, v.Get("connection", "connector", "slug").Raw())
	assert.Equal(t, `{"er": "yes"}`, v.Get("connection", "connector", "extra", "deep").Raw())
	assert.Equal(t, `["a", {"x": 1}]`, v.Get("connection", "connector", "tags").Raw())
	assert.Equal(t, "1", v.Get("escaped").Raw(), "keys compare unescaped")
	assert.Equal(t, "2", v.Get("dup").Raw(), "the last duplicate wins, as in JSON.parse")

	auth := v.Get("connection", "authorization")
	assert.True(t, auth.Exists())
	assert.True(t, auth.IsNull())
	assert.Equal(t, jsonv.KindNull, auth.Kind())

	missing := v.Get("connection", "nope", "deeper")
	assert.False(t, missing.Exists())
	assert.False(t, missing.IsNull())
	assert.Equal(t, jsonv.KindMissing, missing.Kind())
	assert.False(t, v.Get("connection", "id", "x").Exists(), "a member of a string is missing")
	assert.Equal(t, v, v.Get(), "an empty path is the value itself")

	b, ok := v.Get("connection", "enabled").Bool()
	assert.True(t, ok)
	assert.True(t, b)
	f, ok := v.Get("n").Float()
	assert.True(t, ok)
	assert.Equal(t, -1500.0, f)

	kinds := map[string]jsonv.Kind{"connection": jsonv.KindObject, "n": jsonv.KindNumber, "dup": jsonv.KindNumber}
	for k, want := range kinds {
		assert.Equal(t, want, v.Get(k).Kind(), k)
	}
	assert.Equal(t, jsonv.KindArray, v.Get("connection", "connector", "tags").Kind())
	assert.Equal(t, jsonv.KindString, v.Get("connection", "id").Kind())
	assert.Equal(t, jsonv.KindBool, v.Get("connection", "enabled").Kind())
}

func TestMembersAndItems(t *testing.T) {
	v := jsonv.Raw(`{"a": [1, "two", {"three": 3}], "b\n": null}`)
	ms := v.Members()
	require.Len(t, ms, 2)
	assert.Equal(t, "a", ms[0].Key)
	assert.Equal(t, "b\n", ms[1].Key)
	items := ms[0].Value.Items()
	require.Len(t, items, 3)
	assert.Equal(t, `"two"`, items[1].Raw())
	assert.Equal(t, "3", items[2].Get("three").Raw())
	assert.Equal(t, []jsonv.Value{}, jsonv.Raw(`[ ]`).Items())
	assert.Nil(t, jsonv.Raw(`{}`).Items())
	assert.Nil(t, jsonv.Raw(`[]`).Members())
}

func TestMalformedRawNeverPanics(t *testing.T) {
	for _, s := range []string{`{`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,`, `[1,`, `"\`, `{"a":[}`, `"\u12`, `{"a\":1}`} {
		v := jsonv.Raw(s)
		assert.False(t, v.Get("a", "b").Exists(), s)
		v.Members()
		v.Items()
		v.Str()
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{`say "hi" \o/`, `"say \"hi\" \\o/"`},
		{"tab\tnl\ncr\rbs\bff\f", `"tab\tnl\ncr\rbs\bff\f"`},
		{"\x00\x1f", `"\u0000\u001f"`},
		{"é😀", `"é😀"`},
		{"bad\xffbyte", `"bad\ufffdbyte"`},
		{"line\u2028para\u2029", `"line\u2028para\u2029"`},
		{"</script>", `"</script>"`},
	} {
		assert.Equal(t, tc.want, jsonv.Quote(tc.in), tc.in)
	}
}

func TestBuildersRoundTrip(t *testing.T) {
	inner := jsonv.Object(jsonv.Member{Key: "id", Value: jsonv.String("c-1")})
	v := jsonv.Object(
		jsonv.Member{Key: "state", Value: jsonv.String("s\"1")},
		jsonv.Member{Key: "skipped", Value: jsonv.Value{}},
		jsonv.Member{Key: "null", Value: jsonv.Raw("null")},
		jsonv.Member{Key: "odd \"key\"", Value: inner},
		jsonv.Member{Key: "list", Value: jsonv.Array(jsonv.String("x"), jsonv.Value{}, jsonv.Raw("2"))},
	)
	assert.Equal(t, `{"state":"s\"1","null":null,"odd \"key\"":{"id":"c-1"},"list":["x",null,2]}`, v.Raw())

	parsed, err := jsonv.Parse(v.Raw())
	require.NoError(t, err)
	s, _ := parsed.Get("state").Str()
	assert.Equal(t, `s"1`, s)
	id, _ := parsed.Get(`odd "key"`, "id").Str()
	assert.Equal(t, "c-1", id)
	assert.False(t, parsed.Get("skipped").Exists())
	assert.Equal(t, "{}", jsonv.Object().Raw())
	assert.Equal(t, "[]", jsonv.Array().Raw())
}

// Values from Parse are read without checking again (by quotes and
// brackets); they must read exactly as Raw values, which are checked.
func TestParsedReadsAsRaw(t *testing.T) {
	for _, s := range []string{
		`{"a":"x\\\"}]y","b":[1,"\\",{"c":"\"{"}],"d":-1.5e3,"e":true,"f":null}`,
		`[ "\\\\" , {"k" : [ ] } , 0 , false ]`,
		`{"":{"":""},"x":"\u0022]"}`,
	} {
		parsed, err := jsonv.Parse(s)
		require.NoError(t, err, s)
		raw := jsonv.Raw(s)
		require.Equal(t, raw.Raw(), parsed.Raw())
		for _, k := range []string{"a", "b", "c", "d", "e", "f", "", "x", "k"} {
			assert.Equal(t, raw.Get(k).Raw(), parsed.Get(k).Raw(), "Get(%q) in %s", k, s)
		}
		var want, got []string
		for _, it := range raw.Items() {
			want = append(want, it.Raw())
		}
		for _, it := range parsed.Items() {
			got = append(got, it.Raw())
		}
		assert.Equal(t, want, got, "Items of %s", s)
		assert.Equal(t, len(raw.Members()), len(parsed.Members()), "Members of %s", s)
	}
	v, _ := jsonv.Parse(`{"a":"x\\\"}]y","b":[1,"\\",{"c":"\"{"}]}`)
	assert.Equal(t, `"x\\\"}]y"`, v.Get("a").Raw())
	assert.Equal(t, `"\"{"`, v.Get("b").Items()[2].Get("c").Raw())
}
