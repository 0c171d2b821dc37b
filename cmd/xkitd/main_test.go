package main

import (
	"bufio"
	"crypto/tls"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
	buildOut  []byte
)

// xkitd is built once per test run.
func build(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "xkitd-test-"); buildErr == nil {
			buildOut, buildErr = exec.Command("go", "build", "-o", filepath.Join(binDir, "xkitd"), ".").CombinedOutput()
		}
	})
	require.NoError(t, buildErr, "%s", buildOut)
	return filepath.Join(binDir, "xkitd")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

type proc struct {
	cmd    *exec.Cmd
	lines  chan string
	seen   []string
	stderr syncBuffer
}

func start(t *testing.T, bin string, env []string, args ...string) (*proc, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	p := &proc{cmd: cmd, lines: make(chan string, 100)}
	cmd.Stderr = &p.stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case line, ok := <-p.lines:
			require.True(t, ok, "xkitd exited before listening: %v", p.seen)
			p.seen = append(p.seen, line)
			if url, ok := strings.CutPrefix(line, "xkitd listening on "); ok {
				return p, url
			}
		case <-timeout:
			t.Fatalf("xkitd did not print its address: %v", p.seen)
		}
	}
}

// stop sends SIGTERM and expects a clean exit.
func (p *proc) stop(t *testing.T) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	for line := range p.lines {
		p.seen = append(p.seen, line)
	}
	require.NoError(t, p.cmd.Wait())
	assert.Contains(t, p.seen, "xkitd stopped")
}

func TestXkitd(t *testing.T) {
	bin := build(t)
	db := filepath.Join(t.TempDir(), "xkit.db")
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, Timeout: 10 * time.Second}

	p, url := start(t, bin, nil, "-addr", "127.0.0.1:0", "-db", db, "-tls", "-quiet", "-web", t.TempDir())
	require.True(t, strings.HasPrefix(url, "https://127.0.0.1:"), url)
	res, err := client.Get(url + "/api/platform_user/platform")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	assert.Contains(t, string(body), `"name":"Xkit Local"`)
	// The self-signed certificate names localhost and 127.0.0.1.
	leaf := res.TLS.PeerCertificates[0]
	assert.Contains(t, leaf.DNSNames, "localhost")
	assert.Equal(t, "127.0.0.1", leaf.IPAddresses[0].String())
	// Test hooks are off by default.
	res, err = client.Post(url+"/test/expire-tokens", "", nil)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 404, res.StatusCode)
	p.stop(t)
	keys := strings.Join(p.seen, "\n")
	assert.Contains(t, keys, "created in")
	assert.Contains(t, keys, "XKIT_SECRET_KEY=xkit_sk_")

	// Second run: the same key pair from the database, not printed again;
	// hooks on; http.
	p, url = start(t, bin, nil, "-addr", "127.0.0.1:0", "-db", db, "-test-hooks", "-quiet")
	require.True(t, strings.HasPrefix(url, "http://127.0.0.1:"), url)
	res, err = client.Post(url+"/test/expire-tokens", "", nil)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	p.stop(t)
	var pk, sk string
	for _, l := range strings.Split(keys, "\n") {
		if strings.Contains(l, "XKIT_PUBLISHABLE_KEY=") {
			pk = strings.TrimSpace(l)
		}
		if strings.Contains(l, "XKIT_SECRET_KEY=") {
			sk = strings.TrimSpace(l)
		}
	}
	require.NotEmpty(t, pk)
	require.NotEmpty(t, sk)
	assert.NotContains(t, strings.Join(p.seen, "\n"), sk, "the secret key is printed once, when it is made")
	assert.Contains(t, strings.Join(p.seen, "\n"), "xkitd keys -db", "and the output says how to read it")
	// `xkitd keys` reads the pair back.
	out, err := exec.Command(bin, "keys", "-db", db).CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Equal(t, pk+"\n"+sk+"\n", string(out))

	// Keys from the environment are used and not printed.
	p, url = start(t, bin, []string{"XKIT_PUBLISHABLE_KEY=pk_env", "XKIT_SECRET_KEY=sk_env"}, "-addr", "127.0.0.1:0", "-db", db, "-quiet")
	req, _ := http.NewRequest("POST", url+"/api/platform/users", strings.NewReader(`{"user":{"external_id":"u"}}`))
	req.SetBasicAuth("pk_env", "sk_env")
	res, err = client.Do(req)
	require.NoError(t, err)
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	p.stop(t)
	assert.NotContains(t, strings.Join(p.seen, "\n"), "sk_env")
	assert.NotContains(t, strings.Join(p.seen, "\n"), "xat_", "no token is printed")
	assert.Contains(t, string(body), "xat_")
}
