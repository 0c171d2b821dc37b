// The script-tag build's global as a page's TypeScript uses it (the
// package's "@xkit-wasm/xkit/global"): after xkit.init the calls type-check
// under --strict with no non-null assertion; before it they do not.
import type {} from "@xkit-wasm/xkit/global";

export function beforeInit(): void {
  // @ts-expect-error: the calls are not there before init
  void xkit.listConnectors();
}

export async function page(token: string): Promise<number> {
  xkit.init("example.xkit.co");
  await xkit.login(token);
  const connectors = await xkit.listConnectors();
  const sdk = xkit; // keeps what init asserted, for other functions
  document.body.addEventListener("click", () => { void sdk.connect("slack"); });
  const v: string = sdk.version;
  return connectors.length + v.length;
}

export function viaWindow(): Promise<unknown> {
  window.xkit.init("example.xkit.co");
  return window.xkit.getPlatform();
}
