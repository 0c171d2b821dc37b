package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	res, err := c.Get(u)
	require.NoError(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// The platform's identity from the environment, and the demo turned off on
// loopback: GET /platform says who it is, / is not the demo page, and
// there is no demo provider, demo sign-in or demo connector.
func TestIdentityAndNoDemo(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	p, url := start(t, bin, []string{"XKIT_PLATFORM_NAME=Acme Integrations", "XKIT_WEBSITE=https://acme.example",
		"XKIT_LOGIN_REDIRECT_URL=https://app.acme.example/login", "XKIT_DEMO=0"},
		"-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "xkit.db"), "-web", "../..")
	defer p.stop(t)
	status, body := get(t, url+"/api/platform_user/platform")
	require.Equal(t, 200, status, body)
	var out struct{ Platform map[string]any }
	require.NoError(t, json.Unmarshal([]byte(body), &out))
	assert.Equal(t, map[string]any{"name": "Acme Integrations", "slug": "acme-integrations",
		"website": "https://acme.example", "login_redirect_url": "https://app.acme.example/login",
		"remove_branding": false, "status_socket": true}, out.Platform)

	status, body = get(t, url+"/")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, "This is Acme Integrations")
	assert.NotContains(t, body, "Xkit SDK demo", "not the demo page")
	status, _ = get(t, url+"/web/xkit.js")
	assert.Equal(t, 200, status, "the SDK is served")
	status, _ = get(t, url+"/demo-oauth/authorize")
	assert.Equal(t, 404, status)
	_, body = get(t, url+"/api/platform_user/platform/connectors")
	assert.JSONEq(t, `{"connectors":[]}`, body)
}

// The demo is on by default on loopback (README's first command), and a
// flag wins over the environment.
func TestDemoByDefaultOnLoopback(t *testing.T) {
	bin := build(t)
	p, url := start(t, bin, []string{"XKIT_DEMO="}, "-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "xkit.db"), "-web", "../..")
	status, body := get(t, url+"/")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, "Xkit SDK demo")
	p.stop(t)

	p, url = start(t, bin, []string{"XKIT_DEMO=1"}, "-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "xkit.db"),
		"-web", "../..", "-demo=false")
	_, body = get(t, url+"/")
	assert.NotContains(t, body, "Xkit SDK demo")
	p.stop(t)
}

// Settings that would hand a browser a link it must not follow, or a
// provider that is no provider, stop xkitd with a message that says which.
func TestBadSettingsRefused(t *testing.T) {
	bin := build(t)
	for _, c := range []struct {
		env  []string
		args []string
		says string
	}{
		{[]string{"XKIT_LOGIN_REDIRECT_URL=javascript:alert(1)"}, nil, "-login-redirect-url"},
		{[]string{"XKIT_WEBSITE=acme.example"}, nil, "-website"},
		{[]string{"XKIT_DEMO=maybe"}, nil, "XKIT_DEMO"},
	} {
		cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "x.db")}, c.args...)...)
		cmd.Env = append(cmd.Environ(), c.env...)
		out, err := cmd.CombinedOutput()
		require.Error(t, err, "%s", out)
		assert.Contains(t, string(out), c.says)
	}
}

// `xkitd demo-provider`: the demo provider as a process of its own prints
// the oauth2 block for a seed and serves its endpoints; without a client
// id or redirect URI it says what is missing.
func TestDemoProviderCommand(t *testing.T) {
	bin := build(t)
	out, err := exec.Command(bin, "demo-provider", "-addr", "127.0.0.1:0").CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(out), "-client-id and -redirect-uri are required")

	cmd := exec.Command(bin, "demo-provider", "-addr", "127.0.0.1:0", "-client-id", "xkit-local",
		"-redirect-uri", "http://127.0.0.1:8080/authorizations/oauth2/callback")
	cmd.Env = append(cmd.Environ(), "XKIT_DEMO_CLIENT_SECRET=from-env")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	buf := make([]byte, 4096)
	var printed strings.Builder
	for !strings.Contains(printed.String(), "userinfo") {
		n, err := stdout.Read(buf)
		require.NoError(t, err, "%s", printed.String())
		printed.Write(buf[:n])
	}
	text := printed.String()
	origin := strings.Fields(strings.TrimPrefix(strings.Split(text, "\n")[0], "xkitd demo provider listening on "))[0]
	assert.Contains(t, text, `"auth_url": "`+origin+`/authorize", "token_url": "`+origin+`/token", "client_id": "xkit-local"`)
	assert.NotContains(t, text, "from-env", "a secret given is not printed")
	status, body := get(t, origin+"/authorize?response_type=code&client_id=xkit-local&state=s&code_challenge=c&code_challenge_method=S256"+
		"&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fauthorizations%2Foauth2%2Fcallback")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, `id="allow"`)
	status, _ = get(t, origin+"/nothing")
	assert.Equal(t, 404, status)
}
