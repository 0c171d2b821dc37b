/*
 * The Xkit browser SDK's loader: the code shared by the script-tag build
 * (web/xkit.js, from web/src/xkit.js) and the ES module (web/xkit.mjs and
 * the npm package's xkit.mjs, from web/src/xkit.mjs). ./build.sh
 * (internal/loadergen) puts it into each of them, with Go's wasm_exec.js
 * (see goRuntime) and the names of the files the loader fetches, so each
 * build is one file that needs no other script.
 *
 * The including file defines VERSION (the package's version, web/package.json)
 * and FILES: each file the loader fetches ("xkit.wasm", "xkit-sdk.wasm",
 * "i18n/de.json", ...) by the name it has beside the loader (xkitd's web/
 * has content-hashed names, xkit.<sha256:16>.wasm; the npm package plain
 * ones).
 */

  // LOADER is where the page keeps the loader, so a script tag and a module
  // of the same version share one download and one start of each wasm.
  const LOADER = Symbol.for("xkit.loader");

  // sharedLoader is this version's loader: the page's, or a new one (kept for
  // the next file of the same version to take). A loader of another version
  // is left alone: its lists and its wasm need not be ours.
  function sharedLoader() {
    const existing = globalThis[LOADER];
    if (existing && existing.version === VERSION) {
      return existing;
    }
    const loader = makeLoader();
    if (!existing) {
      globalThis[LOADER] = loader;
    }
    return loader;
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

    // The two builds: the SDK with its catalog (the default, the drop-in),
    // and the SDK alone for pages that draw their own UI ({catalog: false},
    // or data-catalog="false" on the script tag). FILES has their names.
    const WASM_FULL = "xkit.wasm";
    const WASM_SDK = "xkit-sdk.wasm";

    const ConnectionStatus = numericEnum({ NotInstalled: 0, Error: 1, Connected: 2 });
    const AuthorizationStatus = Object.freeze({
      awaiting_callback: "awaiting_callback",
      retrieving_tokens: "retrieving_tokens",
      active: "active",
      error: "error",
    });

    const boots = new Map(); // wasm URL → Promise of the Go factory
    let Go = null;           // wasm_exec.js's class, once it has run
    let globalCatalog = true; // the script tag's data-catalog
    let lastSdk = null;       // the last SDK createXkit made with its catalog

    const calls = Object.freeze({ async: ASYNC_CALLS, popup: POPUP_CALLS, sync: SYNC_CALLS, catalog: CATALOG_CALLS });
    return { version: VERSION, ConnectionStatus, AuthorizationStatus, createXkit, installGlobal, prepare, calls,
      catalogLocale, defineCatalogElement, redrawCatalogs };

    // installGlobal gives window.xkit its init, like xkit.js's browser build,
    // and starts the wasm now: the page calls init later, often much later
    // (on load), and the download, compile and Go start-up need not wait.
    // scriptURL is the script's own src: the files are beside it.
    function installGlobal(scriptURL, options) {
      const target = window.xkit || (window.xkit = {});
      if (target.init && target.init[LOADER]) {
        return; // ours already
      }
      globalCatalog = options.catalog;
      prepare(scriptURL, options).catch(() => {}); // init's calls report a failure
      target.init = (domain) => {
        Object.assign(target, createXkit(domain, scriptURL, options));
        redrawCatalogs();
      };
      target.init[LOADER] = true;
      target.version = VERSION;
      // Defined now, so an <xkit-catalog> shows its placeholder before init.
      defineCatalogElement();
    }

    // prepare starts what createXkit(domain, where, options) will need (the
    // download, compile and start of the wasm) and resolves when it is ready.
    function prepare(where, options = {}) {
      const place = placeFor(where, options);
      return boot(place(options.catalog === false ? WASM_SDK : WASM_FULL));
    }

    // placeFor is where the files are, as a function from a file ("xkit.wasm",
    // "i18n/de.json") to its URL. where is the URL of a file beside them
    // (xkit.js's src), or {files, here} from a module: its names and where
    // the module finds them (new URL(..., import.meta.url), which bundlers
    // follow). The options baseURL (their folder) and wasmURL (the wasm
    // itself; the language files beside it, in i18n/) override it.
    function placeFor(where, options) {
      const files = (where && where.files) || FILES;
      const beside = (base) => (file) => new URL(files[file] || file, base).href;
      if (options.wasmURL != null) {
        const wasm = absoluteURL("wasmURL", options.wasmURL);
        return (file) => file.endsWith(".wasm") ? wasm : beside(wasm)(file);
      }
      if (options.baseURL != null) {
        const base = absoluteURL("baseURL", options.baseURL);
        return beside(base.endsWith("/") ? base : base + "/");
      }
      return typeof where === "string" ? beside(where) : where.here;
    }

    // absoluteURL reads a URL option (a string or a URL, relative to the
    // page), or throws a TypeError that says what was wrong.
    function absoluteURL(name, value) {
      if (typeof value !== "string" && !(value instanceof URL)) {
        throw new TypeError(`createXkit: ${name} must be a URL (a string or a URL object), not ${typeof value}`);
      }
      try {
        return new URL(value, (globalThis.document && document.baseURI) || undefined).href;
      } catch {
        throw new TypeError(`createXkit: ${name} is not a URL: ${JSON.stringify(String(value))}`);
      }
    }

    // createXkit returns the SDK object for domain at once. where says where
    // the wasm and the language files are (see placeFor). options.catalog
    // false picks the SDK-only build (xkit-sdk.wasm).
    function createXkit(domain, where, options = {}) {
      checkDomain(domain);
      if (options === null || typeof options !== "object") {
        throw new TypeError("createXkit: options must be an object such as {catalog: false}");
      }
      const place = placeFor(where, options);
      const withCatalog = options.catalog !== false;
      const pageProtocol = (globalThis.location && globalThis.location.protocol) || "";
      const url = `${schemeFor(domain, pageProtocol)}://${domain}`;

      let core = null;  // the Go object, once ready
      let early = [];   // [type, fn] pairs subscribed before that
      const ready = boot(place(withCatalog ? WASM_FULL : WASM_SDK)).then((factory) => {
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
        version: VERSION, // ours: the loader's (and the npm package's) version
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

      if (withCatalog) {
        addCatalog(sdk, ready, () => core, place);
        lastSdk = sdk;
      } else {
        withoutCatalog(sdk);
      }
      for (const [name, length] of Object.entries(ARITY)) {
        Object.defineProperty(sdk[name], "length", { value: length });
      }
      return sdk;
    }

    // addCatalog gives sdk the catalog widget's calls, which the Go object
    // has when the wasm was built with the catalog (wasm/main.go; see
    // wasm/internal/catalog/view). renderCatalog answers at once; until the
    // wasm is ready and the catalog's language is here (see catalogLocale)
    // it shows the placeholder, and the catalog is drawn over it then,
    // unless unmountCatalog came first.
    function addCatalog(sdk, ready, core, place) {
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
        }).catch((err) => {
          if (pending.get(el) === handle) skeletonFailed(el);
          console.error("Xkit:", err.message);
        });
        return handle;
      };
      // draw renders el now when it can, else later; render gets the
      // catalog's env (catalogEnv).
      const draw = (el, opts, render) => {
        const loc = catalogLocale(opts.locale, place);
        const now = () => render(catalogEnv(loc, el, opts.colorScheme));
        if (core() && loc.file.text !== undefined) return now();
        drawSkeleton(el, opts, catalogLook(el, opts));
        return later(el, Promise.all([ready, loc.file.loaded]), now);
      };
      sdk.renderCatalog = (el, opts = {}) => {
        const o = opts !== null && typeof opts === "object" ? opts : {};
        return draw(byId(el), o, (env) => call("renderCatalog", byId(el), opts, env));
      };
      sdk.renderCatalogDefault = (elemId = "xkit-app") => {
        const host = document.getElementById(elemId);
        const data = host ? host.dataset : {};
        return draw(host, { locale: data.locale, colorScheme: data.colorScheme },
          (env) => call("renderCatalogDefault", elemId, env));
      };
      sdk.unmountCatalog = (el) => {
        const host = byId(el);
        if (pending.delete(host)) {
          clearSkeleton(host);
          return true;
        }
        return Boolean(core() && typeof core().unmountCatalog === "function" && core().unmountCatalog(host));
      };
    }

    // withoutCatalog: on the SDK-only build each catalog call rejects with
    // what to load instead, rather than failing later or drawing nothing.
    function withoutCatalog(sdk) {
      for (const name of CATALOG_CALLS) {
        sdk[name] = () => Promise.reject(new Error(`Xkit: ${name} needs the catalog widget, which the ` +
          `SDK-only build (${WASM_SDK}) leaves out. Load ${WASM_FULL}, the SDK with its catalog: ` +
          'drop data-catalog="false" from the <script> tag, or call createXkit(domain) without {catalog: false}.'));
      }
    }

    // catalogLocale picks a catalog's language for its locale option (else
    // navigator.language): the one with the tag's primary subtag ("de-AT"
    // is de, "pt" and "pt-PT" pt-BR), else English. tag is what Intl
    // formats numbers and dates for ("de-AT": Austrian dates). The wasm has
    // English; another language's file (i18n/{lang}.json, content-hashed
    // on xkitd, beside the wasm, where a CSP's connect-src already lets the
    // page fetch) starts to download now, with the wasm, once per page:
    // file.text is its text once it is here, "" when it could not be had.
    // where is placeFor's (the URL of the wasm will do).
    function catalogLocale(locale, where) {
      const { lang, tag, known } = catalogLang(locale);
      if (!known && locale) console.warn("Xkit:", `locale "${locale}" is not one the catalog speaks; it speaks English`);
      if (lang === "en") {
        return { lang, tag, file: { text: "", loaded: Promise.resolve() } };
      }
      const place = typeof where === "function" ? where : placeFor(where, {});
      const url = place(`i18n/${lang}.json`);
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

    // catalogLang is catalogLocale's choice of language and tag, without
    // its file (the placeholder's lang and dir); known is false when the
    // tag's language is not one the catalog speaks.
    function catalogLang(locale) {
      let tag = String(locale || (globalThis.navigator && navigator.language) || "en").trim();
      const primary = tag.toLowerCase().split(/[-_]/)[0];
      const lang = CATALOG_LANGS.find((l) => l.slice(0, 2) === primary) || "en";
      const known = lang !== "en" || primary === "en";
      if (!known) tag = "en";
      try { Intl.getCanonicalLocales(tag); } catch { tag = lang; }
      return { lang, tag, known };
    }

    // catalogLook is how the placeholder is drawn for a catalog's options:
    // its language, direction (i18n.RightToLeft) and colour scheme, as the
    // catalog's root will have them.
    function catalogLook(el, opts) {
      const { lang } = catalogLang(opts.locale);
      return { lang, dir: lang === "ar" ? "rtl" : "ltr", scheme: catalogScheme(el, opts.colorScheme) };
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

    // <xkit-catalog root-path router-type title hide-title locale color-scheme ...>:
    // the catalog as a custom element. It shows the placeholder as soon as
    // it is in the page and the catalog once it has an SDK: its xkit
    // property (React 19 sets it from <xkit-catalog xkit={sdk}>), else
    // window.xkit once initialised, else the last SDK createXkit made with
    // its catalog.
    function defineCatalogElement() {
      if (typeof customElements === "undefined" || customElements.get("xkit-catalog")) return;
      const ATTRS = { "root-path": "rootPath", "connectors-path": "connectorsPath",
        "router-type": "routerType", "title": "title", "locale": "locale", "color-scheme": "colorScheme" };
      const drawsCatalogs = (x) => Boolean(x && typeof x.renderCatalog === "function");
      customElements.define("xkit-catalog", class extends HTMLElement {
        #xkit = null;  // the SDK the page gave
        #drawn = null; // the SDK the catalog is drawn with
        get xkit() { return this.#xkit; }
        set xkit(sdk) {
          if (sdk === this.#xkit) return;
          this.#xkit = sdk;
          if (this.isConnected) {
            this.disconnectedCallback();
            this.connectedCallback();
          }
        }
        connectedCallback() {
          const opts = { hideTitle: this.hasAttribute("hide-title"), hideSearch: this.hasAttribute("hide-search") };
          for (const [a, o] of Object.entries(ATTRS)) {
            if (this.hasAttribute(a)) opts[o] = this.getAttribute(a);
          }
          const x = this.#xkit || (drawsCatalogs(window.xkit) ? window.xkit : lastSdk);
          if (!drawsCatalogs(x)) { // init or createXkit draws it
            if (globalCatalog) drawSkeleton(this, opts, catalogLook(this, opts));
            return;
          }
          if (x === this.#drawn) return; // drawn already
          this.#drawn = x;
          // The SDK-only build's renderCatalog rejects: say so in the console.
          Promise.resolve(x.renderCatalog(this, opts)).catch((err) => console.error(err.message));
        }
        disconnectedCallback() {
          const x = this.#drawn;
          this.#drawn = null;
          if (x && typeof x.unmountCatalog === "function") {
            Promise.resolve(x.unmountCatalog(this)).catch(() => {});
          } else {
            clearSkeleton(this);
          }
        }
      });
    }

    // redrawCatalogs draws the <xkit-catalog> elements already in the page,
    // which show a placeholder (or nothing yet, if they came before the
    // loader), on a new SDK.
    function redrawCatalogs() {
      if (typeof document === "undefined") return;
      document.querySelectorAll("xkit-catalog").forEach((e) => {
        if (e.isConnected && typeof e.connectedCallback === "function") e.connectedCallback();
      });
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

    // boot downloads, compiles and starts the wasm at wasmURL, once per
    // URL, resolving to the Go factory it registers.
    function boot(wasmURL) {
      if (!boots.has(wasmURL)) {
        boots.set(wasmURL, startGo(wasmURL).catch((reason) => {
          const why = reason && reason.message ? reason.message : String(reason);
          const err = new Error(`Xkit: the SDK failed to load from ${wasmURL}: ${why}`, { cause: reason });
          console.error(err.message);
          throw err;
        }));
      }
      return boots.get(wasmURL);
    }

    async function startGo(wasmURL) {
      const compiled = compileWasm(wasmURL);
      compiled.catch(() => {}); // awaited below, after Go's runtime has run
      Go = Go || goRuntime();
      const go = new Go();
      const instance = await WebAssembly.instantiate(await compiled, go.importObject);
      mark("xkit:wasm-instantiated");

      // run() executes main synchronously until it blocks, by which time the
      // factory is registered; its promise settles only if the program exits.
      go.run(instance).then(() => console.error(`Xkit: the SDK stopped (${wasmURL}).`));
      const factory = globalThis[GO_FACTORY];
      delete globalThis[GO_FACTORY];
      if (!factory || typeof factory.create !== "function") {
        throw new Error("the wasm started but did not register the SDK");
      }
      mark("xkit:go-started");
      return factory;
    }

    async function compileWasm(wasmURL) {
      const res = await fetch(wasmURL);
      if (!res.ok) {
        throw new Error(`HTTP ${res.status} ${res.statusText}`);
      }
      // Streaming compiles while downloading but insists on the right MIME
      // type; from a server that gets it wrong, load the bytes first. Only a
      // streamed compile is cached by V8 for the next visit.
      const streams = WebAssembly.compileStreaming &&
        (res.headers.get("Content-Type") || "").startsWith("application/wasm");
      const module = await (streams
        ? WebAssembly.compileStreaming(res)
        : WebAssembly.compile(await res.arrayBuffer()));
      mark("xkit:wasm-compiled");
      return module;
    }
  }

  // goRuntime runs Go's wasm_exec.js (the JavaScript half of Go's
  // GOOS=js runtime, from $(go env GOROOT)/lib/wasm, under Go's BSD
  // licence), which ./build.sh copies in here from the Go that built the
  // wasm, and returns its Go class. The one change build.sh makes: the class
  // is kept here instead of set as the global Go, so a Go class the page has
  // (perhaps another Go release's, which would not run our wasm) is never
  // used, and ours is not seen by the page. wasm_exec.js still fills in
  // globalThis.fs, process and path when the page has none: the Go runtime
  // reaches them through js.Global().
  function goRuntime() {
    let Go;
    //@@wasm_exec.js
    return Go;
  }

  // mark puts a named moment of start-up on the page's performance timeline
  // (DevTools' Performance panel shows it; bench/ reads it).
  function mark(name) {
    if (typeof performance !== "undefined" && typeof performance.mark === "function") {
      performance.mark(name);
    }
  }

  // The placeholder. Until the wasm draws a catalog, its element shows the
  // catalog's frame (title bar, search box, card outlines) in the catalog's
  // own classes and styles, so the real one replaces it without moving
  // anything: wasm/internal/catalog/view draws the same outlines while the
  // first list loads, and web/test/startup.test.mjs checks that these rules
  // are the catalog's (view/css.go) word for word.
  // (Functions, not constants: the script-tag start at the top of this file
  // draws placeholders before a constant here would be set.)
  function skeletonCSS() {
    // css.go's darkColors, in its dark scheme's two rules.
    const darkColors = 'color-scheme:dark;padding:16px;border-radius:var(--xkit-card-radius);--xkit-text-muted:#9AA8B6;--xkit-text-default:#C9D3DD;--xkit-text-dark:#EEF2F6;--xkit-text-selected:#6CB4FF;--xkit-button-default-bg:linear-gradient(to bottom,#2A3440,#222B35);--xkit-button-default-color:#E4EAF0;--xkit-card-shadow:0 0 0 1px #33404D;--xkit-card-hover-shadow:0 0 0 1px #56697C,0 6px 12px -4px #000;--xkit-tab-color:#6CB4FF;--bg:#161C22;--line:#33404D;--soft:#1E262E;--danger:#FF8A80;--green-bg:#17382A;--green:#7EE2AE;--yellow-bg:#3B2D12;--yellow:#F5C46B;--alert-bg:#2B2115;--alert:#F3D9B5;--edge:#56697C';
    return [
      ':host{display:block;--xkit-card-padding:16px;--xkit-card-radius:6px;--xkit-card-shadow:0 0 1px rgba(67,90,111,.3),0 2px 4px -2px rgba(67,90,111,.47);--xkit-card-hover-shadow:0 0 1px rgba(67,90,111,.3),0 8px 10px -4px rgba(67,90,111,.47);--xkit-font-ui:"SF UI Text",-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;--xkit-font-display:var(--xkit-font-ui);--xkit-font-mono:"SF Mono",Monaco,Consolas,monospace;--xkit-text-muted:#66788A;--xkit-text-default:#425A70;--xkit-text-dark:#234361;--xkit-text-selected:#1070CA;--xkit-size-300:12px;--xkit-size-400:14px;--xkit-size-500:16px;--xkit-size-600:20px;--xkit-size-700:24px;--xkit-size-800:29px;--xkit-button-primary-bg:linear-gradient(to bottom,#0788DE,#116AB8);--xkit-button-primary-color:#fff;--xkit-button-default-bg:linear-gradient(to bottom,#fff,#F4F5F7);--xkit-button-default-color:#425A70;--xkit-tab-color:#0B5CAD;--bg:#fff;--line:#E4E7EB;--soft:#F5F6F7;--danger:#BF0E08;--green-bg:#D4EEE2;--green:#00783E;--yellow-bg:#FEF6E4;--yellow:#95591E;--alert-bg:#FDF8F3;--alert:#5C3F1E;--edge:rgba(67,90,111,.3)}',
      '.xk{color-scheme:light}',
      `.xk[data-scheme=dark]{${darkColors}}@media (prefers-color-scheme:dark){.xk[data-scheme=system]{${darkColors}}}`,
      '.xk{font:var(--xkit-size-400)/1.45 var(--xkit-font-ui);color:var(--xkit-text-default);background:var(--bg);padding-block:8px;overflow-wrap:anywhere}',
      '*{box-sizing:border-box}',
      'h1,h2,h3{font-family:var(--xkit-font-display);color:var(--xkit-text-dark);font-weight:500;margin:0}',
      'h1{font-size:var(--xkit-size-800);margin-block-end:20px}',
      '.searchbox{position:relative;margin-block-end:24px}',
      '.glass{position:absolute;inset-inline-start:16px;top:50%;width:14px;height:14px;margin-top:-9px;border:2px solid var(--xkit-text-muted);border-radius:50%}',
      '.glass::after{content:"";position:absolute;width:2px;height:7px;background:var(--xkit-text-muted);left:12px;top:10px;transform:rotate(-45deg)}',
      '.search{width:100%;height:48px;padding-block:0;padding-inline:44px 16px;font:inherit;font-size:var(--xkit-size-500);color:var(--xkit-text-dark);background:var(--bg);border:1px solid var(--line);border-radius:var(--xkit-card-radius);box-shadow:inset 0 1px 2px rgba(67,90,111,.14)}',
      '.grid{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(220px,100%),1fr));gap:20px}',
      '.card{display:flex;flex-direction:column;gap:6px;height:100%;padding:var(--xkit-card-padding);border-radius:var(--xkit-card-radius);box-shadow:var(--xkit-card-shadow);background:var(--bg);text-decoration:none;color:inherit;transition:box-shadow .15s}',
      '.logo,.plogo{flex:none;width:40px;height:40px;object-fit:contain;border-radius:4px}',
      '.name{font-size:var(--xkit-size-600);margin-block-start:10px}',
      '.desc{margin:0;font-size:var(--xkit-size-300);color:var(--xkit-text-muted);flex:1}',
      '.state{padding-block:40px;text-align:center;color:var(--xkit-text-muted);font-size:var(--xkit-size-500)}',
      '.state.error{color:var(--danger)}',
      '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
      '.tbar{height:calc(var(--xkit-size-800)*1.45);padding-block:calc(var(--xkit-size-800)*.3);margin-block-end:20px}',
      '.bone{display:block;background:var(--soft);border-radius:4px;animation:pulse 1.2s ease-in-out infinite alternate}',
      '.tbar .bone{height:100%;width:calc(var(--xkit-size-800)*8);max-width:60%}',
      '.bone.name{height:1.45em;width:60%}.bone.desc{height:1.45em;width:85%;flex:none}',
      '@keyframes pulse{to{opacity:.5}}',
      '@media (prefers-reduced-motion:reduce){.bone{animation:none}}',
    ].join("\n");
  }

  // drawSkeleton shows the placeholder in host's shadow root (made here as
  // the catalog would make it) unless a catalog is there already. opts are
  // renderCatalog's: the title bar and search box follow them; look is its
  // lang, dir and colour scheme (catalogLook).
  function drawSkeleton(host, opts, look) {
    if (!host || host.nodeType !== 1) {
      return; // renderCatalog reports it once the wasm is there
    }
    opts = opts !== null && typeof opts === "object" ? opts : {};
    let root = host.shadowRoot;
    if (root && root.childNodes.length && !skeletonIn(host)) {
      return;
    }
    try {
      root = root || host.attachShadow({ mode: "open" });
    } catch {
      return; // this element cannot hold a catalog; renderCatalog will say so
    }
    const style = adoptStyles(root, skeletonCSS());
    const top = tag("div", {});
    if (typeof opts.title === "string" && opts.title !== "") {
      top.append(tag("h1", { class: "title", tabindex: "-1" }, opts.title));
    } else {
      top.append(tag("div", { class: "tbar", "aria-hidden": "true" }, tag("span", { class: "bone" })));
    }
    const screen = tag("div", { class: "screen" });
    if (!opts.hideSearch) {
      screen.append(tag("div", { class: "searchbox", "aria-hidden": "true" },
        tag("span", { class: "glass" }), tag("input", { type: "search", class: "search", disabled: "", tabindex: "-1" })));
    }
    screen.append(tag("div", { class: "gridwrap" }, skeletonGrid()));
    root.replaceChildren(...style, tag("div", { class: "xk", part: "catalog", lang: look.lang, dir: look.dir,
      "data-scheme": look.scheme, "aria-busy": "true", "data-skeleton": "" },
      opts.hideTitle ? tag("div", {}) : top, screen));
  }

  // adoptStyles gives root the rules css as a constructed stylesheet, which
  // a Content-Security-Policy does not count as an inline style (a page
  // needs no style-src for it), as the catalog does (view/catalog.go). It
  // returns the nodes to put in root: none, or a <style> where the browser
  // cannot adopt stylesheets.
  function adoptStyles(root, css) {
    if (typeof CSSStyleSheet === "function" && "adoptedStyleSheets" in root) {
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [sheet];
        return [];
      } catch { /* an older constructor: the <style> below */ }
    }
    const style = tag("style", {});
    style.textContent = css;
    return [style];
  }

  // skeletonGrid is the outlines of the first cards (as many as the view's
  // skeletonCount), with the busy state said in words for screen readers
  // (the catalog's "Loading...").
  function skeletonGrid() {
    const grid = tag("ul", { class: "grid", "aria-hidden": "true" });
    for (let i = 0; i < 6; i++) {
      grid.append(tag("li", {}, tag("div", { class: "card" },
        tag("span", { class: "logo bone" }), tag("span", { class: "name bone" }), tag("span", { class: "desc bone" }))));
    }
    return tag("div", { "aria-busy": "true" }, grid, tag("p", { class: "sr" }, "Loading..."));
  }

  function skeletonIn(host) {
    return Boolean(host && host.shadowRoot && host.shadowRoot.querySelector("[data-skeleton]"));
  }

  // clearSkeleton takes the placeholder away (unmountCatalog before the
  // catalog came).
  function clearSkeleton(host) {
    if (skeletonIn(host)) {
      host.shadowRoot.replaceChildren();
      if ("adoptedStyleSheets" in host.shadowRoot) host.shadowRoot.adoptedStyleSheets = [];
    }
  }

  // skeletonFailed: the wasm did not load, so no catalog will come; the
  // placeholder stops saying it is busy and says so (the console has why).
  function skeletonFailed(host) {
    if (!skeletonIn(host)) {
      return;
    }
    const xk = host.shadowRoot.querySelector("[data-skeleton]");
    xk.removeAttribute("aria-busy");
    xk.querySelector(".gridwrap").replaceChildren(
      tag("p", { class: "state error", role: "alert" }, "The integrations could not be loaded."));
  }

  // tag makes an element with attributes and children (text stays text).
  function tag(name, attrs, ...kids) {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attrs)) {
      e.setAttribute(k, v);
    }
    e.append(...kids);
    return e;
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
