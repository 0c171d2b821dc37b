// A Vite app that installs the SDK from npm: no file copied, no option.
import { createXkit } from "@xkit-wasm/xkit";
import { run, domain } from "../shared.js";

const xkit = createXkit(domain());
window.__run = run(xkit);
