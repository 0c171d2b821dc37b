// Command loadergen makes the SDK's loader files from their sources in
// web/src: xkit.js (the script tag's, classic) and xkit.mjs (the ES
// module's), each one file with Go's wasm_exec.js and the names of the files
// it fetches inside. ./build.sh runs it after the wasm builds:
//
//	go run ./internal/loadergen -web web
//	    web/xkit.js and web/xkit.mjs for xkitd's web/, fetching the
//	    content-hashed names listed in web/xkit-wasm.json, and
//	    web/xkit-sri.json, their Subresource Integrity hashes
//	go run ./internal/loadergen -web web -plain -out DIR
//	    DIR/xkit.js and DIR/xkit.mjs for the npm package, fetching the
//	    files' plain names (bundlers hash them themselves)
//
// The version (VERSION in the loader, xkit.version) is web/package.json's.
package main

import (
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	web := flag.String("web", "web", "the built web/ folder (web/src holds the sources)")
	out := flag.String("out", "", "where to write the loader files (default: the web folder)")
	plain := flag.Bool("plain", false, "fetch the files' plain names (the npm package), not the content-hashed ones")
	flag.Parse()
	if *out == "" {
		*out = *web
	}
	if err := run(*web, *out, *plain); err != nil {
		fmt.Fprintln(os.Stderr, "loadergen:", err)
		os.Exit(1)
	}
}

func run(web, out string, plain bool) error {
	version, err := readVersion(filepath.Join(web, "package.json"))
	if err != nil {
		return err
	}
	files, err := readNames(filepath.Join(web, "xkit-wasm.json"), plain)
	if err != nil {
		return err
	}
	// The wasm_exec.js of the go on PATH, the one that built the wasm:
	// the two halves of a Go release's runtime must match.
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	goJS, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	runtimeJS, err := keepGoClass(string(goJS))
	if err != nil {
		return err
	}
	loaderJS, err := os.ReadFile(filepath.Join(web, "src", "loader.js"))
	if err != nil {
		return err
	}
	if strings.Count(string(loaderJS), "//@@wasm_exec.js\n") != 1 {
		return errors.New("web/src/loader.js: no //@@wasm_exec.js line in goRuntime")
	}
	parts := map[string]string{
		"FILES":     filesConst(files),
		"ASSETS":    assetsConst(files),
		"loader.js": strings.Replace(string(loaderJS), "//@@wasm_exec.js\n", runtimeJS, 1),
	}
	sri := map[string]string{}
	for _, name := range []string{"xkit.js", "xkit.mjs"} {
		src, err := os.ReadFile(filepath.Join(web, "src", name))
		if err != nil {
			return err
		}
		js, err := expand(string(src), version, parts)
		if err != nil {
			return fmt.Errorf("web/src/%s: %w", name, err)
		}
		// Bundlers (and the esbuild plugin) take each such literal for a
		// file to copy: ASSETS's must be the only ones.
		if n := strings.Count(js, `new URL("./`); name == "xkit.mjs" && n != len(files) {
			return fmt.Errorf("web/src/%s: %d new URL(\"./...\") literals, want one for each of the %d files", name, n, len(files))
		}
		if err := os.WriteFile(filepath.Join(out, name), []byte(js), 0o644); err != nil {
			return err
		}
		sum := sha512.Sum384([]byte(js))
		sri[name] = "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	}
	if plain {
		return nil
	}
	b, err := json.MarshalIndent(sri, "", "  ")
	if err != nil {
		return err
	}
	for _, name := range []string{"xkit.js", "xkit.mjs"} {
		fmt.Printf("%s/%s: integrity %s\n", web, name, sri[name])
	}
	return os.WriteFile(filepath.Join(out, "xkit-sri.json"), append(b, '\n'), 0o644)
}

var semver = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// readVersion is the package's version, the one place it is written.
func readVersion(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(b, &pkg); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if !semver.MatchString(pkg.Version) {
		return "", fmt.Errorf("%s: version %q is not a version such as 1.2.3", path, pkg.Version)
	}
	return pkg.Version, nil
}

// hashedName is build.sh's content-hashed name: name.<16 hex>.ext.
var hashedName = regexp.MustCompile(`^(i18n/)?[\w-]+\.[0-9a-f]{16}\.(wasm|json)$`)

// readNames reads build.sh's list of the files the loader fetches, each
// with its content-hashed name; plain keeps their own names instead.
func readNames(path string, plain bool) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w (./build.sh writes it)", err)
	}
	var names map[string]string
	if err := json.Unmarshal(b, &names); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, need := range []string{"xkit.wasm", "xkit-sdk.wasm"} {
		if names[need] == "" {
			return nil, fmt.Errorf("%s lists no %s", path, need)
		}
	}
	for file, name := range names {
		if !hashedName.MatchString(name) {
			return nil, fmt.Errorf("%s: %q is not a content-hashed name", path, name)
		}
		if plain {
			names[file] = file
		}
	}
	return names, nil
}

// keepGoClass makes wasm_exec.js keep its Go class in the enclosing
// function's Go variable instead of globalThis.Go (see goRuntime in
// web/src/loader.js). It fails when a Go release changes that line, so a
// build never ships a loader that quietly uses the page's Go.
func keepGoClass(js string) (string, error) {
	const set = "globalThis.Go = class {"
	if n := strings.Count(js, "globalThis.Go"); n != 1 || !strings.Contains(js, set) {
		return "", errors.New(`wasm_exec.js does not set "globalThis.Go = class {" exactly once: see goRuntime in web/src/loader.js`)
	}
	return strings.Replace(js, set, "Go = class {", 1), nil
}

// expand puts the parts into a source: a line "//@@NAME" becomes the part
// NAME, and @@VERSION@@ the version.
func expand(src, version string, parts map[string]string) (string, error) {
	var b strings.Builder
	for _, line := range strings.SplitAfter(src, "\n") {
		marker, ok := strings.CutPrefix(strings.TrimSpace(line), "//@@")
		if !ok {
			b.WriteString(line)
			continue
		}
		part, ok := parts[marker]
		if !ok {
			return "", fmt.Errorf("no part named %q", marker)
		}
		b.WriteString(part)
		if !strings.HasSuffix(part, "\n") {
			b.WriteString("\n")
		}
	}
	js := strings.ReplaceAll(b.String(), "@@VERSION@@", version)
	if strings.Contains(js, "//@@") {
		return "", errors.New("a marker is left")
	}
	return js, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// filesConst is FILES: each file by the name the loader asks for.
func filesConst(files map[string]string) string {
	var b strings.Builder
	b.WriteString("  // The files the loader fetches, by their names beside it (./build.sh).\n  const FILES = {\n")
	for _, k := range sortedKeys(files) {
		fmt.Fprintf(&b, "    %q: %q,\n", k, files[k])
	}
	b.WriteString("  };\n")
	return b.String()
}

// assetsConst is ASSETS, for the module: each file as
// new URL("./name", import.meta.url), the form bundlers follow (a literal).
func assetsConst(files map[string]string) string {
	var b strings.Builder
	b.WriteString("// The same files, where this module finds them: bundlers follow each\n" +
		"// new URL(<a literal \"./name\">, import.meta.url) and copy the file into the build\n// (no such literal may appear elsewhere in this file: esbuild.mjs looks for them).\nconst ASSETS = {\n")
	for _, k := range sortedKeys(files) {
		fmt.Fprintf(&b, "  %q: () => new URL(%q, import.meta.url),\n", k, "./"+files[k])
	}
	b.WriteString("};\n")
	return b.String()
}
