// Relative URLs, so the test can serve the build under /vite/.
export default { base: "./", logLevel: "error", build: { emptyOutDir: true } };
