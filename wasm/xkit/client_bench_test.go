//go:build !js

package xkit_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xkit-wasm/xkit/internal/xkitdtest"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// replay answers GET /connectors with a body recorded from xkitd and
// passes every other request on, so the benchmark times the client's side
// of listConnectors (request, token, decoding) without the platform's.
type replay struct {
	next xkit.Transport
	body string
}

func (r *replay) Do(ctx cancel.Context, req xkit.Request) (xkit.Response, error) {
	if req.Method == "GET" && strings.HasSuffix(req.URL, xkit.APIPath+"/connectors") {
		return xkit.Response{Status: 200, StatusText: "OK", Body: r.body}, nil
	}
	return r.next.Do(ctx, req)
}

// BenchmarkListConnectors is Client.ListConnectors plus the connection
// status of every connector in it, for a user with a connection to every
// tenth connector.
func BenchmarkListConnectors(b *testing.B) {
	for _, n := range []int{200, 1000} {
		b.Run(fmt.Sprint(n, "-connectors"), func(b *testing.B) {
			p := xkitdtest.StartSeeded(b, n, "bench")
			token := p.UserToken(b, "bench")
			body := recordConnectors(b, p, token)
			c := xkit.New(xkit.Options{Domain: p.Domain, Scheme: "http",
				Transport: &replay{next: xkit.NewHTTPTransport(p.Client()), body: body}})
			ctx := cancel.Background()
			if err := c.Login(ctx, token, nil); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				v, err := c.ListConnectors(ctx)
				if err != nil {
					b.Fatal(err)
				}
				connected := 0
				for _, k := range v.Items() {
					if xkit.ConnectionStatus(k.Get("connection")) == xkit.StatusConnected {
						connected++
					}
				}
				if connected != (n+xkitdtest.ConnectedEvery-1)/xkitdtest.ConnectedEvery {
					b.Fatalf("%d connected of %d", connected, n)
				}
			}
		})
	}
}

// BenchmarkParseConnectors is the JSON reader alone on the same body.
func BenchmarkParseConnectors(b *testing.B) {
	p := xkitdtest.StartSeeded(b, 1000, "bench")
	body := recordConnectors(b, p, p.UserToken(b, "bench"))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		v, err := jsonv.Parse(body)
		if err != nil || len(v.Get("connectors").Items()) != 1000 {
			b.Fatal(err)
		}
	}
}

func recordConnectors(b *testing.B, p *xkitdtest.Platform, token string) string {
	b.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.URL+xkit.APIPath+"/connectors", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := p.Client().Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		b.Fatalf("%v %s", err, data)
	}
	return string(data)
}
