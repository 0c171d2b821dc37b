package app_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/app"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/fake"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/settings"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

var slack = model.ConnectorFrom(raw(slackWithOne))

func TestInstallStartsTheFlowAtOnce(t *testing.T) {
	started := ""
	sdk := &fake.SDK{AddConnectionFn: func(connector string) fake.Flow {
		started = connector // the popup opens here, inside the user's click
		return fake.Done(raw(`{"id":"c2","enabled":true}`))
	}}
	install := app.New(sdk, app.Options{}).Install(slack)
	assert.Equal(t, "slack", started, "the flow started before Install returned")
	toast, ok := install.Wait(ctx)
	assert.True(t, ok)
	assert.Equal(t, model.Installed(i18n.English(), "Slack"), toast)
}

func TestReconnectHandsTheConnectionOn(t *testing.T) {
	var got jsonv.Value
	sdk := &fake.SDK{ReconnectFn: func(conn jsonv.Value) fake.Flow {
		got = conn
		return fake.Done(conn)
	}}
	toast, ok := app.New(sdk, app.Options{}).Reconnect(slack, slack.Connections[0]).Wait(ctx)
	assert.True(t, ok)
	assert.Equal(t, model.Reconnected(i18n.English(), "Slack"), toast)
	id, _ := got.Get("id").Str()
	connector, _ := got.Get("connector", "slug").Str()
	assert.Equal(t, []string{"c1", "slack"}, []string{id, connector}, "the connection with its connector")
}

// TestActionErrorsAreWordedByTheirType: the flow's errors arrive typed, so
// the catalog words them by code without probing JS objects.
func TestActionErrorsAreWordedByTheirType(t *testing.T) {
	for name, c := range map[string]struct {
		err  error
		want string
	}{
		"denied, by its OAuth code": {&xkit.ConnectError{Code: xkit.CodeDenied, Message: "The authorization was denied.",
			ErrorCode: "access_denied"}, "Cancelled authorization"},
		"popup blocked": {&xkit.ConnectError{Code: xkit.CodePopupBlocked, Message: "Failed to open the authorization window."},
			"Your browser blocked the sign-in window. Allow pop-ups for this page and try again."},
		"cancelled": {&xkit.ConnectError{Code: xkit.CodeCancelled, Message: "Installation cancelled."},
			"Installation cancelled: the sign-in window was closed before it finished."},
		"provider error with an unknown code keeps the provider's words": {&xkit.ConnectError{Code: xkit.CodeProviderError,
			Message: "Broken by a test hook.", ErrorCode: "test_broken", ErrorMessage: "Broken by a test hook."},
			"Connection failed: Broken by a test hook."},
		"provider error without words": {&xkit.ConnectError{Code: xkit.CodeProviderError, Message: "Connection failed."},
			"The service reported a problem while connecting. Please try again."},
		"a platform refusal, by its status":               {&xkit.APIError{Message: "Forbidden", StatusCode: 403}, "Connection failed: You are not signed in."},
		"a platform error, by its status":                 {&xkit.APIError{Message: "Bad Gateway", StatusCode: 502}, "Connection failed: The server answered with status 502."},
		"something else":                                  {errors.New("xkit: ConnectOptions needs OpenerOrigin"), "Connection failed. Please try again."},
		"an OAuth code in the message, as xkit.js put it": {errors.New("access_denied"), "Cancelled authorization"},
	} {
		t.Run(name, func(t *testing.T) {
			sdk := &fake.SDK{AddConnectionFn: func(string) fake.Flow { return fake.Failed(c.err) }}
			toast, ok := app.New(sdk, app.Options{}).Install(slack).Wait(ctx)
			assert.False(t, ok)
			assert.Equal(t, model.Toast{Intent: model.Danger, Text: c.want}, toast)
		})
	}
}

func TestRemove(t *testing.T) {
	var q xkit.Query
	sdk := &fake.SDK{RemoveConnectionFn: func(_ cancel.Context, query xkit.Query) error { q = query; return nil }}
	c := app.New(sdk, app.Options{})
	toast, ok := c.Remove(slack, slack.Connections[0]).Wait(ctx)
	assert.True(t, ok)
	assert.Equal(t, model.Removed(i18n.English(), "Slack"), toast)
	assert.Equal(t, xkit.Query{ID: "c1"}, q, "by id: the connector may have several")

	sdk.RemoveConnectionFn = func(cancel.Context, xkit.Query) error { return &xkit.APIError{Message: "Not Found", StatusCode: 404} }
	toast, ok = c.Remove(slack, slack.Connections[0]).Wait(ctx)
	assert.False(t, ok)
	assert.Equal(t, model.Toast{Intent: model.Danger, Text: "Could not remove Slack. It does not exist, or it was removed."}, toast)
}

func TestActionAfterUnmountShowsNothing(t *testing.T) {
	ended, end := cancel.With(cancel.Background())
	end()
	sdk := &fake.SDK{AddConnectionFn: func(string) fake.Flow {
		return func(ctx cancel.Context) (jsonv.Value, error) { <-ctx.Done(); return jsonv.Value{}, ctx.Err() }
	}}
	toast, ok := app.New(sdk, app.Options{}).Install(slack).Wait(ended)
	assert.False(t, ok)
	assert.Zero(t, toast)
}

func TestSettingsForm(t *testing.T) {
	sdk := &fake.SDK{GetConnectorFn: func(cancel.Context, string) (jsonv.Value, error) { return raw(slackWithOne), nil }}
	field := settings.Field{Type: settings.Text, Name: "channel"}
	ask := func(_ cancel.Context, conn model.Connection, _ jsonv.Value) (settings.Form, error) {
		return settings.Form{Fields: []settings.Field{field}}, nil
	}

	k, conn, form, found, err := app.New(sdk, app.Options{Settings: ask}).SettingsForm(ctx, "slack", "c1")
	require.NoError(t, err)
	assert.True(t, found)
	assert.Equal(t, "Slack", k.Name)
	assert.Equal(t, "c1", conn.ID)
	assert.Equal(t, []settings.Field{field}, form.Fields)

	_, _, _, found, err = app.New(sdk, app.Options{Settings: ask}).SettingsForm(ctx, "slack", "gone")
	assert.NoError(t, err)
	assert.False(t, found, "no such connection: back to the connector page")
	_, _, _, found, _ = app.New(sdk, app.Options{}).SettingsForm(ctx, "slack", "c1")
	assert.False(t, found, "no settings callback: back to the connector page")

	broken := func(cancel.Context, model.Connection, jsonv.Value) (settings.Form, error) {
		return settings.Form{}, errors.New("settings threw")
	}
	_, _, _, _, err = app.New(sdk, app.Options{Settings: broken}).SettingsForm(ctx, "slack", "c1")
	assert.EqualError(t, err, "Could not load the settings. settings threw", "the page's callback's own words")
}

func TestSaveSettings(t *testing.T) {
	form, _ := settings.Parse(raw(`[{"type":"text","name":"channel","value":"a","validationMessage":"too short"}]`))
	require.True(t, form.SetText("channel", "general"))
	var handed jsonv.Value
	answer := `[{"type":"text","name":"channel","value":"general"}]`
	c := app.New(&fake.SDK{}, app.Options{Settings: func(_ cancel.Context, _ model.Connection, fields jsonv.Value) (settings.Form, error) {
		handed = fields
		next, _ := settings.Parse(raw(answer))
		return next, nil
	}})
	_, done, err := c.SaveSettings(ctx, slack.Connections[0], form)
	require.NoError(t, err)
	assert.True(t, done)
	assert.JSONEq(t, `[{"type":"text","name":"channel","value":"general"}]`, handed.Raw(),
		"the edited value, without the last answer's message")

	answer = `[{"type":"text","name":"channel","value":"general","validationMessage":"no such channel"}]`
	next, done, err := c.SaveSettings(ctx, slack.Connections[0], form)
	require.NoError(t, err)
	assert.False(t, done, "messages: the form stays")
	assert.Equal(t, "no such channel", next.Fields[0].ValidationMessage)
}
