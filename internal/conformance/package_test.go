package conformance

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackage is the npm package as an app developer gets it (issue 17):
// web/pack.sh makes the tarball; it is installed with npm into
// testdata/apps, whose three apps are built from it (Vite; esbuild with
// the package's plugin; React 19, bundled by esbuild) and run in Chromium
// against xkitd, each logging in and listing connectors through the SDK,
// the React one drawing <xkit-catalog>; and the package's types compile
// under --module nodenext and --moduleResolution bundler.
func TestPackage(t *testing.T) {
	root := moduleRoot(t)
	checkWasm(t, root)
	apps := filepath.Join(root, "internal", "conformance", "testdata", "apps")
	for _, bin := range []string{"vite", "esbuild"} {
		if _, err := os.Stat(filepath.Join(apps, "node_modules", ".bin", bin)); err != nil {
			t.Fatalf("%s is missing: run npm ci --prefix internal/conformance/testdata/apps", bin)
		}
	}
	version := packageVersion(t, root)
	tgz := packTarball(t, root)
	runIn(t, apps, "npm", "install", "--no-save", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tgz)

	// Each app is built into its own folder of one https origin.
	out := t.TempDir()
	runIn(t, apps, filepath.Join("node_modules", ".bin", "vite"), "build", "vite", "--outDir", filepath.Join(out, "vite"))
	runIn(t, apps, "node", "build.mjs", "esbuild", filepath.Join(out, "esbuild"))
	runIn(t, apps, "node", "build.mjs", "react", filepath.Join(out, "react"))
	files := http.FileServer(http.Dir(out))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>apps</title><button id="go">go</button>`)
	})
	mux.Handle("GET /", files)
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(srv.Close)
	host := &hostPage{srv: srv}

	x := startXkitd(t, buildXkitd(t, root), root, srv.URL)
	b := startBrowser(t, host, x.URL)

	t.Run("tarball", func(t *testing.T) {
		files, pkg := readTarball(t, tgz)
		assert.Equal(t, "@xkit-wasm/xkit", pkg.Name)
		assert.Equal(t, version, pkg.Version)
		assert.Equal(t, "module", pkg.Type)
		dot := pkg.Exports["."]
		require.NotNil(t, dot, `exports["."]`)
		assert.Equal(t, []string{"types", "default"}, dot.keys, "types first")
		assert.Equal(t, "./xkit.d.mts", dot.values["types"])
		assert.Equal(t, "./xkit.mjs", dot.values["default"])
		for _, f := range []string{"package.json", "README.md", "xkit.mjs", "xkit.js", "xkit.d.ts", "xkit.d.mts",
			"xkit.wasm", "xkit-sdk.wasm", "esbuild.mjs", "esbuild.d.mts",
			"i18n/de.json", "i18n/fr.json", "i18n/es.json", "i18n/pt-BR.json", "i18n/ja.json", "i18n/ar.json"} {
			assert.Contains(t, files, f)
		}
		for f := range files {
			assert.NotRegexp(t, `\.(br|gz)$|\.[0-9a-f]{16}\.`, f, "xkitd's twins and hashed copies stay out")
		}
		st, err := os.Stat(tgz)
		require.NoError(t, err)
		var unpacked int64
		for _, n := range files {
			unpacked += n
		}
		t.Logf("%s: %d bytes, %d unpacked in %d files", filepath.Base(tgz), st.Size(), unpacked, len(files))
	})

	// open loads an app with the platform and a fresh user's token in its
	// query, and returns what its run (shared.js) gave.
	open := func(t *testing.T, app string) (result struct {
		Version string
		Slugs   []string
	}) {
		t.Helper()
		q := url.Values{"domain": {x.Domain}, "token": {x.provision(t, "app-"+app)}}
		mark := b.requests.mark()
		navigate(t, b, srv.URL+"/"+app+"/?"+q.Encode())
		b.poll(t, app+"'s run", `window.__run`)
		result = eval[struct {
			Version string
			Slugs   []string
		}](t, b, `window.__run`)
		assert.Equal(t, version, result.Version, "xkit.version")
		assert.Len(t, result.Slugs, 4, "listConnectors through the SDK")
		// The wasm came from the app's own build, under the bundler's name.
		var wasm []string
		for _, r := range b.requests.since(mark) {
			if strings.HasSuffix(r, ".wasm") {
				wasm = append(wasm, strings.TrimPrefix(r, "GET "+srv.URL))
			}
		}
		require.Len(t, wasm, 1, "%v", wasm)
		assert.Regexp(t, `^/`+app+`/(assets/)?xkit(-sdk)?-[\w-]+\.wasm$`, wasm[0])
		return result
	}

	t.Run("vite", func(t *testing.T) { open(t, "vite") })
	t.Run("esbuild", func(t *testing.T) { open(t, "esbuild") })

	t.Run("react", func(t *testing.T) {
		open(t, "react")
		cards := `document.getElementById("catalog").shadowRoot.querySelectorAll(".card .name")`
		b.poll(t, "the catalog's cards", cards+`.length === 4`)
		assert.Equal(t, 4, eval[int](t, b, `[...`+cards+`].filter((e) => e.getBoundingClientRect().height > 0).length`), "visible")
		assert.Equal(t, "Integrationen", eval[string](t, b, `document.getElementById("catalog").shadowRoot.querySelector("h1").textContent`))
		// German, from the language file the bundle carries.
		assert.Equal(t, "Integrationen durchsuchen…", eval[string](t, b,
			`document.getElementById("catalog").shadowRoot.querySelector("input.search").placeholder`))
	})

	t.Run("types", func(t *testing.T) {
		tsc := filepath.Join(root, "internal", "conformance", "testdata", "node_modules", ".bin", "tsc")
		if _, err := os.Stat(tsc); err != nil {
			t.Fatalf("%s is missing: run npm ci --prefix internal/conformance/testdata", tsc)
		}
		for _, config := range []string{"tsconfig.nodenext.json", "tsconfig.bundler.json"} {
			t.Run(strings.TrimSuffix(strings.TrimPrefix(config, "tsconfig."), ".json"), func(t *testing.T) {
				runIn(t, filepath.Join(apps, "types"), tsc, "-p", config)
			})
		}
	})
}

// packTarball runs web/pack.sh into a temporary folder and returns the
// tarball's path.
func packTarball(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	runIn(t, root, filepath.Join(root, "web", "pack.sh"), dir)
	tgz, err := filepath.Glob(filepath.Join(dir, "xkit-wasm-xkit-*.tgz"))
	require.NoError(t, err)
	require.Len(t, tgz, 1, "web/pack.sh made one tarball")
	return tgz[0]
}

// runIn runs a command in dir and fails the test with its output if it fails.
func runIn(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), out)
}

func packageVersion(t *testing.T, root string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "web", "package.json"))
	require.NoError(t, err)
	var pkg struct{ Version string }
	require.NoError(t, json.Unmarshal(b, &pkg))
	require.Regexp(t, regexp.MustCompile(`^\d+\.\d+\.\d+`), pkg.Version)
	return pkg.Version
}

// navigate loads url in the browser's tab.
func navigate(t *testing.T, b *browser, url string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(url)), "loading %s", url)
}

// manifest is what the test reads of the tarball's package.json.
type manifest struct {
	Name, Version, Type string
	Exports             map[string]*orderedStrings
}

// orderedStrings is a JSON object of strings with its keys in order
// (exports' conditions are tried in order: "types" must come first).
type orderedStrings struct {
	keys   []string
	values map[string]string
}

func (o *orderedStrings) UnmarshalJSON(b []byte) error {
	o.values = map[string]string{}
	var path string
	if json.Unmarshal(b, &path) == nil { // "./package.json": "./package.json"
		o.keys, o.values["default"] = []string{"default"}, path
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			return err
		}
		o.keys = append(o.keys, k.(string))
		o.values[k.(string)] = v
	}
	return nil
}

// readTarball lists the package's files (under package/) with their sizes,
// and reads its package.json.
func readTarball(t *testing.T, tgz string) (map[string]int64, manifest) {
	t.Helper()
	f, err := os.Open(tgz)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	tr := tar.NewReader(zr)
	files := map[string]int64{}
	var pkg manifest
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		name := strings.TrimPrefix(h.Name, "package/")
		files[name] = h.Size
		if name == "package.json" {
			b, err := io.ReadAll(tr)
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(b, &pkg))
		}
	}
	return files, pkg
}
