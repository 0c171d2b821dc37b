/** An esbuild plugin that copies the files the Xkit SDK loads into the build (see esbuild.mjs). */
export default function xkit(): { name: string; setup(build: any): void };
