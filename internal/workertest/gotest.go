package workertest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// RunGoTest runs the tests of a Go package inside workerd, where Workers
// code runs, with a D1 binding "DB" (an empty local database): it builds
// the package's test binary for js/wasm (go test -c), serves it from a
// small Worker (testdata/gotest/runner.mjs) under wrangler dev --local,
// runs it once with -test.v and args, and reports each of its tests as a
// subtest of t named after it, failing with that test's output. pkg is a
// package path relative to the repository root ("./internal/d1").
//
// Tests run this way use github.com/syumai/workers' bindings as the
// Worker does (d1.Open) and otherwise plain testing; no file system, no
// network but the bindings.
func RunGoTest(t *testing.T, pkg string, args ...string) {
	t.Helper()
	dir := t.TempDir()
	start := time.Now()
	build := exec.Command("go", "test", "-c", "-o", filepath.Join(dir, "test.wasm"), pkg)
	build.Dir = Root()
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go test -c %s: %v\n%s", pkg, err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	for from, to := range map[string]string{
		filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"):        "wasm_exec.js",
		filepath.Join(Root(), "internal", "workertest", "testdata", "gotest", "runner.mjs"):    "runner.mjs",
		filepath.Join(Root(), "internal", "workertest", "testdata", "gotest", "wrangler.toml"): "wrangler.toml",
	} {
		copyFile(t, from, filepath.Join(dir, to))
	}
	t.Logf("built %s for js/wasm in %v", pkg, time.Since(start).Round(time.Millisecond))

	w := Start(t, Options{Config: filepath.Join(dir, "wrangler.toml")})
	q := url.Values{"arg": append([]string{"-test.v=test2json"}, args...)}
	ran := time.Now()
	res, err := (&http.Client{Timeout: 10 * time.Minute}).Get(w.URL + "/run?" + q.Encode())
	if err != nil {
		t.Fatalf("running %s in workerd: %v\n%s", pkg, err, w.Log())
	}
	out, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("running %s in workerd: %d %v\n%s\n%s", pkg, res.StatusCode, err, out, w.Log())
	}
	t.Logf("ran %s in workerd in %v", pkg, time.Since(ran).Round(time.Millisecond))
	mirror(t, out, res.Header.Get("X-Exit-Code"))
}

// testEvent is one line of go tool test2json.
type testEvent struct {
	Action, Test, Output string
}

// mirror turns the test binary's output (framed for test2json) into
// subtests of t: one per test that has no subtests of its own.
func mirror(t *testing.T, out []byte, exitCode string) {
	t.Helper()
	conv := exec.Command("go", "tool", "test2json")
	conv.Stdin = bytes.NewReader(out)
	events, err := conv.Output()
	if err != nil {
		t.Fatalf("go tool test2json: %v\n%s", err, out)
	}
	var order []string
	outputs, results := map[string]*strings.Builder{}, map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(events))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e testEvent
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Test == "" {
			continue
		}
		if outputs[e.Test] == nil {
			outputs[e.Test] = &strings.Builder{}
			order = append(order, e.Test)
		}
		switch e.Action {
		case "output":
			outputs[e.Test].WriteString(e.Output)
		case "pass", "fail", "skip":
			results[e.Test] = e.Action
		}
	}
	leaves, failed := 0, 0
	for i, name := range order {
		if i+1 < len(order) && strings.HasPrefix(order[i+1], name+"/") {
			continue // a parent: its leaves say it all
		}
		leaves++
		t.Run(name, func(t *testing.T) {
			switch results[name] {
			case "pass":
			case "skip":
				t.Skip(outputs[name].String())
			default:
				failed++
				t.Errorf("%s in workerd: %s\n%s", name, cmp.Or(results[name], "no result"), outputs[name].String())
			}
		})
	}
	if exitCode != "0" && failed == 0 || leaves == 0 {
		t.Fatalf("the test binary ended with exit code %s after %d tests:\n%s", exitCode, leaves, out)
	}
	t.Logf("%d tests of workerd mirrored", leaves)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
