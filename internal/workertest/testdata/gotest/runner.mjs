// A Worker that runs a Go test binary built for js/wasm (go test -c) inside
// workerd, with this Worker's bindings: GET /run?arg=... runs it once with
// those arguments and answers what it printed, its exit code in the
// X-Exit-Code header. Any other path answers "ok" (wrangler's readiness).
// Used by internal/workertest's TestStoreContractOnD1; test.wasm and
// wasm_exec.js (from $(go env GOROOT)/lib/wasm) are copied beside it.
import "./wasm_exec.js";
import mod from "./test.wasm";

export default {
  async fetch(req, env, ctx) {
    const url = new URL(req.url);
    if (url.pathname !== "/run") {
      return new Response("ok");
    }
    let out = "";
    const decoder = new TextDecoder();
    // Go writes stdout and stderr through fs.writeSync (wasm_exec.js).
    globalThis.fs.writeSync = (fd, buf) => {
      out += decoder.decode(buf);
      return buf.length;
    };
    // What github.com/syumai/workers reads: the Worker's env and context.
    globalThis.context = { env, ctx, binding: {} };
    const go = new Go();
    go.argv = ["test.wasm", ...url.searchParams.getAll("arg")];
    let code = -1;
    go.exit = (c) => { code = c; };
    try {
      await go.run(new WebAssembly.Instance(mod, go.importObject));
    } catch (e) {
      out += "\nrunner: " + (e && e.stack ? e.stack : String(e)) + "\n";
    }
    return new Response(out, { headers: { "X-Exit-Code": String(code), "Content-Type": "text/plain; charset=utf-8" } });
  },
};
