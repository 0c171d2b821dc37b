package jsonv_test

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// FuzzParse holds jsonv to encoding/json: the same texts are valid, strings
// unescape to the same text, and every top-level member is found with the
// same raw value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"connector":{"slug":"slack","mark_url":"https://x/logos/slack.svg"}}`,
		`{"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00","d":-0.5e-7,"a":true}`,
		`"\uD800"`, `"\\\/\b"`, `[[[[]]]]`, `{"":""}`, `01`, `1.`, `{"a":}`, `"\x"`, "\"\x7f\"",
		`{"error":"Unauthorized"}`, ` true `, `nul`, `[1,]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := jsonv.Parse(s)
		if (err == nil) != json.Valid([]byte(s)) {
			t.Fatalf("Parse(%q) error %v, json.Valid %v", s, err, json.Valid([]byte(s)))
		}
		if err != nil || !utf8.ValidString(s) {
			return
		}
		if str, ok := v.Str(); ok {
			var want string
			if err := json.Unmarshal([]byte(s), &want); err != nil || str != want {
				t.Fatalf("Str(%q) = %q, encoding/json %q", s, str, want)
			}
			if back, _ := jsonv.Raw(jsonv.Quote(str)).Str(); back != str {
				t.Fatalf("Quote round trip of %q gave %q", str, back)
			}
		}
		var members map[string]json.RawMessage
		if json.Unmarshal([]byte(s), &members) == nil {
			for k, raw := range members {
				if got := v.Get(k).Raw(); got != string(raw) {
					t.Fatalf("Get(%q) in %q = %q, encoding/json %q", k, s, got, raw)
				}
				// Raw text is read with the checking scanner, Parse's without.
				if got := jsonv.Raw(s).Get(k).Raw(); got != string(raw) {
					t.Fatalf("Raw(%q).Get(%q) = %q, encoding/json %q", s, k, got, raw)
				}
			}
		}
	})
}
