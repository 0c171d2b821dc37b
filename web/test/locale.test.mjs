// The catalog's language as the loader picks it (web/xkit.js
// catalogLocale): the locale option or navigator.language, matched to the
// languages the catalog speaks, and the language file fetched beside the
// wasm once per page. Run after ./build.sh (web/i18n/ is built):
//
//   node --test web/test/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import http from "node:http";

const web = new URL("../", import.meta.url);
let loader, server, wasmURL, requests = [];

before(async () => {
  await import(new URL("xkit.mjs", web));
  loader = globalThis[Symbol.for("xkit.loader")];
  server = http.createServer(async (req, res) => {
    requests.push(req.url);
    try {
      res.end(await readFile(new URL("." + new URL(req.url, "http://x").pathname, web)));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  wasmURL = `http://127.0.0.1:${server.address().port}/xkit.wasm`;
});

after(() => server.close());

// warnings runs fn and returns what it warned on the console.
async function warnings(fn) {
  const seen = [], warn = console.warn;
  console.warn = (...args) => seen.push(args.join(" "));
  try {
    await fn();
  } finally {
    console.warn = warn;
  }
  return seen;
}

test("a locale is matched by its primary subtag; Intl gets the whole tag", () => {
  for (const [locale, lang, tag] of [
    ["de", "de", "de"], ["de-AT", "de", "de-AT"], ["DE_ch", "de", "de"], ["pt", "pt-BR", "pt"], ["pt-PT", "pt-BR", "pt-PT"],
    ["pt-BR", "pt-BR", "pt-BR"], ["es-419", "es", "es-419"], ["fr-CA", "fr", "fr-CA"], ["ja-JP", "ja", "ja-JP"],
    ["ar-EG", "ar", "ar-EG"], ["en-GB", "en", "en-GB"], [" en ", "en", "en"],
  ]) {
    const loc = loader.catalogLocale(locale, wasmURL.replace("/xkit.wasm", "/tags/xkit.wasm"));
    assert.equal(loc.lang, lang, locale);
    assert.equal(loc.tag, tag, locale);
  }
});

test("English needs no file; a language the catalog does not speak is English, with a warning", async () => {
  requests = [];
  const seen = await warnings(() => {
    const en = loader.catalogLocale("en-US", wasmURL);
    assert.equal(en.file.text, "", "English is in the wasm");
    const zh = loader.catalogLocale("zh-CN", wasmURL);
    assert.deepEqual([zh.lang, zh.tag, zh.file.text], ["en", "en", ""]);
  });
  assert.deepEqual(requests.filter((u) => !u.startsWith("/tags/")), [], "nothing fetched");
  assert.equal(seen.length, 1);
  assert.match(seen[0], /locale "zh-CN" is not one the catalog speaks/);
});

test("without a locale, navigator.language", () => {
  const own = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  Object.defineProperty(globalThis, "navigator", { value: { language: "ja-JP" }, configurable: true });
  try {
    const loc = loader.catalogLocale(undefined, wasmURL.replace("/xkit.wasm", "/tags/xkit.wasm"));
    assert.deepEqual([loc.lang, loc.tag], ["ja", "ja-JP"]);
  } finally {
    if (own) Object.defineProperty(globalThis, "navigator", own); else delete globalThis.navigator;
  }
});

test("a language's file is fetched beside the wasm, once per page", async () => {
  requests = [];
  const first = loader.catalogLocale("fr", wasmURL);
  const second = loader.catalogLocale("fr-CA", wasmURL);
  assert.equal(first.file, second.file, "one download for both catalogs");
  await first.file.loaded;
  const asked = requests.filter((u) => !u.startsWith("/tags/"));
  assert.equal(asked.length, 1, asked.join(" "));
  assert.match(asked[0], /^\/i18n\/fr\.[0-9a-f]{16}\.json$/, "its content-hashed name");
  assert.equal(JSON.parse(first.file.text)["action.install"], "Installer");
});

test("a file that cannot be had leaves English, with a warning; the next catalog tries again", async () => {
  const missing = "http://127.0.0.1:" + server.address().port + "/nowhere/xkit.wasm";
  requests = [];
  const seen = await warnings(async () => {
    const loc = loader.catalogLocale("de", missing);
    await loc.file.loaded;
    assert.equal(loc.file.text, "");
  });
  assert.equal(seen.length, 1);
  assert.match(seen[0], /the de messages could not be loaded .*HTTP 404.*speaks English/);
  await warnings(() => loader.catalogLocale("de", missing).file.loaded);
  const asked = requests.filter((u) => u.startsWith("/nowhere/"));
  assert.equal(asked.length, 2, asked.join(" "));
  assert.equal(asked[0], asked[1]);
  assert.match(asked[0], /^\/nowhere\/i18n\/de\.[0-9a-f]{16}\.json$/);
});
