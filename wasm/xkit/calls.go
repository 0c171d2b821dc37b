package xkit

import (
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Query names one connection: by its id, or by its connector's slug
// (the user's only connection of that connector). Exactly one is set.
type Query struct{ ID, Slug string }

func (q Query) path() string {
	if q.ID != "" {
		return "/connection/" + escape(q.ID)
	}
	return "/connections/" + escape(q.Slug)
}

// get is an op reading one member of a GET answer.
func (c *Client) get(path, name string) op {
	return func(ctx cancel.Context, token string) (jsonv.Value, error) {
		return c.field(ctx, token, call{path: path}, name)
	}
}

// GetPlatform is the platform object; it falls back to the public read.
func (c *Client) GetPlatform(ctx cancel.Context) (jsonv.Value, error) {
	get := c.get("/platform", "platform")
	return c.authed(ctx, get, get)
}

// ListConnectors lists the connectors, with the user's connections when
// logged in; else the public list.
func (c *Client) ListConnectors(ctx cancel.Context) (jsonv.Value, error) {
	return c.authed(ctx, c.get("/connectors", "connectors"), c.get("/platform/connectors", "connectors"))
}

// GetConnector reads one connector, public when logged out.
func (c *Client) GetConnector(ctx cancel.Context, slug string) (jsonv.Value, error) {
	if err := required("slug", slug, whatSlug); err != nil {
		return jsonv.Value{}, err
	}
	return c.authed(ctx, c.get("/connectors/"+escape(slug), "connector"),
		c.get("/platform/connectors/"+escape(slug), "connector"))
}

// ListConnections lists the user's connections, of one connector when slug
// is not "".
func (c *Client) ListConnections(ctx cancel.Context, slug string) (jsonv.Value, error) {
	path := "/connections"
	if slug != "" {
		path += "?slug=" + escape(slug)
	}
	return c.authed(ctx, c.get(path, "connections"), nil)
}

// GetConnection reads one of the user's connections.
func (c *Client) GetConnection(ctx cancel.Context, q Query) (jsonv.Value, error) {
	if err := checkQuery(q); err != nil {
		return jsonv.Value{}, err
	}
	return c.authed(ctx, c.get(q.path(), "connection"), nil)
}

// GetConnectionOrConnector is the user's connection of a connector, or
// {"connector": ...} (a ConnectionShell) when there is none or when logged
// out.
func (c *Client) GetConnectionOrConnector(ctx cancel.Context, slug string) (jsonv.Value, error) {
	if err := required("slug", slug, whatSlug); err != nil {
		return jsonv.Value{}, err
	}
	shell := func(get op) op {
		return func(ctx cancel.Context, token string) (jsonv.Value, error) {
			v, err := get(ctx, token)
			if err != nil {
				return jsonv.Value{}, err
			}
			return jsonv.Object(jsonv.Member{Key: "connector", Value: v}), nil
		}
	}
	connector := shell(c.get("/connectors/"+escape(slug), "connector"))
	connection := c.get("/connections/"+escape(slug), "connection")
	return c.authed(ctx, func(ctx cancel.Context, token string) (jsonv.Value, error) {
		v, err := connection(ctx, token)
		if statusCode(err) == 404 {
			return connector(ctx, token)
		}
		return v, err
	}, shell(c.get("/platform/connectors/"+escape(slug), "connector")))
}

// GetConnectionToken is the connection's access token as a JSON string when
// the connection is enabled and has one, else JSON null (also when there is
// no such connection).
func (c *Client) GetConnectionToken(ctx cancel.Context, q Query) (jsonv.Value, error) {
	if err := checkQuery(q); err != nil {
		return jsonv.Value{}, err
	}
	null := jsonv.Raw("null")
	get := c.get(q.path(), "connection")
	return c.authed(ctx, func(ctx cancel.Context, token string) (jsonv.Value, error) {
		conn, err := get(ctx, token)
		if statusCode(err) == 404 {
			return null, nil
		}
		if err != nil {
			return jsonv.Value{}, err
		}
		at := conn.Get("authorization", "access_token")
		if !truthy(conn.Get("enabled")) || !at.Exists() || at.IsNull() {
			return null, nil
		}
		return at, nil
	}, nil)
}

// RemoveConnection deletes a connection and emits connection:disable (its
// connector slug) then connection:remove (the removed connection).
func (c *Client) RemoveConnection(ctx cancel.Context, q Query) error {
	if err := checkQuery(q); err != nil {
		return err
	}
	_, err := c.authed(ctx, func(ctx cancel.Context, token string) (jsonv.Value, error) {
		conn, err := c.field(ctx, token, call{method: "DELETE", path: q.path()}, "connection")
		if err == nil {
			c.emit("connection:disable", conn.Get("connector", "slug"))
			c.emit("connection:remove", conn)
		}
		return conn, err
	}, nil)
	return err
}

// Disconnect removes the user's connection of a connector.
func (c *Client) Disconnect(ctx cancel.Context, slug string) error {
	if err := required("slug", slug, whatSlug); err != nil {
		return err
	}
	return c.RemoveConnection(ctx, Query{Slug: slug})
}

// SetAuthorizationFields saves the fields a user typed for an authorization
// (an API key, say): PUT /authorizations/{prototypeSlug} with
// {"state": state, ...params}. params is an object, or missing/null.
func (c *Client) SetAuthorizationFields(ctx cancel.Context, prototypeSlug, state string, params jsonv.Value) (jsonv.Value, error) {
	if err := required("prototypeSlug", prototypeSlug, whatPrototype); err != nil {
		return jsonv.Value{}, err
	}
	if k := params.Kind(); k != jsonv.KindObject && k != jsonv.KindMissing && k != jsonv.KindNull {
		return jsonv.Value{}, &ArgError{Arg: "params", Message: `params must be an object of field values such as {api_key: "..."}`}
	}
	// Like the object spread in xkit.js: a "state" in params replaces the
	// first member in place.
	members := []jsonv.Member{{Key: "state", Value: jsonv.String(state)}}
	for _, m := range params.Members() {
		replaced := false
		for i := range members {
			if members[i].Key == m.Key {
				members[i].Value, replaced = m.Value, true
			}
		}
		if !replaced {
			members = append(members, m)
		}
	}
	k := call{method: "PUT", path: "/authorizations/" + escape(prototypeSlug), body: jsonv.Object(members...)}
	return c.authed(ctx, func(ctx cancel.Context, token string) (jsonv.Value, error) {
		return c.field(ctx, token, k, "authorization")
	}, nil)
}

// whole is an op returning a call's whole answer.
func (c *Client) whole(k call) op {
	return func(ctx cancel.Context, token string) (jsonv.Value, error) { return c.send(ctx, token, k) }
}

// ListCRMObjects asks the connection's CRM for its objects (POST crm_setup
// with mapping as the body). A 400 answer is a result, as in xkit.js.
func (c *Client) ListCRMObjects(ctx cancel.Context, connectionID string, mapping jsonv.Value) (jsonv.Value, error) {
	if err := required("connection", connectionID, whatConnection); err != nil {
		return jsonv.Value{}, err
	}
	k := call{method: "POST", path: "/connection/" + escape(connectionID) + "/crm_setup", body: mapping, allow400: true}
	return c.authed(ctx, c.whole(k), nil)
}

// ListAPIObjects lists the connection's API objects.
func (c *Client) ListAPIObjects(ctx cancel.Context, connectionID string) (jsonv.Value, error) {
	if err := required("connection", connectionID, whatConnection); err != nil {
		return jsonv.Value{}, err
	}
	return c.authed(ctx, c.get("/connection/"+escape(connectionID)+"/api_objects", "api_objects"), nil)
}

// GetAPIObject reads one of the connection's API objects.
func (c *Client) GetAPIObject(ctx cancel.Context, connectionID, slug string) (jsonv.Value, error) {
	if err := required("connection", connectionID, whatConnection); err != nil {
		return jsonv.Value{}, err
	}
	if err := required("slug", slug, whatAPIObject); err != nil {
		return jsonv.Value{}, err
	}
	path := "/connection/" + escape(connectionID) + "/api_objects/" + escape(slug)
	return c.authed(ctx, c.get(path, "api_object"), nil)
}

// GetMapping reads the connection's CRM mapping: the whole answer.
func (c *Client) GetMapping(ctx cancel.Context, connectionID string) (jsonv.Value, error) {
	if err := required("connection", connectionID, whatConnection); err != nil {
		return jsonv.Value{}, err
	}
	return c.authed(ctx, c.whole(call{path: "/connection/" + escape(connectionID) + "/crm_mapping"}), nil)
}

// SaveMapping saves the connection's CRM mapping: {"objects", "mapping"}.
func (c *Client) SaveMapping(ctx cancel.Context, connectionID string, objects, mapping jsonv.Value) error {
	if err := required("connection", connectionID, whatConnection); err != nil {
		return err
	}
	body := jsonv.Object(jsonv.Member{Key: "objects", Value: objects}, jsonv.Member{Key: "mapping", Value: mapping})
	_, err := c.authed(ctx, c.whole(call{method: "POST", path: "/connection/" + escape(connectionID) + "/crm_mapping", body: body}), nil)
	return err
}
