//go:build js

package bridge

import (
	"errors"
	"strings"
	"sync"
	"syscall/js"

	"github.com/xkit-wasm/xkit/internal/jsinterop"
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// Version is sent as the Xkit-Js-Version header: the xkit.js release this
// SDK stands in for, marked as the Go build.
const Version = "3.14.1-go"

// SDK is one xkit object: the core client, its listeners and the JS methods
// that call them. It owns the methods' js.Funcs (Release).
type SDK struct {
	client *xkit.Client
	events *emitter
	host   host
	object js.Value
	funcs  []js.Func

	flows      flowPromises // connect.go: one Promise per running flow
	originOnce sync.Once
	origin     string // the platform's origin, as event.origin spells it

	// config:update's tokenCallback (configPayload): logins take turns, so
	// the one reporting its token is the one whose callback loginFn holds;
	// redirect is the default callback.
	loginMu  sync.Mutex
	loginFn  js.Value
	redirect js.Func
}

// New makes the SDK for a platform domain ("example.xkit.co",
// "localhost:8080"). pageScheme is the page's location.protocol; it only
// matters for loopback domains (see Scheme).
func New(domain, pageScheme string) (*SDK, error) {
	return newSDK(domain, pageScheme, Fetch{})
}

func newSDK(domain, pageScheme string, t xkit.Transport) (*SDK, error) {
	if domain == "" || strings.ContainsAny(domain, "/?#@ \t\r\n") {
		return nil, &xkit.ArgError{Arg: "domain", Message: `init: domain must be a host name such as "example.xkit.co" or "localhost:8080", not a URL (got "` + domain + `")`}
	}
	s := &SDK{host: host{}, object: js.Global().Get("Object").New()}
	s.events = newEmitter(s.host.Warn)
	s.events.adapt = s.configPayload
	s.client = xkit.New(xkit.Options{
		Domain:    domain,
		Scheme:    Scheme(domain, pageScheme),
		Version:   Version,
		Transport: t,
		Host:      s.host,
		Emit:      s.events.emit,
	})
	s.define()
	return s, nil
}

// Object is the JS object whose methods the loader copies onto window.xkit.
// Asynchronous methods return Promises. Go cannot throw into JS, so the
// synchronous ones (on, off, connectionStatus) return an Error object to mean
// "throw this"; the loader does the throwing.
func (s *SDK) Object() js.Value { return s.object }

// Release frees the methods' js.Funcs; the object must not be called after.
func (s *SDK) Release() {
	for _, f := range s.funcs {
		jsinterop.Release(f)
	}
	s.funcs = nil
	jsinterop.Release(s.redirect)
}

// configPayload makes a config:update payload what xkit.js sent: logout's
// {token: null} (JSON has no undefined) is {token: undefined}, and a
// login's tokenCallback (true: the page's, false: the default) is the
// function itself.
func (s *SDK) configPayload(typ string, v js.Value) {
	if typ != "config:update" || v.Type() != js.TypeObject {
		return
	}
	if v.Get("token").IsNull() {
		v.Set("token", js.Undefined())
	}
	if cb := v.Get("tokenCallback"); cb.Type() == js.TypeBoolean {
		if cb.Bool() && s.loginFn.Type() == js.TypeFunction {
			v.Set("tokenCallback", s.loginFn)
		} else {
			v.Set("tokenCallback", s.redirect)
		}
	}
}

// task is the part of a method that runs in its own goroutine.
type task func(ctx cancel.Context) (js.Value, error)

// async defines a Promise-returning method: check checks the arguments right
// away and either refuses them (a rejected Promise) or gives the task to run.
func (s *SDK) async(name string, check func(args []js.Value) (task, error)) {
	s.set(name, func(args []js.Value) any {
		run, err := check(args)
		if err != nil {
			return Rejected(err)
		}
		return Go(run)
	})
}

// sync defines a synchronous method; an error is returned as an Error value.
func (s *SDK) sync(name string, fn func(args []js.Value) (any, error)) {
	s.set(name, func(args []js.Value) any {
		v, err := fn(args)
		if err != nil {
			return ErrorValue(err)
		}
		return v
	})
}

func (s *SDK) set(name string, fn func(args []js.Value) any) {
	f := jsinterop.FuncOf(func(_ js.Value, args []js.Value) any { return fn(args) })
	s.funcs = append(s.funcs, f)
	s.object.Set(name, f)
}

// none is the result of a call that resolves to undefined.
func none(err error) (js.Value, error) { return js.Undefined(), err }

// runJSON is a task whose result is the core's JSON.
func runJSON(call func(ctx cancel.Context) (jsonv.Value, error)) task {
	return func(ctx cancel.Context) (js.Value, error) { return jsonResult(call(ctx)) }
}

// tokenFunc makes a page function (sync or async) the core's TokenFunc.
func tokenFunc(fn js.Value) xkit.TokenFunc {
	return func(ctx cancel.Context) (string, error) {
		var p js.Value
		if err := jsinterop.Catch(func() { p = fn.Invoke() }); err != nil {
			return "", err
		}
		v, err := jsinterop.Await(ctx, p)
		if err != nil {
			return "", err
		}
		if v.Type() != js.TypeString || v.String() == "" {
			return "", errors.New("login: the token function must return a non-empty string (or a promise of one), got " + jsinterop.String(v))
		}
		return v.String(), nil
	}
}

// loginArgs reads login(tokenOrFunc, tokenCallback?): the login to run and
// the page's callback (the function given, if any) for config:update.
func (s *SDK) loginArgs(first, callback js.Value) (func(cancel.Context) error, js.Value, error) {
	c := s.client
	if first.Type() == js.TypeFunction {
		fn := tokenFunc(first)
		return func(ctx cancel.Context) error { return c.LoginFunc(ctx, fn) }, first, nil
	}
	token, err := stringArg("login", "token", first, "a non-empty string, or a function that returns a promise of one")
	if err != nil {
		return nil, js.Undefined(), err
	}
	var cb xkit.TokenFunc
	if !isNullish(callback) {
		if callback.Type() != js.TypeFunction {
			return nil, js.Undefined(), argError("login", "tokenCallback", "a function that returns a promise of a token")
		}
		cb = tokenFunc(callback)
	}
	return func(ctx cancel.Context) error { return c.Login(ctx, token, cb) }, callback, nil
}

// warnError prints err as xkit.js printed a failed login:
// console.warn("Xkit:", error).
func (s *SDK) warnError(err error) {
	js.Global().Get("console").Call("warn", "Xkit:", ErrorValue(err))
}

func (s *SDK) define() {
	c := s.client

	// login always resolves undefined, as xkit.js's did: a bad or missing
	// token, or a token function that fails, is a console warning, and a
	// page that awaits login goes on rendering (logged out).
	s.set("login", func(args []js.Value) any {
		login, fn, err := s.loginArgs(jsinterop.Arg(args, 0), jsinterop.Arg(args, 1))
		if err != nil {
			s.warnError(err)
			return jsinterop.Resolved(js.Undefined())
		}
		return Go(func(ctx cancel.Context) (js.Value, error) {
			s.loginMu.Lock()
			defer s.loginMu.Unlock()
			s.loginFn = fn
			defer func() { s.loginFn = js.Undefined() }()
			if err := login(ctx); err != nil {
				s.warnError(err)
			}
			return js.Undefined(), nil
		})
	})
	s.redirect = jsinterop.FuncOf(func(js.Value, []js.Value) any {
		return Go(func(ctx cancel.Context) (js.Value, error) {
			_, err := c.DefaultTokenCallback(ctx)
			return js.Undefined(), err
		})
	})
	s.async("logout", func([]js.Value) (task, error) {
		return func(ctx cancel.Context) (js.Value, error) { return none(c.Logout(ctx)) }, nil
	})
	s.async("getAccessToken", func([]js.Value) (task, error) {
		return func(ctx cancel.Context) (js.Value, error) {
			token, err := c.GetAccessToken(ctx)
			if err != nil {
				return js.Undefined(), err
			}
			return js.ValueOf(token), nil
		}, nil
	})
	s.async("getPlatform", func([]js.Value) (task, error) { return runJSON(c.GetPlatform), nil })
	s.async("listConnectors", func([]js.Value) (task, error) { return runJSON(c.ListConnectors), nil })

	s.async("getConnector", func(args []js.Value) (task, error) {
		slug, err := slugArg("getConnector", "slug", jsinterop.Arg(args, 0))
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.GetConnector(ctx, slug) }), err
	})
	s.async("listConnections", func(args []js.Value) (task, error) {
		slug := ""
		if v := jsinterop.Arg(args, 0); !isNullish(v) {
			var err error
			if slug, err = slugArg("listConnections", "slug", v); err != nil {
				return nil, err
			}
		}
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.ListConnections(ctx, slug) }), nil
	})
	s.async("getConnection", func(args []js.Value) (task, error) {
		q, err := queryArg("getConnection", jsinterop.Arg(args, 0), s.host.Warn)
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.GetConnection(ctx, q) }), err
	})
	s.async("getConnectionOrConnector", func(args []js.Value) (task, error) {
		slug, err := slugArg("getConnectionOrConnector", "slug", jsinterop.Arg(args, 0))
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.GetConnectionOrConnector(ctx, slug) }), err
	})
	s.async("getConnectionToken", func(args []js.Value) (task, error) {
		q, err := queryArg("getConnectionToken", jsinterop.Arg(args, 0), s.host.Warn)
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.GetConnectionToken(ctx, q) }), err
	})
	s.async("removeConnection", func(args []js.Value) (task, error) {
		q, err := queryArg("removeConnection", jsinterop.Arg(args, 0), s.host.Warn)
		return func(ctx cancel.Context) (js.Value, error) { return none(c.RemoveConnection(ctx, q)) }, err
	})
	s.async("disconnect", func(args []js.Value) (task, error) {
		slug, err := connectorArg("disconnect", jsinterop.Arg(args, 0))
		return func(ctx cancel.Context) (js.Value, error) { return none(c.Disconnect(ctx, slug)) }, err
	})

	setFields := func(method string) func(args []js.Value) (task, error) {
		return func(args []js.Value) (task, error) {
			slug, err := slugArg(method, "prototypeSlug", jsinterop.Arg(args, 0))
			if err != nil {
				return nil, err
			}
			state, err := stringArg(method, "state", jsinterop.Arg(args, 1), "the authorization's state string")
			if err != nil {
				return nil, err
			}
			params, err := objectArg(method, "params", jsinterop.Arg(args, 2))
			return runJSON(func(ctx cancel.Context) (jsonv.Value, error) {
				return c.SetAuthorizationFields(ctx, slug, state, params)
			}), err
		}
	}
	s.async("setAuthorizationFields", setFields("setAuthorizationFields"))
	deprecated := setFields("setAuthorizationField")
	s.async("setAuthorizationField", func(args []js.Value) (task, error) {
		s.host.Warn("xkit.setAuthorizationField is deprecated. Use xkit.setAuthorizationFields(...) instead.")
		return deprecated(args)
	})

	s.async("listCRMObjects", func(args []js.Value) (task, error) {
		id, err := connectionArg("listCRMObjects", jsinterop.Arg(args, 0))
		if err != nil {
			return nil, err
		}
		mapping, err := jsonArg("listCRMObjects", "mapping", jsinterop.Arg(args, 1))
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.ListCRMObjects(ctx, id, mapping) }), err
	})
	s.async("listAPIObjects", func(args []js.Value) (task, error) {
		id, err := connectionArg("listAPIObjects", jsinterop.Arg(args, 0))
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.ListAPIObjects(ctx, id) }), err
	})
	s.async("getAPIObject", func(args []js.Value) (task, error) {
		id, err := connectionArg("getAPIObject", jsinterop.Arg(args, 0))
		if err != nil {
			return nil, err
		}
		slug, err := stringArg("getAPIObject", "apiObjectSlug", jsinterop.Arg(args, 1), `a string such as "contact"`)
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.GetAPIObject(ctx, id, slug) }), err
	})
	s.async("getMapping", func(args []js.Value) (task, error) {
		id, err := connectionArg("getMapping", jsinterop.Arg(args, 0))
		return runJSON(func(ctx cancel.Context) (jsonv.Value, error) { return c.GetMapping(ctx, id) }), err
	})
	s.async("saveMapping", func(args []js.Value) (task, error) {
		id, err := connectionArg("saveMapping", jsinterop.Arg(args, 0))
		if err != nil {
			return nil, err
		}
		objects, err := jsonArg("saveMapping", "objects", jsinterop.Arg(args, 1))
		if err != nil {
			return nil, err
		}
		mapping, err := jsonArg("saveMapping", "mapping", jsinterop.Arg(args, 2))
		return func(ctx cancel.Context) (js.Value, error) { return none(c.SaveMapping(ctx, id, objects, mapping)) }, err
	})

	listenerArgs := func(method string, args []js.Value) (string, js.Value, error) {
		typ, err := stringArg(method, "type", jsinterop.Arg(args, 0), `an event name such as "connection:enable"`)
		if err != nil {
			return "", js.Value{}, err
		}
		fn := jsinterop.Arg(args, 1)
		if fn.Type() != js.TypeFunction {
			return "", js.Value{}, argError(method, "fn", "a function")
		}
		return typ, fn, nil
	}
	// on and off answer undefined, as xkit.js's did.
	s.sync("on", func(args []js.Value) (any, error) {
		typ, fn, err := listenerArgs("on", args)
		if err == nil {
			err = s.events.on(typ, fn)
		}
		return js.Undefined(), err
	})
	s.sync("off", func(args []js.Value) (any, error) {
		typ, fn, err := listenerArgs("off", args)
		if err == nil {
			err = s.events.off(typ, fn)
		}
		return js.Undefined(), err
	})
	s.sync("connectionStatus", func(args []js.Value) (any, error) {
		conn, err := jsonArg("connectionStatus", "connection", jsinterop.Arg(args, 0))
		return xkit.ConnectionStatus(conn), err
	})
	s.defineConnect()
}
