package conformance

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Known keys for the xkitd under test; the suite provisions users with them.
const (
	publishableKey = "pk_conformance"
	secretKey      = "sk_conformance"
)

// moduleRoot walks up from the test's working directory to the go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// buildXkitd builds the real binary, so the suite tests what users run.
func buildXkitd(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "xkitd")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/xkitd")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build ./cmd/xkitd:\n%s", out)
	return bin
}

// xkitd is one running platform server with its own fresh database: the
// xkitd binary, or the Worker under wrangler dev (worker_test.go).
type xkitd struct {
	URL    string // https://127.0.0.1:PORT (the Worker: http://)
	Domain string // 127.0.0.1:PORT
	pk, sk string // the key pair that provisions users
	log    interface{ String() string }
	client *http.Client
}

var listening = regexp.MustCompile(`xkitd listening on (https://127\.0\.0\.1:\d+)`)

// startXkitd runs the binary with TLS and test hooks (plus extraArgs),
// allowing webOrigin as a host page origin, and kills it when the test ends.
func startXkitd(t *testing.T, bin, root, webOrigin string, extraArgs ...string) *xkitd {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(bin, append([]string{"-tls", "-test-hooks", "-addr", "127.0.0.1:0",
		"-db", filepath.Join(dir, "xkit.db"), "-web", root}, extraArgs...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"XKIT_PUBLISHABLE_KEY="+publishableKey,
		"XKIT_SECRET_KEY="+secretKey,
		"XKIT_WEB_ORIGINS="+webOrigin,
	)
	log := &syncBuffer{}
	found := make(chan string, 1)
	// The listening line tells the real port of -addr 127.0.0.1:0. The
	// contract puts it on stdout; stderr is watched too, to fail less
	// cryptically if it moves.
	onLine := func(line string) {
		if m := listening.FindStringSubmatch(line); m != nil {
			select {
			case found <- m[1]:
			default:
			}
		}
	}
	cmd.Stdout = &lineWatcher{out: log, onLine: onLine}
	cmd.Stderr = &lineWatcher{out: log, onLine: onLine}
	require.NoError(t, cmd.Start())
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})

	select {
	case u := <-found:
		x := &xkitd{
			URL:    u,
			Domain: strings.TrimPrefix(u, "https://"),
			pk:     publishableKey,
			sk:     secretKey,
			log:    log,
			client: &http.Client{
				Timeout: 20 * time.Second,
				Transport: &http.Transport{
					// xkitd -tls makes a self-signed certificate at start.
					TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
				},
			},
		}
		t.Cleanup(x.client.CloseIdleConnections)
		return x
	case <-exited:
		t.Fatalf("xkitd exited before it served; its output:\n%s", log.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("xkitd printed no 'xkitd listening on https://...' line in 20 s; its output:\n%s", log.String())
	}
	return nil
}

// lineWatcher copies a process's output to out and shows each whole line to
// onLine.
type lineWatcher struct {
	out    io.Writer
	onLine func(string)
	mu     sync.Mutex
	rest   []byte
}

func (w *lineWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.rest = append(w.rest, p...)
	for {
		i := bytes.IndexByte(w.rest, '\n')
		if i < 0 {
			break
		}
		w.onLine(string(w.rest[:i]))
		w.rest = w.rest[i+1:]
	}
	return w.out.Write(p)
}

// provision makes a platform user the way a host app's backend does and
// returns the access token a page passes to xkit.login.
func (x *xkitd) provision(t *testing.T, externalID string) string {
	t.Helper()
	body := `{"user":{"external_id":` + quote(externalID) + `}}`
	req, err := http.NewRequest(http.MethodPost, x.URL+"/api/platform/users", strings.NewReader(body))
	require.NoError(t, err)
	req.SetBasicAuth(x.pk, x.sk)
	req.Header.Set("Content-Type", "application/json")
	var out struct {
		AccessToken string `json:"access_token"`
	}
	x.do(t, req, &out)
	require.NotEmpty(t, out.AccessToken, "POST /api/platform/users answered no access_token")
	return out.AccessToken
}

// expireTokens calls the test hook that makes every bearer token issued so far
// stop working while cookie sessions stay valid.
func (x *xkitd) expireTokens(t *testing.T) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, x.URL+"/test/expire-tokens", nil)
	require.NoError(t, err)
	var out struct {
		Expired int `json:"expired"`
	}
	x.do(t, req, &out)
	return out.Expired
}

func (x *xkitd) do(t *testing.T, req *http.Request, out any) {
	t.Helper()
	res, err := x.client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Truef(t, res.StatusCode/100 == 2, "%s %s: %s\n%s", req.Method, req.URL.Path, res.Status, b)
	require.NoError(t, json.Unmarshal(b, out), "%s %s answered %s", req.Method, req.URL.Path, b)
}

// tail returns the last lines of xkitd's output, for a failing step.
func (x *xkitd) tail(n int) string {
	lines := strings.Split(strings.TrimRight(x.log.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// syncBuffer is a bytes.Buffer that a process and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
