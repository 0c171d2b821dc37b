// One list of SDK methods: wasm/bridge's Methods (the Go definitions, which
// the wasm's factory reports), the loader's lists in web/xkit.js, the
// object a page gets, and web/xkit.d.ts must agree. Run after ./build.sh:
//
//   node --test web/test/
//
// It starts the built web/xkit.wasm in Node (no DOM is needed to make the
// SDK object) and, through the loader, the same wasm served over http.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import http from "node:http";

const web = new URL("../", import.meta.url);
const domain = "127.0.0.1:1"; // nothing listens: the SDK's own requests fail at once

let loader, goCalls, server, base;

// startGo runs a wasm build and returns the factory it registers, with Go's
// own wasm_exec.js (the loader keeps its copy to itself).
async function startGo(file) {
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(await readFile(new URL(file, web)), go.importObject);
  go.run(instance); // settles only if the program exits
  const factory = globalThis.__xkitGo;
  delete globalThis.__xkitGo;
  assert.ok(factory, `${file} registered no factory`);
  return factory;
}

const sorted = (names) => [...names].sort();

// names reads the factory's methods: {async, popup, sync}, each a string of
// names separated by spaces (wasm/bridge.Methods).
const names = (m) => ({ async: m.async.split(" "), popup: m.popup.split(" "), sync: m.sync.split(" ") });

// declared is the members of an interface in xkit.d.ts.
async function declared(name) {
  const src = await readFile(new URL("xkit.d.ts", web), "utf8");
  const start = src.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `xkit.d.ts has no interface ${name}`);
  const body = src.slice(start, src.indexOf("\n}", start));
  const members = new Set();
  for (const m of body.matchAll(/^ {2}(?:readonly\s+)?([A-Za-z_$][\w$]*)\s*[<(:?]/gm)) {
    members.add(m[1]);
  }
  return sorted(members);
}

before(async () => {
  const goroot = execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
  await import(pathToFileURL(`${goroot}/lib/wasm/wasm_exec.js`)); // defines globalThis.Go
  await import(new URL("xkit.mjs", web));
  loader = globalThis[Symbol.for("xkit.loader")];
  goCalls = names((await startGo("xkit.wasm")).methods);
  server = http.createServer(async (req, res) => {
    try {
      const body = await readFile(new URL("." + new URL(req.url, "http://x").pathname, web));
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

test("the loader's lists are the Go lists", () => {
  for (const kind of ["async", "popup", "sync"]) {
    assert.deepEqual(sorted(loader.calls[kind]), sorted(goCalls[kind]),
      `web/xkit.js's ${kind} calls and wasm/bridge.Methods.${kind[0].toUpperCase() + kind.slice(1)}`);
  }
});

test("the Go object has the listed methods, and the catalog's", async () => {
  const factory = await startGo("xkit.wasm");
  const core = factory.create(domain, "http:");
  const expected = [...goCalls.async, ...goCalls.popup, ...goCalls.sync, "_withWindow", ...loader.calls.catalog];
  assert.deepEqual(sorted(Object.keys(core)), sorted(expected));
});

test("the SDK-only build has the listed methods and no catalog", { skip: !existsSync(new URL("xkit-sdk.wasm", web)) && "web/xkit-sdk.wasm is not built" }, async () => {
  const factory = await startGo("xkit-sdk.wasm");
  assert.deepEqual(names(factory.methods), goCalls, "the same SDK");
  const core = factory.create(domain, "http:");
  assert.deepEqual(sorted(Object.keys(core)), sorted([...goCalls.async, ...goCalls.popup, ...goCalls.sync, "_withWindow"]));
});

test("xkit.d.ts declares what the page's object has", async () => {
  const sdk = loader.createXkit(domain, base + "xkit.mjs");
  await sdk.getPlatform().catch(() => {}); // the wasm has started
  for (const name of [...loader.calls.async, ...loader.calls.popup, ...loader.calls.sync, ...loader.calls.catalog]) {
    assert.equal(typeof sdk[name], "function", `xkit.${name} after init`);
  }
  assert.deepEqual(await declared("XkitJs"), sorted(Object.keys(sdk)),
    "XkitJs in web/xkit.d.ts and the object createXkit returns");
});
