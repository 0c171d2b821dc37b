// The package's module as an app imports it (TestPackage/types): the
// default and the named export, under --module nodenext and under
// --moduleResolution bundler, with --strict.
import createXkit, { createXkit as named, version, ConnectionStatus, type Xkit, type Connector } from "@xkit-wasm/xkit";
import xkitAssets from "@xkit-wasm/xkit/esbuild";

const xkit: Xkit = createXkit("example.xkit.co");
const other: Xkit = named("example.xkit.co", { catalog: false, baseURL: "/static/xkit/" });
const byURL: Xkit = createXkit("example.xkit.co", { wasmURL: new URL("https://cdn.example/xkit.wasm") });

export async function use(): Promise<string> {
  await xkit.login("token");
  const connectors: Connector[] = await other.listConnectors();
  const v: string = xkit.version;
  const status: ConnectionStatus = byURL.connectionStatus(undefined);
  xkit.renderCatalog("xkit-app", { routerType: "hash" });
  return `${v} ${version} ${connectors.length} ${status}`;
}

export const plugin: { name: string } = xkitAssets();
