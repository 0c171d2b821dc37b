//go:build js

package bridge

import (
	"context"
	"strconv"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// echoServer starts a Node HTTP server on 127.0.0.1 (Node runs these tests,
// and its fetch is the same API as the browser's) and returns its origin.
// It echoes each request as JSON; /teapot answers 418; /hang never answers
// (globalThis.__hang says when one arrived and when its client gave up).
func echoServer(t *testing.T) string {
	t.Helper()
	started := jsEval(`(() => {
		let arrived, gone;
		globalThis.__hang = {arrived: new Promise(r => arrived = r), gone: new Promise(r => gone = r)};
		const server = require("http").createServer((req, res) => {
			let body = "";
			req.setEncoding("utf8");
			req.on("data", chunk => body += chunk);
			req.on("end", () => {
				if (req.url === "/hang") {
					res.on("close", gone);
					return arrived();
				}
				if (req.url === "/teapot") {
					res.writeHead(418, "I'm a teapot", {"Content-Type": "application/json"});
					return res.end('{"error":"short and stout"}');
				}
				res.writeHead(200, {"Content-Type": "application/json; charset=utf-8"});
				res.end(JSON.stringify({method: req.method, url: req.url, headers: req.headers, body}));
			});
		});
		const port = new Promise(r => server.listen(0, "127.0.0.1", () => r(server.address().port)));
		return {server, port};
	})()`)
	port, err := await(t, started.Get("port"))
	require.NoError(t, err)
	t.Cleanup(func() {
		server := started.Get("server")
		server.Call("closeAllConnections")
		server.Call("close")
	})
	return "http://127.0.0.1:" + strconv.Itoa(port.Int())
}

func TestFetchSendsTheRequest(t *testing.T) {
	origin := echoServer(t)
	res, err := Fetch{}.Do(context.Background(), xkit.Request{
		Method: "POST",
		URL:    origin + "/api/platform_user/sessions?x=1",
		Header: map[string]string{"Accept": "application/json", "Xkit-Js-Version": Version,
			"Authorization": "Bearer tok", "Content-Type": "application/json"},
		Body: `{"name":"Grüße ✓"}`,
	})
	require.NoError(t, err)
	assert.Equal(t, 200, res.Status)
	assert.Equal(t, "OK", res.StatusText)

	echo := jsJSON.Call("parse", res.Body)
	assert.Equal(t, "POST", echo.Get("method").String())
	assert.Equal(t, "/api/platform_user/sessions?x=1", echo.Get("url").String())
	assert.Equal(t, `{"name":"Grüße ✓"}`, echo.Get("body").String())
	h := echo.Get("headers")
	assert.Equal(t, Version, h.Get("xkit-js-version").String())
	assert.Equal(t, "Bearer tok", h.Get("authorization").String())
	assert.Equal(t, "application/json", h.Get("content-type").String())
}

func TestFetchGivesErrorStatusesAsResponses(t *testing.T) {
	origin := echoServer(t)
	res, err := Fetch{}.Do(context.Background(), xkit.Request{Method: "GET", URL: origin + "/teapot"})
	require.NoError(t, err, "an HTTP answer is not a transport error")
	assert.Equal(t, 418, res.Status)
	assert.Equal(t, "I'm a teapot", res.StatusText)
	assert.Equal(t, `{"error":"short and stout"}`, res.Body)
}

func TestFetchWithoutAnAnswer(t *testing.T) {
	origin := echoServer(t)

	// Nothing listens on port 1 of loopback.
	_, err := Fetch{}.Do(context.Background(), xkit.Request{Method: "GET", URL: "http://127.0.0.1:1/api"})
	var ne *NetworkError
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Unreachable, "fetch rejected with a TypeError")
	assert.Regexp(t, `^Xkit: could not reach http://127.0.0.1:1/api: the platform may not allow this page's origin `+
		`\(add it to XKIT_WEB_ORIGINS\) or it is unreachable \(.+\)\.$`, err.Error())

	// A context that ends aborts the request: /hang never answers, so only
	// the abort can end the call, and the server sees its client go.
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, _ = await(t, js.Global().Get("__hang").Get("arrived"))
		cancel()
	}()
	_, err = Fetch{}.Do(ctx, xkit.Request{Method: "GET", URL: origin + "/hang"})
	assert.ErrorIs(t, err, context.Canceled)
	_, err = await(t, js.Global().Get("__hang").Get("gone"))
	assert.NoError(t, err, "the request was aborted, not only left")

	// Through the SDK, a failure the page cannot see the reason of is a
	// TypeError, as fetch's (and xkit.js's) was, naming the page's origin
	// and the setting to check.
	s, err := New("127.0.0.1:1", "http:")
	require.NoError(t, err)
	defer s.Release()
	captureWarnings(t)
	js.Global().Set("location", js.ValueOf(map[string]any{"origin": "https://page.example"}))
	defer js.Global().Delete("location")
	e := rejection(t, s.Object().Call("getConnector", "slack"))
	assert.True(t, e.InstanceOf(jsTypeError))
	assert.Equal(t, "TypeError", e.Get("name").String())
	assert.Regexp(t, `^Xkit: could not reach http://127.0.0.1:1/api/platform_user/\S+ from https://page.example: `+
		`the platform may not allow this page's origin \(add it to XKIT_WEB_ORIGINS\) or it is unreachable \(.+\)\.$`,
		e.Get("message").String())
	assert.True(t, e.Get("cause").InstanceOf(jsTypeError), "the fetch failure is the cause")
}

// An aborted request is not "unreachable": its error keeps its own words.
func TestFetchAbortedIsNotUnreachable(t *testing.T) {
	origin := echoServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, _ = await(t, js.Global().Get("__hang").Get("arrived"))
		cancel()
	}()
	_, err := Fetch{}.Do(ctx, xkit.Request{Method: "GET", URL: origin + "/hang"})
	var ne *NetworkError
	require.ErrorAs(t, err, &ne)
	assert.False(t, ne.Unreachable)
	assert.Equal(t, "Error", ErrorValue(err).Get("name").String())
}
