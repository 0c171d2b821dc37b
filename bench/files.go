package main

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// bundleOriginal bundles a package's script-tag entry (lib/browser.js sets
// window.xkit) with esbuild: minified, production React.
func bundleOriginal(benchDir, pkg, version, out string) error {
	dir := filepath.Join(benchDir, "node_modules", filepath.FromSlash(pkg))
	esbuild := filepath.Join(benchDir, "node_modules", ".bin", "esbuild")
	var meta struct{ Version string }
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err == nil {
		err = json.Unmarshal(b, &meta)
	}
	if err != nil || meta.Version != version {
		return fmt.Errorf("%s@%s is not in bench/node_modules (found %q): run npm ci --prefix bench", pkg, version, meta.Version)
	}
	cmd := exec.Command(esbuild, filepath.Join(dir, "lib", "browser.js"),
		"--bundle", "--minify", "--format=iife", `--define:process.env.NODE_ENV="production"`,
		// lib/ui/images/index.js is a Parcel bundle that assigns the global
		// parcelRequire without declaring it, which fails in esbuild's
		// strict-mode wrapper.
		"--banner:js=var parcelRequire;",
		"--log-level=error", "--outfile="+out)
	cmd.Dir = benchDir
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("esbuild %s: %v\n%s", pkg, err, msg)
	}
	return nil
}

// sizes is a download in bytes: as is, gzip -9 and brotli 11.
type sizes struct{ Raw, Gzip, Brotli int }

func (s sizes) add(o sizes) sizes { return sizes{s.Raw + o.Raw, s.Gzip + o.Gzip, s.Brotli + o.Brotli} }

// measureFiles compresses each file on its own (as a server sends them)
// with the gzip and brotli commands, and sums.
func measureFiles(paths ...string) (sizes, error) {
	var total sizes
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return sizes{}, err
		}
		gz, err := pipe(raw, "gzip", "-9", "-n", "-c")
		if err != nil {
			return sizes{}, err
		}
		br, err := pipe(raw, "brotli", "-q", "11", "-c")
		if err != nil {
			return sizes{}, err
		}
		total = total.add(sizes{len(raw), len(gz), len(br)})
	}
	return total, nil
}

func pipe(in []byte, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %w (apt-get install -y brotli)", name, err)
	}
	return out, nil
}

// precompressed serves a script with its brotli twin when the browser
// takes it, as xkitd serves web/.
type precompressed struct{ raw, br []byte }

func (p precompressed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Vary", "Accept-Encoding")
	// As a versioned CDN file (xkit.js@3.14.1): a second visit asks nothing.
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	body := p.raw
	if strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
		w.Header().Set("Content-Encoding", "br")
		body = p.br
	}
	w.Write(body)
}

func tlsConfig(cert tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
}

func insecureClient() *http.Client {
	// The bench's own self-signed certificate, on loopback.
	t := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return &http.Client{Transport: t}
}
