package model_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/model"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// conn builds a connection as the platform sends it: status "" means no
// authorization; enabled false is a removed connection.
func conn(id string, enabled bool, status string) string {
	auth := ""
	if status != "" {
		auth = `,"authorization":{"id":"a-` + id + `","status":"` + status + `"}`
	}
	e := "false"
	if enabled {
		e = "true"
	}
	return `{"id":"` + id + `","enabled":` + e + auth + `}`
}

// connector builds a connector with the given connections in
// "connections" (multi) or "connection" (single, at most one).
func connector(t *testing.T, name string, multi bool, conns ...string) model.Connector {
	t.Helper()
	slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
	s := `{"name":"` + name + `","slug":"` + slug + `","short_description":"Connect ` + name + `"`
	if multi {
		s += `,"supports_multiple_connections":true,"connections":[` + strings.Join(conns, ",") + `]`
	} else if len(conns) > 0 {
		s += `,"connection":` + conns[0]
	}
	v, err := jsonv.Parse(s + "}")
	require.NoError(t, err)
	return model.ConnectorFrom(v)
}

func names(cs []model.Connector) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}
