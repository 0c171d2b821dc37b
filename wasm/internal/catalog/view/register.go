//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
)

// Define adds the catalog's calls to an SDK's JS object (define is
// bridge.SDK.Define), for web/xkit.js to copy onto window.xkit:
//
//	renderCatalog(el, opts, env)       → {el, pushHistory} or an Error to throw
//	renderCatalogDefault(elemId, env)  → the same, or null when not rendered
//	unmountCatalog(el)                 → boolean
//
// env is the loader's (web/xkit.js catalogEnv): the catalog's language,
// its messages and colour scheme. sdk is the catalog's one way to the
// platform.
func Define(define func(name string, fn func(args []js.Value) any), sdk app.SDK) {
	define("renderCatalog", func(args []js.Value) any {
		return result(Render(sdk, jsinterop.Arg(args, 0), jsinterop.Arg(args, 1), jsinterop.Arg(args, 2), ""))
	})
	define("renderCatalogDefault", func(args []js.Value) any {
		return result(RenderDefault(sdk, jsinterop.Arg(args, 0), jsinterop.Arg(args, 1)))
	})
	define("unmountCatalog", func(args []js.Value) any { return Unmount(jsinterop.Arg(args, 0)) })
}

func result(v js.Value, err error) any {
	if err != nil {
		return global.Get("Error").New(err.Error())
	}
	return v
}

// RenderDefault is renderCatalogDefault: options from the element's data-
// attributes (the loader read data-locale and data-color-scheme into
// env); data-token logs in first.
func RenderDefault(sdk app.SDK, id, env js.Value) (js.Value, error) {
	name := "xkit-app"
	if id.Type() == js.TypeString && id.String() != "" {
		name = id.String()
	}
	host := doc.Call("getElementById", name)
	if !host.Truthy() {
		warn("renderCatalogDefault: no element with id \"" + name + "\"")
		return js.Null(), nil
	}
	data := host.Get("dataset")
	opts := global.Get("Object").New()
	for _, p := range [][2]string{{"path", "rootPath"}, {"connectorsPath", "connectorsPath"}, {"router", "routerType"}, {"title", "title"}} {
		if v := data.Get(p[0]); v.Type() == js.TypeString {
			opts.Set(p[1], v)
		}
	}
	// As in xkit-catalog.js, these count by presence: data-hide-title="false" hides too.
	for _, p := range [][2]string{{"hideTitle", "hideTitle"}, {"hideSearch", "hideSearch"}} {
		if v := data.Get(p[0]); v.Type() == js.TypeString {
			opts.Set(p[1], true)
		}
	}
	root := str(opts, "rootPath")
	kind := route.ParseKind(str(opts, "routerType"))
	if !route.ShouldRenderDefault(root, kind, global.Get("location").Get("pathname").String()) {
		return js.Null(), nil
	}
	token := ""
	if t := data.Get("token"); t.Type() == js.TypeString {
		token = t.String()
	}
	return Render(sdk, host, opts, env, token)
}
