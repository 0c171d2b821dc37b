/*
 * Xkit browser SDK as an ES module — a drop-in for xkit.js 3.14.1's default
 * export, backed by Go compiled to WebAssembly.
 *
 *   import createXkit from "@xkit-wasm/xkit";   // or: import { createXkit } ...
 *   const xkit = createXkit("example.xkit.co");
 *   const connectors = await xkit.listConnectors();
 *
 * createXkit returns the SDK object at once; calls made before the wasm has
 * started wait for it. createXkit(domain, {catalog: false}) loads the SDK
 * without its catalog widget (xkit-sdk.wasm, about 95 KB less).
 *
 * The wasm and the catalog's language files are found with
 * new URL(<a literal "./file">, import.meta.url), which Vite, Rollup and webpack follow:
 * they copy each file into the build under a hashed name. Where that is not
 * so (esbuild without the plugin in ./esbuild.mjs, files served from
 * elsewhere), createXkit's baseURL or wasmURL option says where they are.
 *
 * This file is made by ./build.sh (internal/loadergen) from web/src/xkit.mjs
 * and web/src/loader.js, the loader it shares with the script-tag build
 * (xkit.js), with Go's wasm_exec.js inside: it needs no other script.
 * Importing it leaves the page's globals alone, but for defining the
 * <xkit-catalog> element.
 */
const VERSION = "@@VERSION@@";
//@@FILES
//@@ASSETS

//@@loader.js

const loader = sharedLoader();

// Where this module's files are: ASSETS, as the bundler rewrote it. A bundle
// without import.meta (an IIFE or CommonJS build) cannot say.
const where = {
  files: FILES,
  here(file) {
    try {
      return ASSETS[file]().href;
    } catch (err) {
      throw new TypeError(`createXkit: cannot tell where ${file} is: this bundle has no import.meta.url ` +
        "(an IIFE or CommonJS build?). Bundle as an ES module, or say where the files are: " +
        'createXkit(domain, { baseURL: "/path/to/xkit/" }).', { cause: err });
    }
  },
};

loader.defineCatalogElement();

/** The SDK object for a platform domain such as "example.xkit.co". */
export function createXkit(domain, options) {
  const sdk = loader.createXkit(domain, where, options);
  loader.redrawCatalogs(); // <xkit-catalog> elements waiting for an SDK
  return sdk;
}

/** The loader's version (the npm package's). */
export const version = VERSION;
export const ConnectionStatus = loader.ConnectionStatus;
export const AuthorizationStatus = loader.AuthorizationStatus;

export default createXkit;
