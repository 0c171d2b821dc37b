// The loader's start-up parts that need no browser (the Chromium tests are
// internal/conformance's TestStartup and TestWindowedGrid). Run after
// ./build.sh:
//
//   node --test web/test/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import http from "node:http";

const web = new URL("../", import.meta.url);
const domain = "127.0.0.1:1"; // nothing listens: the SDK's own requests fail at once

let loader, mod, server, base;

before(async () => {
  // A page's own Go class (another Go release's wasm_exec.js, say): the
  // loader must never use it (see "the loader brings its own Go runtime").
  globalThis.Go = class { constructor() { throw new Error("the page's Go was used"); } };
  mod = await import(new URL("xkit.mjs", web));
  loader = globalThis[Symbol.for("xkit.loader")];
  server = http.createServer(async (req, res) => {
    try {
      // /copy-N/... is the same file under another URL: a fresh boot.
      const path = new URL(req.url, "http://x").pathname.replace(/^\/copy-\d+\//, "/");
      const body = await readFile(new URL("." + path, web));
      res.setHeader("Content-Type", req.url.endsWith(".wasm") ? "application/wasm" : "text/javascript");
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
});

after(() => server.close());

// The rules of the placeholder (web/xkit.js skeletonCSS) are the catalog's
// own (wasm/internal/catalog/view/css.go), word for word, so the catalog
// replaces the placeholder without a change in look or layout.
test("the placeholder's styles are the catalog's", async () => {
  const loaderSrc = await readFile(new URL("xkit.js", web), "utf8");
  const block = loaderSrc.slice(loaderSrc.indexOf("function skeletonCSS()"), loaderSrc.indexOf('].join("\\n")'));
  const rules = [...block.matchAll(/^\s*'(.*)',$/gm)].map((m) => m[1]);
  assert.ok(rules.length > 10, `found ${rules.length} placeholder rules`);
  const consts = goConsts(await readFile(new URL("../wasm/internal/catalog/view/css.go", web), "utf8"));
  const lines = new Set(consts.css.split("\n"));
  for (const rule of rules) {
    assert.ok(lines.has(rule), `web/xkit.js's placeholder rule is not a line of view/css.go:\n${rule}`);
  }
  const dark = block.match(/const darkColors = '(.*)';/);
  assert.ok(dark, "skeletonCSS has darkColors");
  assert.equal(dark[1], consts.darkColors, "the placeholder's dark colours are css.go's darkColors");
});

// goConsts evaluates a Go file's string constants made of raw literals and
// other such constants joined by +, as css.go writes them.
function goConsts(src) {
  const exprs = {};
  for (const m of src.matchAll(/^const (\w+) = ((?:`[^`]*`|\w+)(?:[ \t]*\+[ \t]*(?:`[^`]*`|\w+))*)/gm)) {
    exprs[m[1]] = [...m[2].matchAll(/`([^`]*)`|(\w+)/g)];
  }
  const value = (name) => exprs[name].map((p) => p[1] !== undefined ? p[1] : value(p[2])).join("");
  return Object.fromEntries(Object.keys(exprs).map((n) => [n, value(n)]));
}

test("the SDK-only build's catalog calls reject with what to load", async () => {
  const sdk = loader.createXkit(domain, base + "xkit.mjs", { catalog: false });
  for (const name of loader.calls.catalog) {
    await assert.rejects(sdk[name]("xkit-app"), (err) => {
      assert.match(err.message, new RegExp(`^Xkit: ${name} needs the catalog widget, which the SDK-only build \\(xkit-sdk\\.wasm\\) leaves out\\. Load xkit\\.wasm`));
      assert.match(err.message, /data-catalog="false"/);
      return true;
    });
  }
  await sdk.getPlatform().catch(() => {}); // the SDK itself answers (its wasm started)
  const factory = await loader.prepare(base + "xkit.mjs", { catalog: false });
  assert.equal(typeof factory.create, "function");
});

test("createXkit's options must be an object", () => {
  assert.throws(() => loader.createXkit(domain, base + "xkit.mjs", "sdk"), TypeError);
  assert.throws(() => loader.createXkit(domain, base + "xkit.mjs", null), TypeError);
});

test("the loader brings its own Go runtime and leaves the page's alone", async () => {
  const sdk = loader.createXkit(domain, base + "copy-1/xkit.mjs", { catalog: false });
  await sdk.getPlatform().catch(() => {}); // answered by the wasm: it started
  const factory = await loader.prepare(base + "copy-1/xkit.mjs", { catalog: false });
  assert.equal(typeof factory.create, "function", "started with the loader's own Go class");
  assert.match(String(globalThis.Go), /the page's Go was used/, "globalThis.Go is still the page's");
  for (const file of ["xkit.js", "xkit.mjs"]) {
    const src = await readFile(new URL(file, web), "utf8");
    assert.ok(!src.includes("globalThis.Go"), `${file} never reads globalThis.Go`);
    assert.ok(!/createElement\(\s*["']script/.test(src), `${file} injects no <script>`);
    assert.match(src, /\bGo = class \{/, `${file} has wasm_exec.js's Go class inside`);
  }
});

test("the version is the package's, on the loader, the module and each SDK object", async () => {
  const { version } = JSON.parse(await readFile(new URL("package.json", web), "utf8"));
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(loader.version, version);
  assert.equal(mod.version, version);
  assert.equal(loader.createXkit(domain, base + "xkit.mjs", { catalog: false }).version, version);
  assert.equal(mod.createXkit(domain, { catalog: false, baseURL: base }).version, version);
});

test("baseURL and wasmURL say where the files are", async () => {
  const sdk = mod.createXkit(domain, { catalog: false, baseURL: base + "copy-2" }); // the folder, with or without its slash
  await sdk.getPlatform().catch(() => {});
  const started = await loader.prepare({}, { catalog: false, baseURL: base + "copy-2/" });
  assert.equal(typeof started.create, "function");
  const names = JSON.parse(await readFile(new URL("xkit-wasm.json", web), "utf8"));
  const byWasm = await loader.prepare({}, { catalog: false, wasmURL: new URL(base + "copy-3/" + names["xkit-sdk.wasm"]) });
  assert.equal(typeof byWasm.create, "function");
  assert.throws(() => mod.createXkit(domain, { wasmURL: 42 }), /wasmURL must be a URL/);
  assert.throws(() => mod.createXkit(domain, { baseURL: "http://[" }), /baseURL is not a URL/);
});
