//go:build js && wasm

// Command sdk is the browser SDK alone, without the catalog widget, for
// pages that draw their own UI: the same factory as wasm/main.go (the SDK +
// catalog build), smaller. Build it beside web/xkit.wasm with
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o web/xkit-sdk.wasm ./wasm/cmd/sdk
//
// (build.sh's -gcflags apply here too). Its SDK object has no
// renderCatalog, renderCatalogDefault or unmountCatalog.
package main

import "github.com/xkit-wasm/xkit/wasm/bridge"

func main() {
	bridge.Register()
	select {} // the SDK answers JS calls from here on
}
