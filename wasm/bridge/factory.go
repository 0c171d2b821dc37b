//go:build js

package bridge

import (
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
)

// GlobalName is where the wasm leaves its factory for the loader.
const GlobalName = "__xkitGo"

// Register puts the SDK factory on globalThis for web/xkit.js:
//
//	globalThis.__xkitGo = { version, methods, create(domain, pageScheme) }
//
// methods is Methods ({async, popup, sync}: the names of the SDK object's
// own methods by kind).
// create returns the SDK object (see SDK.Object), or an Error to throw when
// the domain is unusable. Each extension is called with every SDK made, to
// add to it what the program has beside the SDK (wasm/main.go adds the
// catalog). The factory lives as long as the program, which owns its
// js.Func; the returned release is for tests.
func Register(extensions ...func(*SDK)) (unregister func()) {
	create := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any {
		domain, scheme := jsinterop.Arg(args, 0), jsinterop.Arg(args, 1)
		if domain.Type() != js.TypeString {
			return ErrorValue(argError("init", "domain", `a host name such as "example.xkit.co"`))
		}
		pageScheme := ""
		if scheme.Type() == js.TypeString {
			pageScheme = scheme.String()
		}
		s, err := New(domain.String(), pageScheme)
		if err != nil {
			return ErrorValue(err)
		}
		for _, extend := range extensions {
			extend(s)
		}
		return s.Object()
	})
	factory := js.Global().Get("Object").New()
	factory.Set("version", Version)
	factory.Set("methods", methodsValue())
	factory.Set("create", create)
	js.Global().Set(GlobalName, factory)
	return func() {
		js.Global().Delete(GlobalName)
		jsinterop.Release(create)
	}
}
