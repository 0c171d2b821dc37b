/*
 * Xkit browser SDK loader: a drop-in for xkit.js 3.14.1, backed by Go
 * compiled to WebAssembly (wasm/main.go, wasm/bridge).
 *
 *   <script src="/web/xkit.js" async></script>
 *   <script>
 *     // once the script has run (e.g. in its onload):
 *     xkit.init("example.xkit.co");
 *     xkit.listConnectors().then(connectors => ...);
 *   </script>
 *
 * As soon as this script runs, window.xkit.init exists (other properties of an
 * existing window.xkit are kept). init(domain) copies every SDK call onto
 * window.xkit at once; calls made before the wasm has started wait for it.
 * xkit.wasm and wasm_exec.js are fetched from beside this file. If the wasm
 * cannot be loaded, every call rejects with an Error that says why.
 *
 * ES modules use xkit.mjs (createXkit), which shares this loader. Loading
 * this file twice is harmless: the second load does nothing.
 */
(() => {
  "use strict";

  const LOADER = Symbol.for("xkit.loader");
  const loader = globalThis[LOADER] || (globalThis[LOADER] = makeLoader());

  // A classic <script> installs window.xkit.init; an import from xkit.mjs runs
  // as a module, has no currentScript, and leaves the page's globals alone.
  const script = typeof document !== "undefined" ? document.currentScript : null;
  if (script && script.src) {
    loader.installGlobal(script.src);
  }

  function makeLoader() {
    // The Go side (wasm/bridge.Register) leaves its factory here when it starts.
    const GO_FACTORY = "__xkitGo";

    // Calls answered with a Promise. Before the wasm is ready they wait for it.
    const ASYNC_CALLS = [
      "login", "logout", "getAccessToken", "getPlatform",
      "listConnectors", "getConnector",
      "listConnections", "getConnection", "getConnectionOrConnector", "getConnectionToken",
      "disconnect", "removeConnection",
      "setAuthorizationField", "setAuthorizationFields",
      "listCRMObjects", "listAPIObjects", "getAPIObject", "getMapping", "saveMapping",
    ];

    const ConnectionStatus = numericEnum({ NotInstalled: 0, Error: 1, Connected: 2 });
    const AuthorizationStatus = Object.freeze({
      awaiting_callback: "awaiting_callback",
      retrieving_tokens: "retrieving_tokens",
      active: "active",
      error: "error",
    });

    const boots = new Map(); // xkit.wasm URL → Promise of the Go factory
    let wasmExec = null;     // Promise: wasm_exec.js is loaded

    return { ConnectionStatus, AuthorizationStatus, createXkit, installGlobal };

    // installGlobal gives window.xkit its init, like xkit.js's browser build.
    function installGlobal(scriptURL) {
      const target = window.xkit || (window.xkit = {});
      if (target.init && target.init[LOADER]) {
        return; // ours already
      }
      target.init = (domain) => {
        Object.assign(target, createXkit(domain, scriptURL));
      };
      target.init[LOADER] = true;
    }

    // createXkit returns the SDK object for domain at once. baseURL is the URL
    // of xkit.js or xkit.mjs: xkit.wasm and wasm_exec.js sit beside it.
    function createXkit(domain, baseURL) {
      checkDomain(domain);
      const pageProtocol = (globalThis.location && globalThis.location.protocol) || "";
      const url = `${schemeFor(domain, pageProtocol)}://${domain}`;

      let core = null;  // the Go object, once ready
      let early = [];   // [type, fn] pairs subscribed before that
      const ready = boot(baseURL).then((factory) => {
        const made = factory.create(domain, pageProtocol);
        if (made instanceof Error) {
          throw made;
        }
        core = made;
        early.forEach(([type, fn]) => unwrap(core.on(type, fn)));
        early = null;
        return core;
      });
      ready.catch(() => {}); // each call reports the failure; it is not "unhandled"

      const callAsync = (name, args) =>
        core ? invoke(core, name, args) : ready.then((c) => invoke(c, name, args));

      const findEarly = (type, fn) => early.findIndex(([t, f]) => t === type && f === fn);

      const sdk = {
        domain,
        url,
        connectorUrl: (slug) => `${url}/connectors/${encodeURIComponent(slug)}`,
        ready: (fn) => fn(),
        /** @deprecated Use on("config:update", fn). */
        onUpdate(fn) {
          console.warn("Xkit:", 'xkit.onUpdate is deprecated. Use xkit.on("config:update", ...) instead.');
          const listener = () => fn();
          sdk.on("config:update", listener);
          return () => sdk.off("config:update", listener);
        },
        on(type, fn) {
          if (core) {
            return unwrap(core.on(type, fn));
          }
          checkListener("on", type, fn);
          if (findEarly(type, fn) >= 0) {
            throw new Error("Can not use the same function for the same type of event more than once.");
          }
          early.push([type, fn]);
        },
        off(type, fn) {
          if (core) {
            return unwrap(core.off(type, fn));
          }
          checkListener("off", type, fn);
          const i = findEarly(type, fn);
          if (i < 0) {
            throw new Error("The supplied function is not a listener on the given type.");
          }
          early.splice(i, 1);
        },
        connectionStatus(connection) {
          if (!core) {
            throw new Error("Xkit: connectionStatus was called before the SDK finished loading; " +
              "call it with a connection the SDK returned.");
          }
          return unwrap(core.connectionStatus(connection));
        },
        ConnectionStatus,
      };
      for (const name of ASYNC_CALLS) {
        sdk[name] = (...args) => callAsync(name, args);
      }

      // connect, addConnection and reconnect (next step) belong here. They must
      // open the authorization popup synchronously, inside the page's click
      // (spec 6.1): once `core` is set the Go call opens it itself; before
      // that, the wrapper opens the loading page with window.open right here
      // and hands the window to the Go call when `ready` settles.

      return sdk;
    }

    // boot loads wasm_exec.js and xkit.wasm beside baseURL and starts the Go
    // program, once per wasm URL, resolving to its factory.
    function boot(baseURL) {
      const wasmURL = new URL("xkit.wasm", baseURL).href;
      if (!boots.has(wasmURL)) {
        const execURL = new URL("wasm_exec.js", baseURL).href;
        boots.set(wasmURL, startGo(wasmURL, execURL).catch((reason) => {
          const why = reason && reason.message ? reason.message : String(reason);
          const err = new Error(`Xkit: the SDK failed to load from ${wasmURL}: ${why}`, { cause: reason });
          console.error(err.message);
          throw err;
        }));
      }
      return boots.get(wasmURL);
    }

    async function startGo(wasmURL, execURL) {
      await loadWasmExec(execURL);
      const go = new globalThis.Go();
      const res = await fetch(wasmURL);
      if (!res.ok) {
        throw new Error(`HTTP ${res.status} ${res.statusText}`);
      }
      // Streaming compiles while downloading but insists on the right MIME
      // type; from a server that gets it wrong, load the bytes first.
      const streams = WebAssembly.instantiateStreaming &&
        (res.headers.get("Content-Type") || "").startsWith("application/wasm");
      const { instance } = streams
        ? await WebAssembly.instantiateStreaming(res, go.importObject)
        : await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);

      // run() executes main synchronously until it blocks, by which time the
      // factory is registered; its promise settles only if the program exits.
      go.run(instance).then(() => console.error(`Xkit: the SDK stopped (${wasmURL}).`));
      const factory = globalThis[GO_FACTORY];
      delete globalThis[GO_FACTORY];
      if (!factory || typeof factory.create !== "function") {
        throw new Error("the wasm started but did not register the SDK");
      }
      return factory;
    }

    // loadWasmExec adds Go's wasm_exec.js with a script tag, once per page.
    function loadWasmExec(src) {
      if (typeof globalThis.Go === "function") {
        return Promise.resolve();
      }
      if (!wasmExec) {
        wasmExec = new Promise((resolve, reject) => {
          const tag = document.createElement("script");
          tag.src = src;
          tag.onload = () => typeof globalThis.Go === "function"
            ? resolve()
            : reject(new Error(`${src} loaded but did not define Go`));
          tag.onerror = () => reject(new Error(`could not load ${src}`));
          document.head.appendChild(tag);
        });
        wasmExec.catch(() => { wasmExec = null; }); // a later boot may try again
      }
      return wasmExec;
    }
  }

  // Go cannot throw into JS: a synchronous Go method returns an Error to mean
  // "throw this".
  function unwrap(result) {
    if (result instanceof Error) {
      throw result;
    }
    return result;
  }

  // invoke calls a Go method; a synchronous failure (say, the Go program has
  // exited) becomes a rejected Promise like every other failure.
  function invoke(core, name, args) {
    try {
      return core[name](...args);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  function checkDomain(domain) {
    if (typeof domain !== "string" || domain === "" || /[\/?#@\s]/.test(domain)) {
      throw new TypeError('init: domain must be a host name such as "example.xkit.co" or ' +
        `"localhost:8080", not a URL (got ${JSON.stringify(String(domain))})`);
    }
  }

  function checkListener(method, type, fn) {
    if (typeof type !== "string" || type === "") {
      throw new TypeError(`${method}: type must be an event name such as "connection:enable"`);
    }
    if (typeof fn !== "function") {
      throw new TypeError(`${method}: fn must be a function`);
    }
  }

  // schemeFor: Xkit platforms are https; a loopback development host
  // (localhost, 127.0.0.1, [::1], any port) follows the page, so a demo on
  // plain http works. The Go side (bridge.Scheme) applies the same rule.
  function schemeFor(domain, pageProtocol) {
    const d = domain.toLowerCase();
    const host = d.startsWith("[") ? d.slice(0, d.indexOf("]") + 1) : d.replace(/:[^:]*$/, "");
    const loopback = host === "localhost" || host === "127.0.0.1" || host === "[::1]";
    return loopback && pageProtocol === "http:" ? "http" : "https";
  }

  // numericEnum builds a TypeScript-style enum: names to numbers and back.
  function numericEnum(values) {
    const e = {};
    for (const [name, n] of Object.entries(values)) {
      e[name] = n;
      e[n] = name;
    }
    return Object.freeze(e);
  }
})();
