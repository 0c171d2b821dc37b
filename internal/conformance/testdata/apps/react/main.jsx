// A React 19 app: the catalog as <xkit-catalog>, its SDK given as a
// property (React 19 sets properties on custom elements), in German (the
// language file comes through the bundle too).
import { createRoot } from "react-dom/client";
import { useEffect, useState } from "react";
import { createXkit } from "@xkit-wasm/xkit";
import { run, domain } from "../shared.js";

const xkit = createXkit(domain());

function App() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    window.__run = run(xkit);
    window.__run.then(() => setReady(true));
  }, []);
  return ready
    ? <xkit-catalog id="catalog" xkit={xkit} router-type="memory" locale="de" title="Integrationen" />
    : <p>Loading...</p>;
}

createRoot(document.getElementById("root")).render(<App />);
