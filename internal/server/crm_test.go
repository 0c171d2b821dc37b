package server_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/xkitdtest"
)

func TestCRM(t *testing.T) {
	p := xkitdtest.Start(t, xkitdtest.Options{})
	tok := p.UserToken(t, "u1")
	b := xkitdtest.NewBrowser(t, p.URL, p.Client().Transport)
	b.Login(t, tok)
	base := p.URL + api + "/connection/" + b.Connect(t, tok, "salesforce", "")["id"].(string)
	c := p.Client()

	r := call(t, c, "POST", base+"/crm_setup", tok, map[string]any{"mapping": []any{}})
	assert.Equal(t, 200, r.Status, r.Raw)
	r = call(t, c, "GET", base+"/api_objects", tok, nil)
	assert.Equal(t, []any{}, r.Body["api_objects"])
	assert.Equal(t, 404, call(t, c, "GET", base+"/api_objects/contact", tok, nil).Status)

	r = call(t, c, "GET", base+"/crm_mapping", tok, nil)
	assert.Equal(t, map[string]any{"objects": []any{}, "mapping": []any{}}, r.Body)
	saved := map[string]any{"objects": []any{map[string]any{"slug": "contact"}}, "mapping": []any{map[string]any{"from": "a", "to": "b"}}}
	r = call(t, c, "POST", base+"/crm_mapping", tok, saved)
	require.Equal(t, 200, r.Status, r.Raw)
	r = call(t, c, "GET", base+"/crm_mapping", tok, nil)
	assert.Equal(t, saved, r.Body)

	before := counts(t, p.DBPath)
	assert.Equal(t, 400, call(t, c, "POST", base+"/crm_mapping", tok, map[string]any{"objects": []any{}}).Status)
	assert.Equal(t, 404, call(t, c, "GET", p.URL+api+"/connection/nope/crm_mapping", tok, nil).Status)
	assert.Equal(t, 404, call(t, c, "GET", base+"/crm_mapping", p.UserToken(t, "u2"), nil).Status)
	assert.Equal(t, before["crm_mappings"], counts(t, p.DBPath)["crm_mappings"])
}
