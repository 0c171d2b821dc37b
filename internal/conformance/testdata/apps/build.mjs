// Builds the esbuild and React apps with esbuild and the package's plugin:
//   node build.mjs APP OUTDIR
import { build } from "esbuild";
import { copyFile } from "node:fs/promises";
import xkit from "@xkit-wasm/xkit/esbuild";

const [app, outdir] = process.argv.slice(2);
const entry = app === "react" ? "react/main.jsx" : `${app}/main.js`;
await build({
  entryPoints: { main: entry },
  bundle: true,
  format: "esm",
  jsx: "automatic",
  minify: true,
  define: { "process.env.NODE_ENV": '"production"' },
  outdir,
  logLevel: "error",
  plugins: [xkit()],
});
await copyFile(`${app}/index.html`, `${outdir}/index.html`);
