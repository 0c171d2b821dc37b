// An esbuild app that installs the SDK from npm (build.mjs adds the
// package's plugin, which copies the wasm into the build).
import createXkit from "@xkit-wasm/xkit";
import { run, domain } from "../shared.js";

const xkit = createXkit(domain(), { catalog: false });
window.__run = run(xkit);
