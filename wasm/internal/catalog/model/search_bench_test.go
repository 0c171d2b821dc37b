//go:build !js

package model_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// connectors1000 is xkitd's listConnectors answer for 1,000 connectors
// (a connection to every tenth), as JSON.
func connectors1000(b *testing.B) jsonv.Value {
	b.Helper()
	p := xkitdtest.StartSeeded(b, 1000, "bench")
	req, _ := http.NewRequest(http.MethodGet, p.URL+"/api/platform_user/connectors", nil)
	req.Header.Set("Authorization", "Bearer "+p.UserToken(b, "bench"))
	res, err := p.Client().Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	v, err := jsonv.Parse(string(data))
	if err != nil {
		b.Fatal(err)
	}
	return v.Get("connectors")
}

// BenchmarkSearch is one keystroke's filtering over 1,000 connectors: a
// letter that keeps a few (the bench's "q"), one that keeps most, a
// fuzzy query, and the empty box.
func BenchmarkSearch(b *testing.B) {
	cs := model.ConnectorsFrom(connectors1000(b))
	for _, q := range []string{"q", "a", "sfrc", "cloud mail", ""} {
		b.Run("query="+q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				model.Search(cs, q)
			}
		})
	}
}

// BenchmarkConnectorsFrom reads 1,000 connectors and their badges from
// listConnectors' JSON, what the catalog does on every load.
func BenchmarkConnectorsFrom(b *testing.B) {
	list := connectors1000(b)
	b.ReportAllocs()
	for b.Loop() {
		cs := model.ConnectorsFrom(list)
		badges := 0
		for _, c := range cs {
			if _, ok := model.BadgeFor(i18n.English(), c.Installed()); ok {
				badges++
			}
		}
		if len(cs) != 1000 || badges != 100 {
			b.Fatalf("%d connectors, %d badges", len(cs), badges)
		}
	}
}
