package workertest_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/workertest"
)

// gzipBudget is the most the Worker's app.wasm may weigh gzipped (Go's
// compress/gzip at level 9, about 1 % above gzip -9), in bytes.
// Cloudflare's limit is 3 MiB (3,145,728) on the Free plan; the budget
// keeps room below it. It was 4.1 MB before issue 19 and is 2.25 MB
// after. One http.Client call (+0.9 MB: net/http's client, HTTP/2
// and the TLS handshake) or one template package or other run-time
// reflect.Value.MethodByName (+0.65 MB: every exported method kept) would
// each take it over, which is what this test is for.
const gzipBudget = 2_500_000

// The Worker's build within its budget. Always run: it builds the Worker
// (cmd/xkit-worker/build.sh; web/ must hold the SDK, ./build.sh), without
// wrangler; with XKIT_WORKER_TEST=1 wrangler's own count (deploy
// --dry-run, nothing uploaded) must be under Cloudflare's 3 MiB too.
func TestWorkerSize(t *testing.T) {
	workertest.Build(t)
	wasm := filepath.Join(workertest.Root(), "cmd", "xkit-worker", "build", "app.wasm")
	raw, err := os.ReadFile(wasm)
	require.NoError(t, err)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	t.Logf("app.wasm: %d bytes raw, %d gzip level 9 (budget %d)", len(raw), gz.Len(), gzipBudget)
	assert.LessOrEqual(t, gz.Len(), gzipBudget, "the Worker outgrew its gzip budget: "+
		"GOOS=js GOARCH=wasm go build -ldflags=-dumpdep ./cmd/xkit-worker shows why a package is in")

	if os.Getenv("XKIT_WORKER_TEST") != "1" {
		return
	}
	out, err := workertest.Wrangler(t, "deploy", "--dry-run", "--outdir", t.TempDir())
	require.NoError(t, err, "%s", out)
	m := regexp.MustCompile(`Total Upload: ([\d.]+) KiB / gzip: ([\d.]+) KiB`).FindStringSubmatch(out)
	require.NotNil(t, m, "wrangler's dry run printed no size:\n%s", out)
	kib, _ := strconv.ParseFloat(m[2], 64)
	t.Logf("wrangler deploy --dry-run: %s KiB, gzip %s KiB (Cloudflare's Free plan: 3072 KiB)", m[1], m[2])
	assert.Less(t, kib, 3072.0)
}

// What must never be in the Worker's build: a template package (run-time
// MethodByName), golang.org/x/oauth2 (http.Client), net/http/httptest
// (test code, and the flag package).
func TestWorkerDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "./cmd/xkit-worker")
	cmd.Dir = workertest.Root()
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, "github.com/xkit-wasm/xkit/internal/server", "the list is the Worker's")
	for _, banned := range []string{"html/template", "text/template", "golang.org/x/oauth2", "net/http/httptest"} {
		for _, d := range deps {
			if d == banned || strings.HasPrefix(d, banned+"/") {
				t.Errorf("the Worker imports %s", d)
			}
		}
	}
}
