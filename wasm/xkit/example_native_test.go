//go:build !js

package xkit_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// A native program (or test) talks to a platform the way a page does: the
// HTTP transport keeps the session cookie, as fetch does.
func Example() {
	ctx := context.Background()
	c := xkit.New(xkit.Options{
		Domain:    "127.0.0.1:8080",
		Scheme:    "http",
		Version:   "3.14.1",
		Transport: xkit.NewHTTPTransport(http.DefaultClient),
	})
	// token comes from the host app's backend (POST /api/platform/users).
	token := "..."
	if err := c.Login(ctx, token, nil); err != nil {
		fmt.Println("login:", err)
		return
	}
	connectors, err := c.ListConnectors(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(connectors.Raw()) // JSON text, every field as the platform sent it
}

// Calls that need the user fall back to the public API when logged out.
func ExampleClient_GetConnectionOrConnector() {
	c := xkit.New(xkit.Options{Domain: "127.0.0.1:8080", Scheme: "http", Transport: xkit.NewHTTPTransport(nil)})
	v, err := c.GetConnectionOrConnector(context.Background(), "slack")
	if err != nil {
		fmt.Println(err)
		return
	}
	switch xkit.ConnectionStatus(v) {
	case xkit.StatusConnected:
		fmt.Println("connected")
	case xkit.StatusError:
		fmt.Println("needs reconnecting")
	default:
		name, _ := v.Get("connector", "name").Str()
		fmt.Println("install", name)
	}
}
