// Package workertest runs cmd/xkit-worker under `wrangler dev --local` (the
// Workers runtime workerd, D1 in a local folder) for tests: the Worker twin
// of xkitdtest. It builds the Worker once per test binary with
// cmd/xkit-worker/build.sh (web/ must hold a built SDK: ./build.sh) and
// needs `npm ci --prefix cmd/xkit-worker`.
//
// Browser tests can use it like xkitdtest: Options.Origins for the test
// page's origin. Like xkitdtest it is a demo platform (XKIT_DEMO=1: the
// demo provider, its connectors, the demo page and its sign-in) unless
// Options.Vars{"XKIT_DEMO": ""}.
//
//	w := workertest.Start(t, workertest.Options{})
//	w.URL              // "http://127.0.0.1:PORT"
//	w.UserToken(t, "u1")
//	w.Restart(t)       // same D1 folder, so everything stored survives
//	w.SQL(t, "SELECT COUNT(*) AS n FROM connections") // straight on its D1
//
// Wrangler never reaches Cloudflare here: --local, no login, metrics, the
// update check and the Request.cf download off.
package workertest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Options configure a Worker run.
type Options struct {
	// PersistDir keeps D1 (default: a t.TempDir()).
	PersistDir string
	// Origins become XKIT_WEB_ORIGINS.
	Origins []string
	// Refusing: the Worker is configured to refuse requests (its first
	// request need not succeed).
	Refusing bool
	// Vars are more Worker variables (name → value); they replace the
	// defaults (the key pair, EncryptionKey, XKIT_PUBLIC_URL of the
	// Worker's URL, XKIT_TEST_HOOKS=1, XKIT_DEMO=1), and "" leaves one
	// unset.
	Vars map[string]string
	// Config is the wrangler.toml of another Worker to run instead of
	// cmd/xkit-worker (then nothing is built; see RunGoTest). Its first
	// request, GET /api/platform_user/platform, must answer 200.
	Config string
}

// The key pair and the encryption key every test Worker gets.
const (
	PublishableKey = "xkit_pk_workertest"
	SecretKey      = "xkit_sk_workertest"
	EncryptionKey  = "d29ya2VydGVzdCBlbmNyeXB0aW9uIGtleSAzMiBieXQ=" // 32 bytes
)

// Worker is a running `wrangler dev`.
type Worker struct {
	URL    string // http://127.0.0.1:PORT
	Domain string // 127.0.0.1:PORT
	o      Options
	port   int
	cmd    *exec.Cmd
	done   chan struct{}
	log    *syncBuffer
}

// Root is the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

var (
	buildOnce sync.Once
	buildErr  error
	buildTook time.Duration
)

// Build runs cmd/xkit-worker/build.sh once per test binary (the Worker
// only: web/ must hold a built SDK, which it copies and never rewrites).
func Build(t testing.TB) {
	t.Helper()
	buildOnce.Do(func() {
		start := time.Now()
		cmd := exec.Command("cmd/xkit-worker/build.sh")
		cmd.Dir = Root()
		out, err := cmd.CombinedOutput()
		buildTook = time.Since(start)
		if err != nil {
			buildErr = fmt.Errorf("cmd/xkit-worker/build.sh: %v\n%s", err, out)
			return
		}
		t.Logf("cmd/xkit-worker/build.sh (%s):\n%s", buildTook.Round(time.Millisecond), lastLines(string(out), 1))
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
}

// Start builds the Worker (once) and runs it on a free loopback port; it
// stops when the test ends.
func Start(t testing.TB, o Options) *Worker {
	t.Helper()
	if o.Config == "" {
		Build(t)
	}
	if o.PersistDir == "" {
		o.PersistDir = t.TempDir()
	}
	w := &Worker{o: o, port: freePort(t)}
	w.Domain = fmt.Sprintf("127.0.0.1:%d", w.port)
	w.URL = "http://" + w.Domain
	w.start(t)
	t.Cleanup(func() { w.Stop(t) })
	return w
}

// SQL runs statements on the Worker's local D1 with `wrangler d1
// execute`, beside the running Worker, and returns the rows of the last
// one.
func (w *Worker) SQL(t testing.TB, statements string) []map[string]any {
	t.Helper()
	cmd := exec.Command(wranglerBin(t), "d1", "execute", "DB", "--local", "--persist-to", w.o.PersistDir,
		"--json", "--command", statements)
	cmd.Dir = filepath.Join(Root(), "cmd", "xkit-worker")
	cmd.Env = wranglerEnv(w.o.PersistDir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("wrangler d1 execute %q: %v\n%s", statements, err, out)
	}
	var results []struct {
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(out, &results); err != nil || len(results) == 0 {
		t.Fatalf("wrangler d1 execute %q: %v\n%s", statements, err, out)
	}
	return results[len(results)-1].Results
}

// wranglerEnv keeps wrangler local and quiet: no metrics, no login, no
// user config.
func wranglerEnv(persistDir string) []string {
	return append(os.Environ(),
		"WRANGLER_SEND_METRICS=false", "WRANGLER_HIDE_BANNER=true", "CLOUDFLARE_CF_FETCH_ENABLED=false",
		"CI=1", "NO_COLOR=1", "FORCE_COLOR=0",
		"XDG_CONFIG_HOME="+filepath.Join(persistDir, "config"),
	)
}

// Wrangler runs a wrangler command in cmd/xkit-worker, local and quiet
// (see wranglerEnv), and returns what it printed.
func Wrangler(t testing.TB, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(wranglerBin(t), args...)
	cmd.Dir = filepath.Join(Root(), "cmd", "xkit-worker")
	cmd.Env = wranglerEnv(t.TempDir())
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func wranglerBin(t testing.TB) string {
	bin := filepath.Join(Root(), "cmd", "xkit-worker", "node_modules", ".bin", "wrangler")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("wrangler is not installed: run `npm ci --prefix cmd/xkit-worker` (%v)", err)
	}
	return bin
}

func (w *Worker) start(t testing.TB) {
	t.Helper()
	args := []string{"dev", "--local", "--ip", "127.0.0.1", "--port", fmt.Sprint(w.port),
		"--persist-to", w.o.PersistDir, "--show-interactive-dev-session=false", "--log-level", "log",
		// The inspector would take a fixed port (9229) per run.
		"--inspector-port", fmt.Sprint(freePort(t)),
	}
	vars := map[string]string{
		"XKIT_PUBLISHABLE_KEY": PublishableKey, "XKIT_SECRET_KEY": SecretKey, "XKIT_ENCRYPTION_KEY": EncryptionKey,
		"XKIT_PUBLIC_URL": w.URL, "XKIT_TEST_HOOKS": "1", "XKIT_DEMO": "1",
		"XKIT_WEB_ORIGINS": strings.Join(w.o.Origins, ","),
	}
	for k, v := range w.o.Vars {
		vars[k] = v
	}
	for k, v := range vars {
		if v != "" || k == "XKIT_WEB_ORIGINS" {
			args = append(args, "--var", k+":"+v)
		}
	}
	dir := filepath.Join(Root(), "cmd", "xkit-worker")
	if w.o.Config != "" {
		args, dir = append(args, "--config", w.o.Config), filepath.Dir(w.o.Config)
	}
	cmd := exec.Command(wranglerBin(t), args...)
	cmd.Dir = dir
	cmd.Env = wranglerEnv(w.o.PersistDir)
	// Its own process group: wrangler starts workerd, and Stop ends both.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	w.log = &syncBuffer{}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatalf("start wrangler: %v", err)
	}
	w.cmd, w.done = cmd, make(chan struct{})
	ready := make(chan struct{})
	go func() {
		var once sync.Once
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			w.log.WriteLine(line)
			if strings.Contains(line, "Ready on http://"+w.Domain) {
				once.Do(func() { close(ready) })
			}
		}
	}()
	go func() {
		cmd.Wait()
		pw.Close()
		close(w.done)
	}()
	select {
	case <-ready:
	case <-w.done:
		t.Fatalf("wrangler dev exited before it was ready:\n%s", w.log.String())
	case <-time.After(90 * time.Second):
		w.kill()
		t.Fatalf("wrangler dev was not ready in 90 s:\n%s", w.log.String())
	}
	// "Ready" comes before the first request is served; the first request
	// also migrates a fresh D1. Wait for it to answer.
	res, err := http.Get(w.URL + "/api/platform_user/platform")
	if err != nil {
		t.Fatalf("first request: %v\n%s", err, w.log.String())
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 && !w.o.Refusing {
		t.Fatalf("first request: %d %s\n%s", res.StatusCode, body, w.log.String())
	}
}

// Log is what wrangler printed so far.
func (w *Worker) Log() string { return w.log.String() }

// WaitLog waits up to limit for wrangler to print a line containing s
// (it prints a request's lines after the answer has left) and reports
// whether it did.
func (w *Worker) WaitLog(s string, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for !strings.Contains(w.log.String(), s) {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// Stop ends wrangler and workerd (SIGTERM to its process group, then
// SIGKILL after 10 s) and waits for them.
func (w *Worker) Stop(t testing.TB) {
	if w.cmd == nil {
		return
	}
	syscall.Kill(-w.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-w.done:
	case <-time.After(10 * time.Second):
		w.kill()
		<-w.done
	}
	// workerd may outlive wrangler by a moment; the group kill ends it.
	syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL)
	w.cmd = nil
}

func (w *Worker) kill() { syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL) }

// Restart stops the Worker and starts it again on the same port and D1
// folder.
func (w *Worker) Restart(t testing.TB) {
	t.Helper()
	w.Stop(t)
	w.start(t)
}

// RestartWith restarts the Worker like Restart with other variables (and
// Refusing) in place of Options.Vars: the same port and D1 folder.
func (w *Worker) RestartWith(t testing.TB, vars map[string]string, refusing bool) {
	t.Helper()
	w.Stop(t)
	w.o.Vars, w.o.Refusing = vars, refusing
	w.start(t)
}

// UserToken provisions a user and returns an access token for it.
func (w *Worker) UserToken(t testing.TB, externalID string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"user": map[string]string{"external_id": externalID}})
	req, _ := http.NewRequestWithContext(context.Background(), "POST", w.URL+"/api/platform/users", bytes.NewReader(body))
	req.SetBasicAuth(PublishableKey, SecretKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("provision %s: %v", externalID, err)
	}
	defer res.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || json.Unmarshal(raw, &out) != nil || out.AccessToken == "" {
		t.Fatalf("provision %s: %d %s", externalID, res.StatusCode, raw)
	}
	return out.AccessToken
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) WriteLine(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.WriteString(line)
	s.b.WriteByte('\n')
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
