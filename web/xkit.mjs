/*
 * Xkit browser SDK as an ES module — a drop-in for xkit.js 3.14.1's default
 * export, backed by Go compiled to WebAssembly.
 *
 *   import createXkit from "/web/xkit.mjs";   // or: import { createXkit } ...
 *   const xkit = createXkit("example.xkit.co");
 *   const connectors = await xkit.listConnectors();
 *
 * createXkit returns the SDK object at once; calls made before the wasm has
 * started wait for it. createXkit(domain, {catalog: false}) loads the SDK
 * without its catalog widget (xkit-sdk.wasm, about 95 KB less). The wasm and
 * wasm_exec.js are fetched from beside this file. The loading code is shared
 * with the script-tag build, xkit.js.
 */
import "./xkit.js";

const loader = globalThis[Symbol.for("xkit.loader")];

// What both builds need (the list of hashed names, wasm_exec.js) starts at
// import; the wasm itself once createXkit says which one.
loader.prefetch(import.meta.url).catch(() => {});

/** The SDK object for a platform domain such as "example.xkit.co". */
export function createXkit(domain, options) {
  return loader.createXkit(domain, import.meta.url, options);
}

export const ConnectionStatus = loader.ConnectionStatus;
export const AuthorizationStatus = loader.AuthorizationStatus;

export default createXkit;
