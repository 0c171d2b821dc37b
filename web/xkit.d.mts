// Types for `import { createXkit } from "./xkit.mjs"`: the same declarations as xkit.d.ts.
export * from "./xkit.js";
export { default } from "./xkit.js";
