// An esbuild plugin for @xkit-wasm/xkit: esbuild (0.28) does not follow
// new URL("./file", import.meta.url), so without it a bundle looks for
// xkit.wasm beside itself and finds nothing. With it, each file the SDK
// loads (the wasm, the catalog's language files) is copied into the build
// under a hashed name, as Vite does by itself:
//
//   import { build } from "esbuild";
//   import xkit from "@xkit-wasm/xkit/esbuild";
//   await build({ entryPoints: ["app.js"], bundle: true, format: "esm",
//     outdir: "dist", plugins: [xkit()] });
//
// The bundle must be an ES module (format "esm"): the files are found from
// its import.meta.url.
import { readFile } from "node:fs/promises";
import path from "node:path";

const SUFFIX = "?xkit-asset";
const ASSET = /new URL\("(\.\/[^"?#]+)", import\.meta\.url\)/g;

export default function xkit() {
  return {
    name: "xkit-assets",
    setup(build) {
      // The SDK's module: each new URL("./file", import.meta.url) becomes
      // new URL(<the copied file>, import.meta.url).
      build.onLoad({ filter: /[\\/]@xkit-wasm[\\/]xkit[\\/]xkit\.mjs$/ }, async (args) => {
        const imports = [];
        const src = (await readFile(args.path, "utf8")).replace(ASSET, (_, rel) => {
          const id = `__xkitAsset${imports.length}`;
          imports.push(`import ${id} from ${JSON.stringify(rel + SUFFIX)};`);
          return `new URL(${id}, import.meta.url)`;
        });
        return { contents: imports.join("\n") + "\n" + src, loader: "js", resolveDir: path.dirname(args.path) };
      });
      build.onResolve({ filter: /\?xkit-asset$/ }, (args) => ({
        path: path.join(args.resolveDir, args.path.slice(0, -SUFFIX.length)),
        namespace: "xkit-asset",
      }));
      // The file loader copies the file and gives its path from the bundle.
      build.onLoad({ filter: /.*/, namespace: "xkit-asset" }, async (args) => ({
        contents: await readFile(args.path),
        loader: "file",
      }));
    },
  };
}
