// A page written against xkit.js 3.14.1's declarations (@xkit-co/xkit.js
// lib/index.d.ts and lib/browser.d.ts), as its users wrote them. The type
// test (TestTypeScript) compiles it with tsc --strict twice: against
// those declarations ("xkit-sdk" is @xkit-co/xkit.js; tsconfig.original.json),
// which proves it is such a page, and against ours (web/xkit.d.ts;
// tsconfig.wasm.json), which must accept it unchanged.
import createXkit, {
  Authorization,
  AuthorizationStatus,
  Authorizer,
  AuthorizerPrototype,
  CollectField,
  Connection,
  ConnectionOnly,
  ConnectionShell,
  ConnectionStatus,
  Connector,
  Platform,
  TokenCallback,
  XkitJs,
} from "xkit-sdk";
import "xkit-sdk/browser";

// The module build: the default export makes the SDK object.
const xkit: XkitJs = createXkit("example.xkit.co");

// The script tag build: window.xkit.init.
window.xkit.init("example.xkit.co");

// Enum members as values and as types.
function isActive(s: AuthorizationStatus): s is AuthorizationStatus.active {
  return s === AuthorizationStatus.active;
}
const waiting: AuthorizationStatus.awaiting_callback = AuthorizationStatus.awaiting_callback;
const labels: Record<AuthorizationStatus, string> = {
  [AuthorizationStatus.awaiting_callback]: "Waiting",
  [AuthorizationStatus.retrieving_tokens]: "Connecting",
  [AuthorizationStatus.active]: "Connected",
  [AuthorizationStatus.error]: "Failed",
};
function describe(s: AuthorizationStatus): string {
  switch (s) {
    case AuthorizationStatus.awaiting_callback:
    case AuthorizationStatus.retrieving_tokens:
      return "pending";
    case AuthorizationStatus.active:
      return "ok";
    case AuthorizationStatus.error:
      return "failed";
    default: {
      const never: never = s;
      return never;
    }
  }
}
const connected: ConnectionStatus.Connected = ConnectionStatus.Connected;
let status: ConnectionStatus = ConnectionStatus.NotInstalled;
status = connected;

// The data types.
function authorizationOf(c: Connection | ConnectionShell): Authorization | undefined {
  return "id" in c ? c.authorization : undefined;
}
function fields(p: AuthorizerPrototype): CollectField[] {
  return p.collect_fields ?? [];
}
function clientOf(a: Authorizer): string {
  return a.client_id;
}
const only: ConnectionOnly = { id: "c1", enabled: true };
const platformName = (p: Platform): string => `${p.name} (${p.login_redirect_url})`;

// Every call, as pages made them.
async function page(token: string, refresh: TokenCallback): Promise<void> {
  xkit.ready(() => console.log("ready"));
  const unsubscribe: Function = xkit.onUpdate(() => console.log("updated"));
  unsubscribe();
  await xkit.login(token);
  await xkit.login(token, refresh);
  await xkit.login(refresh);
  const t: string = await xkit.getAccessToken();
  const platform: Platform = await xkit.getPlatform();
  const connectors: Connector[] = await xkit.listConnectors();
  const slack: Connector = await xkit.getConnector("slack");
  const conns: Connection[] = await xkit.listConnections();
  await xkit.listConnections("slack");
  const conn: Connection = await xkit.getConnection({ slug: "slack" });
  await xkit.getConnection({ id: conn.id });
  await xkit.getConnection("slack");
  const either: Connection | ConnectionShell = await xkit.getConnectionOrConnector("slack");
  const providerToken: string | null = await xkit.getConnectionToken({ id: conn.id });
  try {
    const made: Connection = await xkit.connect(slack);
    await xkit.connect("github");
    await xkit.addConnection("salesforce");
    await xkit.addConnection(slack, "my-id");
    await xkit.reconnect(made);
  } catch (e) {
    if (e instanceof Error) console.log(e.message);
  }
  await xkit.disconnect(slack);
  await xkit.disconnect("slack");
  await xkit.removeConnection({ id: conn.id });
  await xkit.setAuthorizationField("acme", "state", { api_key: "k" });
  const auth: Authorization = await xkit.setAuthorizationFields("acme", "state", { api_key: "k" });
  await xkit.listCRMObjects(conn, {});
  await xkit.listAPIObjects(conn);
  await xkit.getAPIObject(conn, "contact");
  await xkit.getMapping(conn);
  await xkit.saveMapping(conn, [], {});
  const onEnable = (payload: unknown): void => console.log(payload);
  xkit.on("connection:enable", onEnable);
  xkit.off("connection:enable", onEnable);
  xkit.on("connection:disable", (slug) => console.log(slug));
  xkit.on("config:update", (payload) => console.log(payload));
  await xkit.logout();
  console.log(t, platform, connectors, conns, either, providerToken, auth, isActive(auth.status),
    describe(auth.status), labels, waiting, status, authorizationOf(either), only, platformName(platform),
    xkit.url, xkit.domain, xkit.connectorUrl("slack"), fields, clientOf);
}

// The methods, held with xkit.js's own types.
const held: {
  ready: (fn: Function) => void;
  onUpdate: (fn: Function) => Function;
  login: (tokenOrFunc: string | TokenCallback, tokenCallback?: TokenCallback) => Promise<void>;
  connect: (connector: Connector | string) => Promise<Connection>;
  addConnection: (connector: Connector | string, id?: string) => Promise<Connection>;
  reconnect: (connection: Connection) => Promise<Connection>;
  on: (type: "connection:enable" | "connection:disable" | "config:update", fn: (payload: unknown) => void) => void;
} = xkit;

// An object typed with xkit.js's interface (a test double, say): every
// member xkit.js declared, and nothing else.
const never = (): Promise<never> => Promise.reject(new Error("not in this test"));
const double: XkitJs = {
  domain: "example.xkit.co",
  url: "https://example.xkit.co",
  connectorUrl: (slug: string) => `https://example.xkit.co/connectors/${slug}`,
  ready: (fn: Function) => { fn(); },
  onUpdate: (fn: Function): Function => () => fn,
  logout: async () => {},
  login: async (tokenOrFunc: string | TokenCallback, tokenCallback?: TokenCallback) => {
    console.log(tokenOrFunc, tokenCallback);
  },
  getAccessToken: async () => "token",
  getPlatform: never,
  listConnectors: async () => [],
  getConnector: never,
  listConnections: async (slug?: string) => { console.log(slug); return []; },
  getConnection: never,
  getConnectionOrConnector: never,
  getConnectionToken: async () => null,
  connect: (connector: Connector | string) => { console.log(connector); return never(); },
  reconnect: (connection: Connection) => { console.log(connection); return never(); },
  disconnect: async () => {},
  addConnection: (connector: Connector | string, id?: string) => { console.log(connector, id); return never(); },
  removeConnection: async () => {},
  setAuthorizationField: never,
  setAuthorizationFields: never,
  listCRMObjects: async () => [],
  listAPIObjects: async () => [],
  getAPIObject: async () => ({}),
  getMapping: async () => ({}),
  saveMapping: async () => {},
  on: (type: "connection:enable" | "connection:disable" | "config:update", fn: (payload: unknown) => void) => {
    console.log(type, fn);
  },
  off: () => {},
};
function useXkit(x: XkitJs): Promise<Connector[]> {
  return x.listConnectors();
}

void page("token", async () => "token");
void useXkit(double);
void useXkit(xkit);
console.log(held);
