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
 * If the wasm cannot be loaded, every call rejects with an Error that says why.
 *
 * Start-up does not wait for init: the script tag starts downloading,
 * compiling and starting the wasm the moment it runs, from beside this file
 * (xkit.wasm, the SDK with its catalog; with data-catalog="false" on the
 * tag, xkit-sdk.wasm, the SDK alone), so init finds it ready or on its way.
 * The names it asks for are content-hashed (xkit.<sha256:16>.wasm, listed
 * below by ./build.sh): such a URL never changes its bytes, so a second
 * visit takes the wasm, and V8's compiled code for it, from the browser's
 * caches. Go's wasm_exec.js is inside this file: nothing else is loaded
 * but the wasm and, for a catalog in another language, its messages.
 * <xkit-catalog> elements and renderCatalog show a placeholder in the
 * catalog's own styles until the wasm draws the catalog over it.
 *
 * This file is made by ./build.sh (internal/loadergen) from web/src/xkit.js
 * and web/src/loader.js, the loader it shares with the ES module (xkit.mjs,
 * createXkit). Loading it twice is harmless: the second load does nothing.
 */
(() => {
  "use strict";

  const VERSION = "@@VERSION@@";
  //@@FILES

  //@@loader.js

  // A classic <script> installs window.xkit.init and starts loading the wasm
  // at once, from beside its own src.
  const script = typeof document !== "undefined" ? document.currentScript : null;
  if (script && script.src) {
    sharedLoader().installGlobal(script.src, { catalog: script.dataset.catalog !== "false" });
  }
})();
