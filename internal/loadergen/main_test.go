package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeepGoClass(t *testing.T) {
	js, err := keepGoClass("(() => {\n\tglobalThis.Go = class {\n\t};\n})();")
	require.NoError(t, err)
	assert.Equal(t, "(() => {\n\tGo = class {\n\t};\n})();", js)

	// A Go release that sets or reads the global otherwise: the build stops.
	for _, src := range []string{
		"globalThis.Go = function () {};",
		"globalThis.Go = class {}; globalThis.Go.x = 1;",
		"window.Go = class {};",
	} {
		_, err := keepGoClass(src)
		assert.Error(t, err, src)
	}
}

func TestExpand(t *testing.T) {
	js, err := expand("a @@VERSION@@\n  //@@PART\nb\n", "1.2.3", map[string]string{"PART": "x\ny"})
	require.NoError(t, err)
	assert.Equal(t, "a 1.2.3\nx\ny\nb\n", js)
	_, err = expand("//@@NONE\n", "1.2.3", map[string]string{})
	assert.ErrorContains(t, err, `no part named "NONE"`)
	_, err = expand("//@@PART\n", "1.2.3", map[string]string{"PART": "//@@LEFT"})
	assert.ErrorContains(t, err, "a marker is left")
}

func TestReadNames(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "names.json")
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	good := write(`{"xkit.wasm":"xkit.0123456789abcdef.wasm","xkit-sdk.wasm":"xkit-sdk.0123456789abcdef.wasm","i18n/de.json":"i18n/de.0123456789abcdef.json"}`)
	names, err := readNames(good, false)
	require.NoError(t, err)
	assert.Equal(t, "i18n/de.0123456789abcdef.json", names["i18n/de.json"])
	names, err = readNames(good, true)
	require.NoError(t, err)
	assert.Equal(t, "i18n/de.json", names["i18n/de.json"], "the package's plain names")

	for _, bad := range []string{
		`{"xkit.wasm":"xkit.0123456789abcdef.wasm"}`, // no SDK-only build
		`{"xkit.wasm":"https://elsewhere/x.0123456789abcdef.wasm","xkit-sdk.wasm":"xkit-sdk.0123456789abcdef.wasm"}`,
		`{"xkit.wasm":"xkit.wasm","xkit-sdk.wasm":"xkit-sdk.0123456789abcdef.wasm"}`,
	} {
		_, err := readNames(write(bad), false)
		assert.Error(t, err, bad)
	}
}

func TestAssetsAreLiterals(t *testing.T) {
	files := map[string]string{"xkit.wasm": "xkit.0123456789abcdef.wasm", "i18n/de.json": "i18n/de.json"}
	js := assetsConst(files)
	assert.Contains(t, js, `"xkit.wasm": () => new URL("./xkit.0123456789abcdef.wasm", import.meta.url),`)
	assert.Equal(t, len(files), strings.Count(js, `new URL("./`), "one literal a file, none in the comments")
}
