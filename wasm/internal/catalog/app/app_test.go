package app_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/fake"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

var ctx = context.Background()

func raw(s string) jsonv.Value {
	v, err := jsonv.Parse(s)
	if err != nil {
		panic(err)
	}
	return v
}

// connectors is a listConnectors answer with one connector per slug.
func connectors(slugs ...string) jsonv.Value {
	items := make([]jsonv.Value, len(slugs))
	for i, s := range slugs {
		items[i] = jsonv.Object(jsonv.Member{Key: "slug", Value: jsonv.String(s)},
			jsonv.Member{Key: "name", Value: jsonv.String(s)})
	}
	return jsonv.Array(items...)
}

func slugsOf(cs []model.Connector) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

func shown(t *testing.T, c *app.Catalog) []string {
	t.Helper()
	cs, _ := c.Connectors()
	return slugsOf(cs)
}

type reloaded struct {
	fresh bool
	err   error
}

// startReload runs c.Reload in a goroutine and returns where its result
// arrives, once the read has reached the SDK (so reads are numbered in the
// order the test starts them).
func startReload(c *app.Catalog, p *fake.Pending) (<-chan reloaded, chan fake.Answer) {
	out := make(chan reloaded, 1)
	go func() {
		fresh, err := c.Reload(ctx)
		out <- reloaded{fresh, err}
	}()
	return out, <-p.Calls
}

func TestReloadOlderAnswerNeverWins(t *testing.T) {
	p := fake.NewPending(2)
	c := app.New(&fake.SDK{ListConnectorsFn: p.Call}, app.Options{})

	older, olderAnswer := startReload(c, p) // say, after the catalog loaded
	newer, newerAnswer := startReload(c, p) // and again on connection:enable

	newerAnswer <- fake.Answer{Value: connectors("slack", "github")}
	require.Equal(t, reloaded{fresh: true}, <-newer)
	assert.Equal(t, []string{"slack", "github"}, shown(t, c))

	olderAnswer <- fake.Answer{Value: connectors("slack")} // the answer from before the install
	assert.Equal(t, reloaded{fresh: false}, <-older, "the caller is told to draw nothing")
	assert.Equal(t, []string{"slack", "github"}, shown(t, c), "the older answer does not replace the newer")
}

func TestReloadOlderFailureNeverWins(t *testing.T) {
	p := fake.NewPending(2)
	c := app.New(&fake.SDK{ListConnectorsFn: p.Call}, app.Options{})
	older, olderAnswer := startReload(c, p)
	newer, newerAnswer := startReload(c, p)
	newerAnswer <- fake.Answer{Value: connectors("slack")}
	<-newer
	olderAnswer <- fake.Answer{Err: errors.New("offline a moment ago")}
	r := <-older
	assert.False(t, r.fresh)
	list, err := c.Connectors()
	assert.NoError(t, err, "an older failure does not mark the newer list as failed")
	assert.Equal(t, []string{"slack"}, slugsOf(list))
}

func TestReloadAnswersInOrderAreAllShown(t *testing.T) {
	p := fake.NewPending(2)
	c := app.New(&fake.SDK{ListConnectorsFn: p.Call}, app.Options{})
	first, firstAnswer := startReload(c, p)
	second, secondAnswer := startReload(c, p)
	firstAnswer <- fake.Answer{Value: connectors("slack")}
	assert.Equal(t, reloaded{fresh: true}, <-first, "nothing newer has answered yet: show it")
	assert.Equal(t, []string{"slack"}, shown(t, c))
	secondAnswer <- fake.Answer{Value: connectors("slack", "github")}
	assert.Equal(t, reloaded{fresh: true}, <-second)
	assert.Equal(t, []string{"slack", "github"}, shown(t, c))
}

func TestReloadFailureKeepsTheList(t *testing.T) {
	answer := fake.Answer{Value: connectors("slack")}
	sdk := &fake.SDK{ListConnectorsFn: func(cancel.Context) (jsonv.Value, error) { return answer.Value, answer.Err }}
	c := app.New(sdk, app.Options{})
	list, err := c.Connectors()
	assert.Nil(t, list, "nil before the first answer: the grid shows Loading")
	assert.NoError(t, err)

	_, err = c.Reload(ctx)
	require.NoError(t, err)
	answer = fake.Answer{Err: &xkit.APIError{Message: "Service Unavailable", StatusCode: 503}}
	fresh, err := c.Reload(ctx)
	assert.True(t, fresh)
	var f *app.Failure
	require.ErrorAs(t, err, &f)
	assert.Equal(t, model.Toast{Intent: model.Danger, Text: "Could not load the integrations. The server answered with status 503."}, f.Toast)
	list, listErr := c.Connectors()
	assert.Equal(t, []string{"slack"}, slugsOf(list), "the list read before stays")
	assert.Equal(t, err, listErr)
}

func TestReloadEmptyIsNotLoading(t *testing.T) {
	sdk := &fake.SDK{ListConnectorsFn: func(cancel.Context) (jsonv.Value, error) { return raw(`[]`), nil }}
	c := app.New(sdk, app.Options{})
	_, err := c.Reload(ctx)
	require.NoError(t, err)
	list, _ := c.Connectors()
	assert.NotNil(t, list)
	assert.Empty(t, list)
}

func TestReloadFilter(t *testing.T) {
	answer := connectors("slack", "github", "salesforce")
	sdk := &fake.SDK{ListConnectorsFn: func(cancel.Context) (jsonv.Value, error) { return answer, nil }}
	c := app.New(sdk, app.Options{Filter: func(list jsonv.Value, cs []model.Connector) []model.Connector {
		assert.Equal(t, answer.Raw(), list.Raw(), "the filter sees the answer as it came")
		require.Len(t, cs, 3)
		return cs[1:]
	}})
	_, err := c.Reload(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"github", "salesforce"}, shown(t, c))
}

func TestLoadPlatform(t *testing.T) {
	var calls []string
	sdk := &fake.SDK{
		LoginFn: func(_ cancel.Context, token string) error {
			calls = append(calls, "login "+token)
			return errors.New("Unauthorized")
		},
		GetPlatformFn: func(cancel.Context) (jsonv.Value, error) {
			calls = append(calls, "getPlatform")
			return raw(`{"name":"Acme","slug":"acme","website":"https://acme.example","remove_branding":true}`), nil
		},
	}
	c := app.New(sdk, app.Options{Token: "tok"})
	assert.Nil(t, c.Platform(), "not read yet")
	p, err := c.LoadPlatform(ctx)
	require.NoError(t, err, "a failed data-token login is no failure of the catalog")
	assert.Equal(t, []string{"login tok", "getPlatform"}, calls, "logged in first")
	assert.Equal(t, model.Platform{Name: "Acme", Slug: "acme", Website: "https://acme.example", RemoveBranding: true}, p)
	require.NotNil(t, c.Platform())
	assert.Equal(t, p, *c.Platform())

	sdk.GetPlatformFn = func(cancel.Context) (jsonv.Value, error) { return jsonv.Value{}, errors.New("Network error") }
	_, err = app.New(sdk, app.Options{}).LoadPlatform(ctx)
	assert.EqualError(t, err, "Could not load the platform. Check your connection and try again.", "no HTTP answer: the network")
}

const slackWithOne = `{"slug":"slack","name":"Slack","connections":[
	{"id":"c1","enabled":true,"authorization":{"status":"active"}}]}`

func TestConnectorPage(t *testing.T) {
	sdk := &fake.SDK{GetConnectorFn: func(_ cancel.Context, slug string) (jsonv.Value, error) {
		assert.Equal(t, "slack", slug)
		return raw(slackWithOne), nil
	}}
	p, fresh, err := app.New(sdk, app.Options{}).ConnectorPage(ctx, "slack")
	require.NoError(t, err)
	assert.True(t, fresh)
	assert.Equal(t, []model.Action{model.Remove}, p.Actions, "no settings callback: no Configure")

	var asked []string
	withSettings := app.Options{Settings: func(_ cancel.Context, conn model.Connection, fields jsonv.Value) (settings.Form, error) {
		asked = append(asked, conn.ID)
		assert.False(t, fields.Exists(), "the first ask has no fields")
		assert.Equal(t, "slack", must(conn.Raw.Get("connector", "slug").Str()), "the connection carries its connector")
		return settings.Form{Fields: []settings.Field{{Type: settings.Text, Name: "channel"}}}, nil
	}}
	p, _, err = app.New(sdk, withSettings).ConnectorPage(ctx, "slack")
	require.NoError(t, err)
	assert.Equal(t, []string{"c1"}, asked)
	assert.Equal(t, []model.Action{model.Remove, model.Configure}, p.Actions)

	sdk.GetConnectorFn = func(cancel.Context, string) (jsonv.Value, error) {
		return jsonv.Value{}, &xkit.APIError{Message: "Not Found", StatusCode: 404}
	}
	_, fresh, err = app.New(sdk, app.Options{}).ConnectorPage(ctx, "nope")
	assert.True(t, fresh)
	assert.EqualError(t, err, "Could not load this integration. It does not exist, or it was removed.")
}

func must(s string, _ bool) string { return s }

func TestConnectorPageOlderAnswerNeverWins(t *testing.T) {
	p := fake.NewPending(2)
	sdk := &fake.SDK{GetConnectorFn: func(ctx cancel.Context, _ string) (jsonv.Value, error) { return p.Call(ctx) }}
	c := app.New(sdk, app.Options{})
	type page struct {
		p     *model.Page
		fresh bool
	}
	load := func() (<-chan page, chan fake.Answer) {
		out := make(chan page, 1)
		go func() {
			pg, fresh, _ := c.ConnectorPage(ctx, "slack")
			out <- page{pg, fresh}
		}()
		return out, <-p.Calls
	}
	older, olderAnswer := load()
	newer, newerAnswer := load()
	newerAnswer <- fake.Answer{Value: raw(slackWithOne)}
	assert.True(t, (<-newer).fresh)
	olderAnswer <- fake.Answer{Value: raw(`{"slug":"slack","name":"Slack"}`)}
	assert.False(t, (<-older).fresh, "the page from before the install is not drawn")
}

func TestWatch(t *testing.T) {
	sdk := &fake.SDK{}
	c := app.New(sdk, app.Options{})
	changes := 0
	stop := c.Watch(func() { changes++ })
	sdk.Emit("connection:enable", raw(`{"id":"c1"}`))
	sdk.Emit("connection:remove", raw(`{"id":"c1"}`))
	sdk.Emit("config:update", raw(`{"loading":false}`))
	assert.Equal(t, 2, changes)
	stop()
	assert.Zero(t, sdk.Listeners("connection:enable")+sdk.Listeners("connection:remove"), "stop unsubscribes")
	sdk.Emit("connection:enable", raw(`{"id":"c2"}`))
	assert.Equal(t, 2, changes)
}
