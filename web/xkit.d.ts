// Type declarations for the Xkit browser SDK (Go/WebAssembly drop-in for
// xkit.js 3.14.1): the script-tag build (web/xkit.js, window.xkit) and the ES
// module (web/xkit.mjs and the npm package @xkit-wasm/xkit, createXkit).

/** Any JSON object the SDK passes through without knowing its fields. */
export interface UnknownJSON {
  [key: string]: unknown;
}

/** The platform (the Xkit customer) whose connectors the user sees. */
export interface Platform {
  name: string;
  slug: string;
  custom_domain?: string;
  website: string;
  login_redirect_url: string;
  remove_branding: boolean;
}

/** A connector as anyone may see it, logged in or not. */
export interface PublicConnector {
  name: string;
  slug: string;
  short_description: string;
  mark_url: string;
  about?: string;
  /** Markdown. */
  description?: string;
  supports_multiple_connections: boolean;
  sync?: boolean;
  crm?: boolean;
}

/** A connector as a logged-in user sees it, with their connection(s). */
export interface Connector extends PublicConnector {
  connection?: ConnectionOnly;
  connections?: ConnectionOnly[];
}

export interface CollectField {
  name: string;
  label: string;
  suffix?: string;
}

export interface AuthorizerPrototype {
  name: string;
  slug: string;
  collect_video_url?: string;
  collect_instructions?: string;
  /** @deprecated Use `collect_fields` instead. */
  collect_label?: string;
  /** @deprecated Use `collect_fields` instead. */
  collect_field?: string;
  /** @deprecated Use `collect_fields` instead. */
  collect_suffix?: string;
  collect_fields?: CollectField[];
  collect_save?: string;
}

export interface Authorizer {
  client_id: string;
  prototype: AuthorizerPrototype;
}

export declare const AuthorizationStatus: {
  readonly awaiting_callback: "awaiting_callback";
  readonly retrieving_tokens: "retrieving_tokens";
  readonly active: "active";
  readonly error: "error";
};
export type AuthorizationStatus = (typeof AuthorizationStatus)[keyof typeof AuthorizationStatus];
/** Each status as a type of its own (`AuthorizationStatus.active`), as xkit.js's enum had. */
export declare namespace AuthorizationStatus {
  type awaiting_callback = "awaiting_callback";
  type retrieving_tokens = "retrieving_tokens";
  type active = "active";
  type error = "error";
}

export interface Authorization {
  id: number | string;
  display_label?: string;
  status: AuthorizationStatus;
  error_code?: string;
  error_message?: string;
  authorizer: Authorizer;
  access_token?: string;
  authorize_url?: string;
  /** @deprecated Use `connector` instead. */
  initiating_connector?: PublicConnector;
  connector?: PublicConnector;
  state?: string;
}

/** A connection without its connector (as nested in a Connector). */
export interface ConnectionOnly {
  id: string;
  enabled: boolean;
  /** When it was made (RFC 3339): xkitd's, not the original platform's. */
  created_at?: string;
  authorization?: Authorization;
}

export interface Connection extends ConnectionOnly {
  connector: Connector;
}

/** What getConnectionOrConnector gives when the user has no connection. */
export interface ConnectionShell {
  connector: Connector;
}

/** `{ slug }` finds the user's connection to a connector, `{ id }` one connection. */
export type ConnectionQuery = { slug: string } | { id: string };

/**
 * A ConnectionQuery, or (deprecated, warns) a bare connector slug.
 */
export type LegacyConnectionQuery = string | ConnectionQuery;

/** Gives a fresh user token (e.g. from your backend) when the session ends. */
export type TokenCallback = () => Promise<string>;

/** Status of a connection, a numeric enum with reverse names like TypeScript's. */
export declare const ConnectionStatus: {
  readonly NotInstalled: 0;
  readonly Error: 1;
  readonly Connected: 2;
  readonly 0: "NotInstalled";
  readonly 1: "Error";
  readonly 2: "Connected";
};
export type ConnectionStatus = 0 | 1 | 2;
/** Each status as a type of its own (`ConnectionStatus.Connected`), as xkit.js's enum had. */
export declare namespace ConnectionStatus {
  type NotInstalled = 0;
  type Error = 1;
  type Connected = 2;
}

/**
 * State changes reported by `config:update`, one or a few at a time:
 * `{loading}`, `{loginRedirect}`, `{token, tokenCallback}` on login (the
 * callback given, or the default one that sends the page to log in),
 * `{token}` when a token is refreshed, `{token: undefined}` on logout.
 */
export interface ConfigUpdate {
  loading?: boolean;
  loginRedirect?: string;
  token?: string;
  tokenCallback?: TokenCallback;
  [key: string]: unknown;
}

/** Events and their payloads. */
export interface XkitEventMap {
  /** A connection was made or repaired (connect, addConnection, reconnect). */
  "connection:enable": Connection;
  /** A connection was removed (removeConnection, disconnect). */
  "connection:remove": Connection;
  /** @deprecated Use `connection:remove`. Payload: the connector slug. */
  "connection:disable": string;
  "config:update": ConfigUpdate;
}
export type XkitEvents = keyof XkitEventMap;


/**
 * The error an API call rejects with when the platform answers non-2xx (or a
 * 2xx body with an `error` field): an instance of a class of its own named
 * IKitAPIError whose fields are own properties (JSON.stringify shows them),
 * as xkit.js's. Argument mistakes reject with a TypeError instead, before
 * any request; login never rejects (it warns).
 */
export interface IKitAPIError extends Error {
  name: "IKitAPIError";
  statusCode: number;
  statusText: string;
  debugMessage?: string;
  /** The parsed response body, for calls that opt into it (CRM setup's 400). */
  body?: unknown;
}

/**
 * The optional last argument of connect, addConnection and reconnect (our
 * extension: xkit.js 3.14.1 has none, and its callers are unaffected).
 */
export interface ConnectOptions {
  /** Aborting ends the flow: the popup closes and the call rejects with code "aborted". */
  signal?: AbortSignal;
  /** How long the flow may take, in milliseconds (1 to 2147483647; default 600000, 10 minutes); then code "timeout". */
  timeoutMs?: number;
}

/** What ended an authorization flow that failed: `err.reason` (ours; xkit.js had none). */
export type ConnectErrorReason =
  | "popup_blocked"   // window.open gave no window; nothing was created on the platform
  | "unauthorized"    // no token to be had: the token callback failed (message and cause are its), or the platform has no login page
  | "cancelled"       // the user closed the popup before finishing
  | "denied"          // the user refused at the provider (code "access_denied")
  | "provider_error"  // the authorization failed; see code (errorCode) and errorMessage
  | "network"         // the platform could not be reached
  | "timeout"         // ConnectOptions.timeoutMs passed
  | "aborted";        // ConnectOptions.signal was aborted

/**
 * The error connect, addConnection and reconnect reject with when the flow
 * fails: a plain Error, as xkit.js's (name "Error"; message is xkit.js's:
 * "Failed to open the authorization window.", "Installation cancelled.",
 * "Connection failed. Network error.", or the provider's error_message;
 * code is the platform's error_code, e.g. "access_denied", or undefined),
 * plus our reason, errorCode and errorMessage. A platform refusal rejects
 * with an IKitAPIError and an argument mistake with a TypeError instead.
 * With no token held, the default token callback sends the page to
 * log in (the call then never settles), as in xkit.js.
 */
export interface XkitConnectError extends Error {
  /** The authorization's error_code (xkit.js's `code`), e.g. "access_denied"; undefined when it has none. */
  code?: string;
  /** What ended the flow (ours). */
  reason: ConnectErrorReason;
  /** The authorization's error_code, as `code`. */
  errorCode?: string;
  /** The authorization's error_message. */
  errorMessage?: string;
  /** For "aborted": the signal's reason; for "unauthorized": the token callback's error. */
  cause?: unknown;
}

/**
 * The SDK object as xkit.js 3.14.1 declared it, with our additions
 * optional, so code and objects typed against xkit.js's XkitJs fit.
 * `window.xkit` after `init`, and what `createXkit` returns (`Xkit`, where
 * the additions are there).
 */
export interface XkitJs {
  /** The platform's domain, as given to init. */
  domain: string;
  /** `https://{domain}` (`http://` for a loopback domain on an http page). */
  url: string;
  /** Ours: the SDK's version (the npm package's), e.g. "0.1.0". */
  readonly version?: string;
  /** The platform page of a connector. */
  connectorUrl(slug: string): string;
  /** Calls fn at once (kept for compatibility). */
  ready(fn: Function): void;
  /** @deprecated Use `on("config:update", ...)`. Returns an unsubscribe function. */
  onUpdate(fn: Function): Function;

  /**
   * Makes a cookie session from a user token, or from what the function
   * gives (then also used when the session ends). Always resolves, as
   * xkit.js's did: a bad or missing token is a console warning.
   */
  login(tokenOrFunc: string | TokenCallback, tokenCallback?: TokenCallback): Promise<void>;
  logout(): Promise<void>;
  /** The current user token, refreshed from the cookie session when needed. */
  getAccessToken(): Promise<string>;

  getPlatform(): Promise<Platform>;
  /** Public connectors when nobody is logged in. */
  listConnectors(): Promise<Connector[]>;
  getConnector(slug: string): Promise<Connector>;

  listConnections(slug?: string): Promise<Connection[]>;
  getConnection(query: LegacyConnectionQuery): Promise<Connection>;
  getConnectionOrConnector(slug: string): Promise<Connection | ConnectionShell>;
  /** The connection's provider access token, or null when it has none. */
  getConnectionToken(query: LegacyConnectionQuery): Promise<string | null>;
  disconnect(connector: Connector | string): Promise<void>;

  /**
   * Authorizes the user's connection to a connector in a popup. Call it from
   * a click handler: the popup opens before the call returns. A second call
   * for the same connector while its popup is open focuses it and returns
   * the same Promise (its own options are not used). Resolves with the
   * connection (also sent as `connection:enable`); rejects with an
   * XkitConnectError.
   */
  connect(connector: Connector | string, options?: ConnectOptions): Promise<Connection>;
  /**
   * connect for one more connection of a multi-connection connector; id
   * defaults to a random UUID. The options may come second when there is
   * no id: addConnection(connector, options).
   */
  addConnection(connector: Connector | string, id?: string | ConnectOptions, options?: ConnectOptions): Promise<Connection>;
  /** connect again for an existing connection (same id), e.g. one in error. */
  reconnect(connection: Connection, options?: ConnectOptions): Promise<Connection>;
  removeConnection(query: LegacyConnectionQuery): Promise<void>;

  /** @deprecated Use `setAuthorizationFields`. */
  setAuthorizationField(prototypeSlug: string, state: string, params: UnknownJSON): Promise<Authorization>;
  setAuthorizationFields(prototypeSlug: string, state: string, params: UnknownJSON): Promise<Authorization>;

  listCRMObjects(connection: Connection, mapping: unknown): Promise<unknown>;
  listAPIObjects(connection: Connection): Promise<unknown>;
  getAPIObject(connection: Connection, apiObjectSlug: string): Promise<unknown>;
  getMapping(connection: Connection): Promise<unknown>;
  saveMapping(connection: Connection, CRMObjects: unknown, objectMappings: unknown): Promise<void>;

  /**
   * Calls fn with the payload of every event of type (XkitEventMap[type]:
   * annotate it, `(c: Connection) => ...`). Throws if fn already listens
   * to type. (The payload is `any`, not XkitEventMap[type], so that an
   * object typed with xkit.js's XkitJs, whose listeners take `unknown`,
   * still fits.)
   */
  on(type: XkitEvents, fn: (payload: any) => void): void;
  /** Throws if fn does not listen to type. */
  off(type: XkitEvents, fn: (payload: any) => void): void;

  /** Ours: NotInstalled, Error or Connected, as xkit.js's connectionStatus(). */
  connectionStatus?(connection: ConnectionOnly | ConnectionShell | undefined): ConnectionStatus;
  /** Ours. */
  readonly ConnectionStatus?: typeof ConnectionStatus;

  /** Draws the catalog widget in el (an element or its id), in a shadow root. */
  renderCatalog?(el: Element | string, options?: CatalogOptions): CatalogHandle;
  /**
   * renderCatalog on #elemId with options from its data- attributes (data-token,
   * data-path, data-connectors-path, data-router, data-title, data-hide-title,
   * data-hide-search, the data-hide- ones counting by presence, and ours: data-locale,
   * data-color-scheme); null when the page is not under data-path.
   */
  renderCatalogDefault?(elemId?: string): CatalogHandle | null;
  /** Removes the catalog from el; false when none was there. */
  unmountCatalog?(el: Element | string): boolean;
}

/** What createXkit returns: XkitJs with our additions there. */
export interface Xkit extends XkitJs {
  readonly version: string;
  connectionStatus(connection: ConnectionOnly | ConnectionShell | undefined): ConnectionStatus;
  readonly ConnectionStatus: typeof ConnectionStatus;
  renderCatalog(el: Element | string, options?: CatalogOptions): CatalogHandle;
  renderCatalogDefault(elemId?: string): CatalogHandle | null;
  unmountCatalog(el: Element | string): boolean;
}

/** What renderCatalog answers. */
export interface CatalogHandle {
  el: Element;
  /** Shows the catalog screen at an app path ("/connectors/slack"). */
  pushHistory(path: string): void;
}

/** The catalog's screens, as onLocationChange reports them. */
export type CatalogLocation =
  | { name: "index" }
  | { name: "connector"; connectorSlug: string }
  | { name: "connectionSettings"; connectorSlug: string; connectionId: string };

/** A field of a connection's settings form. */
export interface CatalogSettingsField {
  type: "text" | "select" | "select-multiple" | "switch";
  name: string;
  label?: string;
  description?: string;
  placeholder?: string;
  hint?: string;
  validationMessage?: string;
  options?: { value: string; label?: string }[];
  value?: string | string[] | boolean;
  [key: string]: unknown;
}

/** renderCatalog's options (xkit-catalog.js's, plus CSS custom properties for theming). */
export interface CatalogOptions {
  rootPath?: string;
  connectorsPath?: string;
  routerType?: "browser" | "hash" | "memory";
  title?: string;
  hideTitle?: boolean;
  hideSearch?: boolean;
  /** xkit-catalog.js's theme object, mapped onto --xkit-* custom properties. */
  theme?: UnknownJSON;
  filter?: (connector: Connector) => boolean;
  /** The settings form of a connection; called again with the edited fields on Save. */
  settings?: (connection: Connection, fields?: CatalogSettingsField[]) =>
    CatalogSettingsField[] | null | undefined | Promise<CatalogSettingsField[] | null | undefined>;
  onLocationChange?: (location: CatalogLocation) => void;
  /**
   * Ours: the catalog's language, a BCP 47 tag ("de", "pt-BR", "ar-EG"); it speaks
   * en, de, fr, es, pt-BR, ja and ar (right to left), and formats numbers and
   * dates for the tag. Default: navigator.language; English for any other.
   */
  locale?: string;
  /**
   * Ours: "light", "dark", or "auto" (the default): the page's color-scheme
   * (CSS, or <meta name="color-scheme">) when it declares one, else the system's.
   */
  colorScheme?: "light" | "dark" | "auto";
}

/** createXkit's options (beyond xkit.js 3.14.1). */
export interface XkitOptions {
  /**
   * false loads the SDK without its catalog widget (xkit-sdk.wasm, smaller);
   * renderCatalog, renderCatalogDefault and unmountCatalog then reject with
   * what to load instead. The script tag's equivalent is data-catalog="false".
   */
  catalog?: boolean;
  /**
   * Where the SDK's files are (a folder URL, e.g. "/static/xkit/" or
   * "https://YOUR-XKIT-DOMAIN/web/"): xkit.wasm, xkit-sdk.wasm and i18n/.
   * Needed only where the bundler did not follow the module's
   * `new URL("./xkit.wasm", import.meta.url)` (esbuild without the plugin
   * "@xkit-wasm/xkit/esbuild", an IIFE bundle, files copied by hand).
   */
  baseURL?: string | URL;
  /** The wasm itself (overrides baseURL); the catalog's language files are looked up beside it, in i18n/. */
  wasmURL?: string | URL;
}

/** The ES module entry (web/xkit.mjs, @xkit-wasm/xkit): the SDK object for a platform domain. */
export declare function createXkit(domain: string, options?: XkitOptions): Xkit;
export default createXkit;
/** The SDK's version (the npm package's). */
export declare const version: string;

/** window.xkit before init: only init, plus whatever the page put there. */
export interface XkitGlobal {
  /**
   * Copies every SDK call onto window.xkit. domain is a host name, never a
   * URL. After `xkit.init(domain)` TypeScript knows the calls are there
   * (an assertion signature): `xkit.init(d); await xkit.listConnectors();`
   * type-checks under --strict; keep `const sdk = xkit;` for other functions.
   */
  init(domain: string): asserts this is XkitGlobal & Xkit;
  /** Ours: the SDK's version, there from the script's start. */
  readonly version?: string;
}

declare global {
  /**
   * The script tag's global: `xkit` and `window.xkit` (a var, so both are
   * this one declaration: init's assertion needs that).
   */
  var xkit: XkitGlobal & Partial<Xkit>;
}
