//go:build !js

package xkit_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// sameAs checks an SDK result against the platform's own answer to the same
// request: the named member's raw JSON on success, the status on failure.
func sameAs(t *testing.T, got jsonv.Value, err error, status int, answer map[string]json.RawMessage, member string) {
	t.Helper()
	if status >= 200 && status < 300 {
		require.NoError(t, err)
		if member == "" {
			b, _ := json.Marshal(answer)
			assert.JSONEq(t, string(b), got.Raw())
			return
		}
		assert.Equal(t, string(answer[member]), got.Raw(), "raw JSON, every field untouched")
		return
	}
	var ae *xkit.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, status, ae.StatusCode)
	var msg string
	_ = json.Unmarshal(answer["error"], &msg)
	assert.Equal(t, msg, ae.DebugMessage)
}

func TestReadCallsReturnThePlatformsObjects(t *testing.T) {
	f := start(t)
	token := f.login(t, "user-1")
	ctx := ctxT(t)

	got, err := f.c.GetPlatform(ctx)
	status, answer := f.direct(t, "GET", "/platform", token, "")
	sameAs(t, got, err, status, answer, "platform")

	got, err = f.c.ListConnectors(ctx)
	status, answer = f.direct(t, "GET", "/connectors", token, "")
	sameAs(t, got, err, status, answer, "connectors")
	assert.Len(t, got.Items(), 4, "the seed: slack, github, salesforce, acme-api")

	for _, slug := range []string{"slack", "github", "salesforce", "acme-api"} {
		got, err = f.c.GetConnector(ctx, slug)
		status, answer = f.direct(t, "GET", "/connectors/"+slug, token, "")
		require.Equal(t, 200, status)
		sameAs(t, got, err, status, answer, "connector")
		assert.Equal(t, slug, str(got.Get("slug")))
	}

	got, err = f.c.ListConnections(ctx, "")
	status, answer = f.direct(t, "GET", "/connections", token, "")
	sameAs(t, got, err, status, answer, "connections")
}

func TestNotFoundIsAnAPIError(t *testing.T) {
	f := start(t)
	token := f.login(t, "user-1")
	ctx := ctxT(t)

	_, err := f.c.GetConnector(ctx, "no-such-connector")
	var ae *xkit.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.StatusCode)
	assert.Equal(t, "Not Found", ae.StatusText)
	assert.Equal(t, "Not Found", ae.Error())
	_, answer := f.direct(t, "GET", "/connectors/no-such-connector", token, "")
	assert.Equal(t, string(answer["error"]), jsonv.Quote(ae.DebugMessage))

	_, err = f.c.GetConnection(ctx, xkit.Query{Slug: "slack"})
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.StatusCode)

	// Argument text cannot reach another endpoint: it is one escaped segment.
	_, err = f.c.GetConnector(ctx, "slack/../github")
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.StatusCode)
}

func TestConnectionLifecycle(t *testing.T) {
	f := start(t)
	token := f.login(t, "user-1")
	ctx := ctxT(t)

	// The connect flow (a popup) is not the core's; make the connection as
	// its first step does.
	status, answer := f.direct(t, "POST", "/connections/acme-api", token, `{}`)
	require.Equal(t, 200, status, answer)
	created := jsonv.Raw(string(answer["connection"]))
	id := str(created.Get("id"))
	require.NotEmpty(t, id)

	got, err := f.c.GetConnection(ctx, xkit.Query{ID: id})
	status, answer = f.direct(t, "GET", "/connection/"+id, token, "")
	sameAs(t, got, err, status, answer, "connection")

	got, err = f.c.GetConnection(ctx, xkit.Query{Slug: "acme-api"})
	status, answer = f.direct(t, "GET", "/connections/acme-api", token, "")
	sameAs(t, got, err, status, answer, "connection")

	got, err = f.c.ListConnections(ctx, "acme-api")
	status, answer = f.direct(t, "GET", "/connections?slug=acme-api", token, "")
	sameAs(t, got, err, status, answer, "connections")

	// Connection or connector: the connection when there is one, else a shell.
	got, err = f.c.GetConnectionOrConnector(ctx, "acme-api")
	require.NoError(t, err)
	if status, answer = f.direct(t, "GET", "/connections/acme-api", token, ""); status == 200 {
		assert.Equal(t, string(answer["connection"]), got.Raw())
	} else {
		_, answer = f.direct(t, "GET", "/connectors/acme-api", token, "")
		assert.Equal(t, `{"connector":`+string(answer["connector"])+`}`, got.Raw())
	}
	got, err = f.c.GetConnectionOrConnector(ctx, "slack")
	require.NoError(t, err)
	_, answer = f.direct(t, "GET", "/connectors/slack", token, "")
	assert.Equal(t, `{"connector":`+string(answer["connector"])+`}`, got.Raw())

	// Fill in the API key: the authorization becomes active.
	auth := created.Get("authorization")
	prototype := str(auth.Get("authorizer", "prototype", "slug"))
	state := str(auth.Get("state"))
	require.NotEmpty(t, prototype)
	require.NotEmpty(t, state)
	tok, err := f.c.GetConnectionToken(ctx, xkit.Query{ID: id})
	require.NoError(t, err)
	assert.Equal(t, "null", tok.Raw(), "no token before the key is set")

	authz, err := f.c.SetAuthorizationFields(ctx, prototype, state, jsonv.Raw(`{"api_key":"key-123"}`))
	require.NoError(t, err)
	assert.Equal(t, str(auth.Get("id")), str(authz.Get("id")))

	conn, err := f.c.GetConnection(ctx, xkit.Query{ID: id})
	require.NoError(t, err)
	assert.Equal(t, xkit.StatusConnected, xkit.ConnectionStatus(conn), conn.Raw())
	tok, err = f.c.GetConnectionToken(ctx, xkit.Query{ID: id})
	require.NoError(t, err)
	assert.Equal(t, jsonv.KindString, tok.Kind())
	assert.Equal(t, conn.Get("authorization", "access_token").Raw(), tok.Raw())
	tok, err = f.c.GetConnectionToken(ctx, xkit.Query{Slug: "acme-api"})
	require.NoError(t, err)
	assert.Equal(t, conn.Get("authorization", "access_token").Raw(), tok.Raw())

	// Remove: connection:disable (the slug) then connection:remove.
	n := len(f.rec.all())
	require.NoError(t, f.c.RemoveConnection(ctx, xkit.Query{ID: id}))
	evs := f.rec.since(n)
	require.Len(t, evs, 2)
	assert.Equal(t, event{"connection:disable", `"acme-api"`}, evs[0])
	assert.Equal(t, "connection:remove", evs[1].name)
	removed := jsonv.Raw(evs[1].payload)
	assert.Equal(t, id, str(removed.Get("id")))
	assert.Equal(t, xkit.StatusNotInstalled, xkit.ConnectionStatus(removed))

	tok, err = f.c.GetConnectionToken(ctx, xkit.Query{ID: id})
	require.NoError(t, err)
	assert.Equal(t, "null", tok.Raw(), "a removed connection has no token")
	tok, err = f.c.GetConnectionToken(ctx, xkit.Query{Slug: "acme-api"})
	require.NoError(t, err)
	assert.Equal(t, "null", tok.Raw(), "404 is null")

	var ae *xkit.APIError
	require.ErrorAs(t, f.c.RemoveConnection(ctx, xkit.Query{ID: id}), &ae)
	assert.Equal(t, 404, ae.StatusCode)
	require.ErrorAs(t, f.c.Disconnect(ctx, "acme-api"), &ae)
	assert.Equal(t, 404, ae.StatusCode)
	assert.Len(t, f.rec.since(n), 2, "failed removals emit nothing")
}

// connectAcme makes an enabled acme-api connection (API key) the way the
// connect flow does: create it, then save the key.
func connectAcme(t *testing.T, f *fixture, token string) string {
	t.Helper()
	status, answer := f.direct(t, "POST", "/connections/acme-api", token, `{}`)
	require.Equal(t, 200, status, answer)
	conn := jsonv.Raw(string(answer["connection"]))
	auth := conn.Get("authorization")
	_, err := f.c.SetAuthorizationFields(ctxT(t), str(auth.Get("authorizer", "prototype", "slug")), str(auth.Get("state")), jsonv.Raw(`{"api_key":"k-1"}`))
	require.NoError(t, err)
	return str(conn.Get("id"))
}

func TestDisconnectBySlug(t *testing.T) {
	f := start(t)
	id := connectAcme(t, f, f.login(t, "user-1"))

	n := len(f.rec.all())
	require.NoError(t, f.c.Disconnect(ctxT(t), "acme-api"))
	evs := f.rec.since(n)
	require.Len(t, evs, 2)
	assert.Equal(t, event{"connection:disable", `"acme-api"`}, evs[0])
	assert.Equal(t, id, str(jsonv.Raw(evs[1].payload).Get("id")))
}

func TestCRMCalls(t *testing.T) {
	f := start(t)
	token := f.login(t, "user-1")
	ctx := ctxT(t)
	id := connectAcme(t, f, token)

	got, err := f.c.ListAPIObjects(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "[]", got.Raw())

	got, err = f.c.GetAPIObject(ctx, id, "contacts")
	status, answer := f.direct(t, "GET", "/connection/"+id+"/api_objects/contacts", token, "")
	require.Equal(t, 404, status)
	sameAs(t, got, err, status, answer, "")

	got, err = f.c.ListCRMObjects(ctx, id, jsonv.Raw(`{"objects":[]}`))
	require.NoError(t, err)
	assert.Equal(t, `{"objects":[]}`, got.Raw(), "the whole answer")

	got, err = f.c.GetMapping(ctx, id)
	require.NoError(t, err)
	assert.JSONEq(t, `{"objects":[],"mapping":[]}`, got.Raw())

	objects, mapping := jsonv.Raw(`[{"slug":"contact","x-extra":{"kept":true}}]`), jsonv.Raw(`[{"from":"a","to":"b"}]`)
	require.NoError(t, f.c.SaveMapping(ctx, id, objects, mapping))
	got, err = f.c.GetMapping(ctx, id)
	status, answer = f.direct(t, "GET", "/connection/"+id+"/crm_mapping", token, "")
	sameAs(t, got, err, status, answer, "")
	assert.JSONEq(t, objects.Raw(), got.Get("objects").Raw())
	assert.JSONEq(t, mapping.Raw(), got.Get("mapping").Raw())

	// A missing member is left out of the body, as JSON.stringify leaves out
	// undefined; the platform then refuses with a 400.
	err = f.c.SaveMapping(ctx, id, objects, jsonv.Value{})
	var ae *xkit.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Equal(t, "objects and mapping are required.", ae.DebugMessage)
	assert.False(t, ae.Body.Exists(), "saveMapping does not opt into error bodies")

	// crm_setup opts in: its errors carry the body.
	require.NoError(t, f.c.RemoveConnection(ctx, xkit.Query{ID: id}))
	_, err = f.c.ListCRMObjects(ctx, id, jsonv.Raw(`{}`))
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.StatusCode)
	assert.Equal(t, ae.DebugMessage, str(ae.Body.Get("error")))
}

func TestArgumentErrorsMakeNoRequest(t *testing.T) {
	f := start(t)
	f.login(t, "user-1")
	f.tr.reset()
	ctx := ctxT(t)
	obj := jsonv.Raw(`{}`)
	for _, tc := range []struct {
		arg, msg string
		call     func() error
	}{
		{"slug", `slug is required: pass a connector slug such as "slack"`, func() error { _, err := f.c.GetConnector(ctx, ""); return err }},
		{"slug", `slug cannot be "..": pass a connector slug such as "slack"`, func() error { _, err := f.c.GetConnector(ctx, ".."); return err }},
		{"slug", `slug is required: pass a connector slug such as "slack"`, func() error { _, err := f.c.GetConnectionOrConnector(ctx, ""); return err }},
		{"slug", `slug is required: pass a connector slug such as "slack"`, func() error { return f.c.Disconnect(ctx, "") }},
		{"query", `query needs a slug or an id: pass {slug: "slack"} or {id: "..."}`, func() error { _, err := f.c.GetConnection(ctx, xkit.Query{}); return err }},
		{"query", `query takes a slug or an id, not both: pass {slug: "slack"} or {id: "..."}`, func() error { _, err := f.c.GetConnectionToken(ctx, xkit.Query{ID: "a", Slug: "b"}); return err }},
		{"query", `query needs a slug or an id: pass {slug: "slack"} or {id: "..."}`, func() error { return f.c.RemoveConnection(ctx, xkit.Query{}) }},
		{"id", `id cannot be ".": pass a connection (or its id) such as one from listConnections()`, func() error { return f.c.RemoveConnection(ctx, xkit.Query{ID: "."}) }},
		{"prototypeSlug", "prototypeSlug is required: pass the authorization's prototype slug (authorization.authorizer.prototype.slug)", func() error {
			_, err := f.c.SetAuthorizationFields(ctx, "", "s", obj)
			return err
		}},
		{"params", `params must be an object of field values such as {api_key: "..."}`, func() error {
			_, err := f.c.SetAuthorizationFields(ctx, "acme", "s", jsonv.Raw(`"key"`))
			return err
		}},
		{"connection", "connection is required: pass a connection (or its id) such as one from listConnections()", func() error { _, err := f.c.ListCRMObjects(ctx, "", obj); return err }},
		{"connection", "connection is required: pass a connection (or its id) such as one from listConnections()", func() error { _, err := f.c.ListAPIObjects(ctx, ""); return err }},
		{"slug", "slug is required: pass an API object slug such as one from listAPIObjects()", func() error { _, err := f.c.GetAPIObject(ctx, "c1", ""); return err }},
		{"connection", "connection is required: pass a connection (or its id) such as one from listConnections()", func() error { _, err := f.c.GetMapping(ctx, ""); return err }},
		{"connection", "connection is required: pass a connection (or its id) such as one from listConnections()", func() error { return f.c.SaveMapping(ctx, "", obj, obj) }},
		{"token", "token is required: pass the access token your server got from POST /api/platform/users (or a function that returns one)", func() error { return f.c.Login(ctx, "", nil) }},
		{"token", "token is required: pass an access token or a function that returns one", func() error { return f.c.LoginFunc(ctx, nil) }},
	} {
		err := tc.call()
		var ae *xkit.ArgError
		require.ErrorAs(t, err, &ae, tc.msg)
		assert.Equal(t, tc.arg, ae.Arg)
		assert.Equal(t, tc.msg, ae.Error())
	}
	assert.Equal(t, 0, f.tr.total(), "no request for bad arguments")
}

func TestURLs(t *testing.T) {
	c := xkit.New(xkit.Options{Domain: "127.0.0.1:1", Transport: xkit.NewHTTPTransport(nil)})
	assert.Equal(t, "127.0.0.1:1", c.Domain())
	assert.Equal(t, "https://127.0.0.1:1", c.URL(), "https unless told otherwise")
	assert.Equal(t, "https://127.0.0.1:1/connectors/my%20app", c.ConnectorURL("my app"))
}
