// What each scratch app does with the SDK, from the page's query string
// (?domain=127.0.0.1:PORT&token=...): log in and list the connectors
// through the SDK. window.__run is the result for the test to read.
export function run(xkit) {
  const q = new URLSearchParams(location.search);
  return (async () => {
    await xkit.login(q.get("token"));
    const connectors = await xkit.listConnectors();
    return { version: xkit.version, slugs: connectors.map((c) => c.slug) };
  })();
}

export const domain = () => new URLSearchParams(location.search).get("domain");
