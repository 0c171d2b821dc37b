package jsonv_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// connectorsBody is shaped like GET /connectors for n connectors: mostly
// short strings and nested objects, some escapes.
func connectorsBody(n int) string {
	var b strings.Builder
	b.WriteString(`{"connectors":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		id := strconv.Itoa(i)
		b.WriteString(`{"name":"App ` + id + `","slug":"app-` + id + `","short_description":"Sync \"records\" with App ` + id +
			` in real time.","mark_url":"https://example.com/logos/app-` + id + `.svg","about":"## About\nApp ` + id +
			` keeps your data in step.\n\n- one\n- two","connection":`)
		if i%10 == 0 {
			b.WriteString(`{"id":"c-` + id + `","enabled":true,"authorization":{"status":"active","display_label":"seeded"}}`)
		} else {
			b.WriteString(`null`)
		}
		b.WriteString(`,"settings":[],"price":1.5e2,"beta":false}`)
	}
	b.WriteString(`]}`)
	return b.String()
}

// BenchmarkDecodeConnectors is what the SDK does with a listConnectors
// answer: parse it, look for an "error" member, take "connectors". Run it
// under Node too (GOOS=js GOARCH=wasm), where it matters.
func BenchmarkDecodeConnectors(b *testing.B) {
	body := connectorsBody(200)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		v, err := jsonv.Parse(body)
		if err != nil || v.Get("error").Exists() || v.Get("connectors").Kind() != jsonv.KindArray {
			b.Fatal(err)
		}
	}
}
