//go:build js

package view

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/route"
)

// Register puts the catalog calls on the SDK factory for web/xkit.js:
//
//	factory.renderCatalog(sdk, el, opts)       → {el, pushHistory} or an Error to throw
//	factory.renderCatalogDefault(sdk, elemId)  → the same, or null when not rendered
//	factory.unmountCatalog(el)                 → boolean
//
// sdk is the page's public SDK object (window.xkit), the catalog's only way
// to the platform. The returned func releases the three functions (tests).
func Register(factory js.Value) (unregister func()) {
	render := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any {
		return result(Render(jsinterop.Arg(args, 0), jsinterop.Arg(args, 1), jsinterop.Arg(args, 2), js.Undefined()))
	})
	def := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any {
		return result(RenderDefault(jsinterop.Arg(args, 0), jsinterop.Arg(args, 1)))
	})
	unmount := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any { return Unmount(jsinterop.Arg(args, 0)) })
	factory.Set("renderCatalog", render)
	factory.Set("renderCatalogDefault", def)
	factory.Set("unmountCatalog", unmount)
	return func() { jsinterop.Release(render); jsinterop.Release(def); jsinterop.Release(unmount) }
}

func result(v js.Value, err error) any {
	if err != nil {
		return global.Get("Error").New(err.Error())
	}
	return v
}

// RenderDefault is renderCatalogDefault: options from the element's data-
// attributes; data-token logs in first.
func RenderDefault(sdk, id js.Value) (js.Value, error) {
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
	for _, p := range [][2]string{{"hideTitle", "hideTitle"}, {"hideSearch", "hideSearch"}} {
		if v := data.Get(p[0]); v.Type() == js.TypeString {
			opts.Set(p[1], v.String() != "false")
		}
	}
	root := str(opts, "rootPath")
	kind := route.ParseKind(str(opts, "routerType"))
	if !route.ShouldRenderDefault(root, kind, global.Get("location").Get("pathname").String()) {
		return js.Null(), nil
	}
	before := js.Undefined()
	if t := data.Get("token"); t.Type() == js.TypeString && t.String() != "" && fn(sdk, "login").Truthy() {
		_ = jsinterop.Catch(func() { before = sdk.Call("login", t) })
	}
	return Render(sdk, host, opts, before)
}
