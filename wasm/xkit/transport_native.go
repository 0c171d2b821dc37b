//go:build !js

package xkit

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
)

// NewHTTPTransport is a Transport over net/http, for tests and native
// programs; the browser build uses fetch instead. Like fetch with
// credentials "include", it keeps the platform's cookies: when client has
// no cookie jar, a copy of it with a fresh jar is used. nil means
// http.DefaultClient.
func NewHTTPTransport(client *http.Client) Transport {
	if client == nil {
		client = http.DefaultClient
	}
	if client.Jar == nil {
		jar, _ := cookiejar.New(nil) // never fails without options
		c := *client
		c.Jar = jar
		client = &c
	}
	return httpTransport{client}
}

type httpTransport struct{ client *http.Client }

func (t httpTransport) Do(c cancel.Context, r Request) (Response, error) {
	ctx, release := cancel.Std(c)
	defer release()
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return Response{}, err
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	res, err := t.client.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return Response{}, err
	}
	// res.Status is "404 Not Found"; fetch's statusText is the part after the code.
	text := strings.TrimPrefix(res.Status, strconv.Itoa(res.StatusCode)+" ")
	if text == res.Status {
		text = http.StatusText(res.StatusCode)
	}
	return Response{Status: res.StatusCode, StatusText: text, Body: string(b)}, nil
}
