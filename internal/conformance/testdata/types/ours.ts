// What web/xkit.d.ts adds to xkit.js's declarations stays usable under
// --strict for code written for ours (TestTypeScript, tsconfig.wasm.json).
import createXkit, { Connection, ConnectionStatus, ConnectOptions, XkitConnectError, IKitAPIError, Xkit } from "xkit-sdk";

const xkit: Xkit = createXkit("example.xkit.co");

async function ours(conn: Connection, el: HTMLElement): Promise<void> {
  const s: ConnectionStatus = xkit.connectionStatus(conn);
  if (s === xkit.ConnectionStatus.Connected) console.log("connected");
  const options: ConnectOptions = { signal: new AbortController().signal, timeoutMs: 60_000 };
  try {
    await xkit.connect("slack", options);
    await xkit.addConnection("salesforce", options);
    await xkit.addConnection("salesforce", "my-id", options);
    await xkit.reconnect(conn, options);
  } catch (e) {
    const err = e as XkitConnectError;
    if (err.reason === "denied" || err.code === "access_denied") console.log(err.errorMessage);
  }
  try {
    await xkit.getConnector("nope");
  } catch (e) {
    const err = e as IKitAPIError;
    console.log(err.statusCode, err.debugMessage);
  }
  xkit.on("connection:enable", (c: Connection) => console.log(c.id));
  const handle = xkit.renderCatalog(el, { routerType: "hash", hideTitle: true, onLocationChange: (l) => console.log(l.name) });
  handle.pushHistory("/connectors/slack");
  xkit.renderCatalogDefault("xkit-app");
  xkit.unmountCatalog(el);
}
void ours;
