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

    // The Go object's methods by kind. These lists copy wasm/bridge's
    // Methods, the one list; web/test/methods.test.mjs (./build.sh test)
    // fails when they, the Go object or xkit.d.ts disagree.

    // Calls answered with a Promise. Before the wasm is ready they wait for it.
    const ASYNC_CALLS = [
      "login", "logout", "getAccessToken", "getPlatform",
      "listConnectors", "getConnector",
      "listConnections", "getConnection", "getConnectionOrConnector", "getConnectionToken",
      "disconnect", "removeConnection",
      "setAuthorizationField", "setAuthorizationFields",
      "listCRMObjects", "listAPIObjects", "getAPIObject", "getMapping", "saveMapping",
    ];
    // Calls that open the authorization popup. The browser allows a popup only
    // synchronously inside the page's click (spec 6.1): once the wasm is ready
    // the Go call opens it itself; before that, openEarly opens it here.
    const POPUP_CALLS = ["connect", "addConnection", "reconnect"];
    // Calls answered at once (an Error value means "throw this"); wrapped by
    // hand in createXkit, as before the wasm is ready they have their own rules.
    const SYNC_CALLS = ["on", "off", "connectionStatus"];
    // The catalog's calls, on the Go object when the wasm has the catalog
    // (wasm/main.go; wasm/cmd/sdk has none): see addCatalog.
    const CATALOG_CALLS = ["renderCatalog", "renderCatalogDefault", "unmountCatalog"];
    // The catalog's languages (wasm/internal/catalog/i18n.Languages; its
    // tests check the two lists agree): English is in the wasm, the others
    // are web/i18n/{lang}.json.
    const CATALOG_LANGS = ["en", "de", "fr", "es", "pt-BR", "ja", "ar"];
    const catalogFiles = new Map(); // message file URL → {text, loaded}

    // Function.length of the calls whose wrappers here differ from xkit.js
    // 3.14.1's and xkit-catalog.js's functions (the rest already agree):
    // code may read it.
    const ARITY = { login: 2, connect: 1, addConnection: 2, reconnect: 1, onUpdate: 0,
      renderCatalog: 2, renderCatalogDefault: 1 };

    const ConnectionStatus = numericEnum({ NotInstalled: 0, Error: 1, Connected: 2 });
    const AuthorizationStatus = Object.freeze({
      awaiting_callback: "awaiting_callback",
      retrieving_tokens: "retrieving_tokens",
      active: "active",
      error: "error",
    });

    const boots = new Map(); // xkit.wasm URL → Promise of the Go factory
    let wasmExec = null;     // Promise: wasm_exec.js is loaded

    const calls = Object.freeze({ async: ASYNC_CALLS, popup: POPUP_CALLS, sync: SYNC_CALLS, catalog: CATALOG_CALLS });
    return { ConnectionStatus, AuthorizationStatus, createXkit, installGlobal, calls, catalogLocale };

    // installGlobal gives window.xkit its init, like xkit.js's browser build.
    function installGlobal(scriptURL) {
      const target = window.xkit || (window.xkit = {});
      if (target.init && target.init[LOADER]) {
        return; // ours already
      }
      target.init = (domain) => {
        Object.assign(target, createXkit(domain, scriptURL));
        // Defining the element draws those already in the page; if it was
        // defined before (a second init), draw them again on the new SDK.
        if (!defineCatalogElement()) {
          document.querySelectorAll("xkit-catalog").forEach((e) => e.isConnected && e.connectedCallback());
        }
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

      // Calls made before the wasm is ready wait for it, in order. A popup
      // call made then also waits for the calls before it (a login, say).
      const earlyCalls = new Set();
      const callAsync = (name, args) => {
        if (core) {
          return invoke(core, name, args);
        }
        const call = ready.then((c) => invoke(c, name, args));
        const forget = () => earlyCalls.delete(call);
        earlyCalls.add(call);
        call.then(forget, forget);
        return call;
      };

      const findEarly = (type, fn) => early.findIndex(([t, f]) => t === type && f === fn);

      const sdk = {
        domain,
        url,
        connectorUrl: (slug) => `${url}/connectors/${encodeURIComponent(slug)}`,
        ready: (fn) => fn(),
        /** @deprecated Use on("config:update", fn). */
        onUpdate(fn) {
          console.warn("Xkit:", 'xkit.onUpdate is deprecated. Use xkit.on("config:update", ...) instead.');
          // Checked here, not at every config:update: xkit.js subscribed
          // anything and threw "is not a function" at each update.
          checkListener("onUpdate", "config:update", fn);
          const listener = () => fn();
          sdk.on("config:update", listener);
          return () => { sdk.off("config:update", listener); };
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

      const earlyFlows = new Map(); // connector slug → {win, promise}, for calls before ready
      for (const name of POPUP_CALLS) {
        sdk[name] = (...args) => core ? invoke(core, name, args) : openEarly(name, args);
      }

      // openEarly is a popup call made before the wasm is ready: it opens the
      // window now, as the Go call would, and hands it over (_withWindow) once
      // the wasm has started and the calls before it have settled; the Go side
      // checks everything else and closes the window if the flow cannot use
      // it. A second call for the connector meanwhile focuses that window and
      // shares the Promise, as in Go.
      function openEarly(name, args) {
        const slug = flowSlug(name, args);
        const pending = slug && earlyFlows.get(slug);
        if (pending) {
          focusQuietly(pending.win);
          return pending.promise;
        }
        // Without a slug or with an aborted signal no window is needed: the
        // Go side rejects such a call before it would open one.
        const win = slug && !signalAborted(name, args) ? openPopup(url, slug) : null;
        const heard = overhear(win);
        const before = Promise.allSettled(earlyCalls);
        const promise = ready.then(
          (c) => before.then(() => {
            heard.stop(); // the Go side listens from here on, in the same turn
            return invoke(c, "_withWindow", [win, name, args, heard.messages]);
          }),
          (err) => { heard.stop(); closeQuietly(win); throw err; });
        if (slug) {
          earlyFlows.set(slug, { win, promise });
          const forget = () => earlyFlows.delete(slug);
          promise.then(forget, forget);
        }
        return promise;
      }

      addCatalog(sdk, ready, () => core, new URL("xkit.wasm", baseURL).href);
      for (const [name, length] of Object.entries(ARITY)) {
        Object.defineProperty(sdk[name], "length", { value: length });
      }
      return sdk;
    }

    // addCatalog gives sdk the catalog widget's calls, which the Go object
    // has when the wasm was built with the catalog (wasm/main.go; see
    // wasm/internal/catalog/view). renderCatalog answers at once; a catalog
    // is drawn once the wasm is ready and its language is here (see
    // catalogLocale), unless unmountCatalog came first.
    function addCatalog(sdk, ready, core, wasmURL) {
      const pending = new Map(); // element → its handle, until drawn
      const byId = (el) => typeof el === "string" ? document.getElementById(el) : el;
      const call = (name, ...args) => {
        if (typeof core()[name] !== "function") {
          throw new Error(`Xkit: ${name} is not in this build of the SDK (it has no catalog widget).`);
        }
        return unwrap(core()[name](...args));
      };
      const later = (el, waitFor, draw) => {
        const handle = { el, path: null, inner: null,
          pushHistory(p) { handle.inner ? handle.inner.pushHistory(p) : (handle.path = p); } };
        pending.set(el, handle);
        waitFor.then(() => {
          if (pending.get(el) !== handle) return;
          pending.delete(el);
          handle.inner = draw();
          if (handle.inner && handle.path !== null) handle.inner.pushHistory(handle.path);
        }).catch((err) => console.error("Xkit:", err.message));
        return handle;
      };
      // draw renders el now when it can, else later; render gets the
      // catalog's env (catalogEnv).
      const draw = (el, locale, scheme, render) => {
        const loc = catalogLocale(locale, wasmURL);
        const now = () => render(catalogEnv(loc, el, scheme));
        return core() && loc.file.text !== undefined ? now()
          : later(el, Promise.all([ready, loc.file.loaded]), now);
      };
      sdk.renderCatalog = (el, opts = {}) => {
        const o = opts || {};
        return draw(byId(el), o.locale, o.colorScheme, (env) => call("renderCatalog", byId(el), opts, env));
      };
      sdk.renderCatalogDefault = (elemId = "xkit-app") => {
        const host = document.getElementById(elemId);
        const data = host ? host.dataset : {};
        return draw(host, data.locale, data.colorScheme, (env) => call("renderCatalogDefault", elemId, env));
      };
      sdk.unmountCatalog = (el) => pending.delete(byId(el)) ||
        Boolean(core() && typeof core().unmountCatalog === "function" && core().unmountCatalog(byId(el)));
    }

    // catalogLocale picks a catalog's language for its locale option (else
    // navigator.language): the one with the tag's primary subtag ("de-AT"
    // is de, "pt" and "pt-PT" pt-BR), else English. tag is what Intl
    // formats numbers and dates for ("de-AT": Austrian dates). The wasm has
    // English; another language's file (i18n/{lang}.json beside the wasm,
    // where a CSP's connect-src already lets the page fetch) starts to
    // download now, with the wasm, once per page: file.text is its text
    // once it is here, "" when it could not be had.
    function catalogLocale(locale, wasmURL) {
      let tag = String(locale || (globalThis.navigator && navigator.language) || "en").trim();
      const primary = tag.toLowerCase().split(/[-_]/)[0];
      const lang = CATALOG_LANGS.find((l) => l.slice(0, 2) === primary) || "en";
      if (lang === "en" && primary !== "en") {
        if (locale) console.warn("Xkit:", `locale "${locale}" is not one the catalog speaks; it speaks English`);
        tag = "en";
      }
      try { Intl.getCanonicalLocales(tag); } catch { tag = lang; }
      if (lang === "en") {
        return { lang, tag, file: { text: "", loaded: Promise.resolve() } };
      }
      const url = new URL(`i18n/${lang}.json`, wasmURL).href;
      let file = catalogFiles.get(url);
      if (!file) {
        file = { text: undefined };
        file.loaded = fetch(url).then((res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          return res.text();
        }).then((text) => { file.text = text; }, (err) => {
          console.warn("Xkit:", `the ${lang} messages could not be loaded from ${url} (${err.message}); the catalog speaks English`);
          file.text = "";
          catalogFiles.delete(url); // the next catalog tries again
        });
        catalogFiles.set(url, file);
      }
      return { lang, tag, file };
    }

    // catalogEnv is what the Go catalog is drawn with (view.Render): its
    // language and that language's messages, number and date formatting
    // by Intl, and its colour scheme (catalogScheme).
    function catalogEnv(loc, el, scheme) {
      const failed = loc.lang !== "en" && !loc.file.text;
      const tag = failed ? "en" : loc.tag;
      const nf = new Intl.NumberFormat(tag);
      const df = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short" });
      return {
        lang: failed ? "en" : loc.lang,
        text: loc.file.text,
        number: (n) => nf.format(n),
        date: (s) => { const d = new Date(s); return isNaN(d) ? "" : df.format(d); },
        scheme: catalogScheme(el, scheme),
      };
    }

    // catalogScheme is a catalog's colour scheme: the colorScheme option
    // when it is "light" or "dark"; else ("auto") the page's when it
    // declares one (the CSS color-scheme the element inherits, else <meta
    // name="color-scheme">), and "system" (the system's preference, live)
    // when it declares none, or both.
    function catalogScheme(el, option) {
      if (option === "light" || option === "dark") return option;
      let declared = el && el.isConnected ? getComputedStyle(el).colorScheme : "";
      if (!declared || declared === "normal") {
        const meta = document.querySelector('meta[name="color-scheme"]');
        declared = meta ? meta.content : "";
      }
      const words = declared.split(/\s+/);
      const light = words.includes("light"), dark = words.includes("dark");
      return light === dark ? "system" : light ? "light" : "dark";
    }

    // <xkit-catalog root-path router-type title hide-title locale color-scheme ...>: the catalog
    // as a custom element, on window.xkit once it is initialised.
    function defineCatalogElement() {
      if (typeof customElements === "undefined" || customElements.get("xkit-catalog")) return false;
      const ATTRS = { "root-path": "rootPath", "connectors-path": "connectorsPath",
        "router-type": "routerType", "title": "title", "locale": "locale", "color-scheme": "colorScheme" };
      customElements.define("xkit-catalog", class extends HTMLElement {
        connectedCallback() {
          const x = window.xkit;
          if (!x || typeof x.renderCatalog !== "function") return; // init draws it
          const opts = { hideTitle: this.hasAttribute("hide-title"), hideSearch: this.hasAttribute("hide-search") };
          for (const [a, o] of Object.entries(ATTRS)) {
            if (this.hasAttribute(a)) opts[o] = this.getAttribute(a);
          }
          x.renderCatalog(this, opts);
        }
        disconnectedCallback() {
          const x = window.xkit;
          if (x && typeof x.unmountCatalog === "function") x.unmountCatalog(this);
        }
      });
      return true;
    }

    // flowSlug is the connector of a popup call, as the Go side reads it.
    function flowSlug(name, args) {
      let v = args[0];
      if (name === "reconnect") {
        v = v && typeof v === "object" ? v.connector : undefined;
      }
      const slug = v && typeof v === "object" ? v.slug : v;
      return typeof slug === "string" && slug !== "" ? slug : null;
    }

    // signalAborted: the options argument (last; addConnection's id may come
    // before it) carries an AbortSignal that has fired already.
    function signalAborted(name, args) {
      const idGiven = name === "addConnection" && (args[1] == null || typeof args[1] === "string");
      const options = idGiven ? args[2] : args[1];
      return Boolean(options && options.signal && options.signal.aborted === true);
    }

    // openPopup opens the platform's loading page exactly as the Go side does
    // (wasm/bridge/popup.go): 625×700, centred on the page's window; null when
    // the browser blocks it.
    function openPopup(platformURL, slug) {
      const [width, height] = [625, 700];
      const left = (window.screenX | 0) + Math.trunc(((window.outerWidth | 0) - width) / 2);
      const top = (window.screenY | 0) + Math.trunc(((window.outerHeight | 0) - height) / 2);
      const features = "scrollbars=no,resizable=no,status=no,location=no,menubar=no," +
        `width=${width},height=${height},left=${left},top=${top}`;
      const loading = `${platformURL}/authorizations/loading?opener_origin=${encodeURIComponent(location.origin)}`;
      try {
        return window.open(loading, `ikit:authorization:${slug}`, features);
      } catch {
        return null;
      }
    }

    // overhear keeps what win posts to the page until the Go side takes over:
    // its loading page says "authWindow:ready" only once.
    function overhear(win) {
      const messages = [];
      if (!win) {
        return { messages, stop() {} };
      }
      const listener = (event) => {
        if (event.source === win) {
          messages.push({ origin: event.origin, data: event.data });
        }
      };
      window.addEventListener("message", listener);
      return { messages, stop: () => window.removeEventListener("message", listener) };
    }

    function focusQuietly(win) {
      try { win && win.focus(); } catch { /* the window is gone */ }
    }

    function closeQuietly(win) {
      try { win && win.close(); } catch { /* the window is gone */ }
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
      // xkit.wasm downloads and compiles while wasm_exec.js loads: the
      // import object is needed only to instantiate.
      const compiled = compileWasm(wasmURL);
      compiled.catch(() => {}); // awaited below, after wasm_exec.js
      await loadWasmExec(execURL);
      const go = new globalThis.Go();
      const instance = await WebAssembly.instantiate(await compiled, go.importObject);

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

    async function compileWasm(wasmURL) {
      const res = await fetch(wasmURL);
      if (!res.ok) {
        throw new Error(`HTTP ${res.status} ${res.statusText}`);
      }
      // Streaming compiles while downloading but insists on the right MIME
      // type; from a server that gets it wrong, load the bytes first.
      const streams = WebAssembly.compileStreaming &&
        (res.headers.get("Content-Type") || "").startsWith("application/wasm");
      return streams
        ? WebAssembly.compileStreaming(res)
        : WebAssembly.compile(await res.arrayBuffer());
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
