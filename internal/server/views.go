package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/xkit-wasm/xkit/internal/markurl"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// The JSON objects of spec section 3.

type connectorJSON struct {
	Name                        string            `json:"name"`
	Slug                        string            `json:"slug"`
	ShortDescription            string            `json:"short_description"`
	MarkURL                     string            `json:"mark_url"`
	About                       string            `json:"about,omitempty"`
	Description                 string            `json:"description,omitempty"`
	SupportsMultipleConnections bool              `json:"supports_multiple_connections"`
	Connection                  *connectionJSON   `json:"connection,omitempty"`
	Connections                 *[]connectionJSON `json:"connections,omitempty"`
}

type connectionJSON struct {
	ID            string             `json:"id"`
	Enabled       bool               `json:"enabled"`
	CreatedAt     string             `json:"created_at,omitempty"` // ours: lets a catalog tell a user's connections apart
	Connector     *connectorJSON     `json:"connector"`
	Authorization *authorizationJSON `json:"authorization,omitempty"`
}

type authorizationJSON struct {
	ID           string         `json:"id"`
	Status       string         `json:"status"`
	Authorizer   authorizerJSON `json:"authorizer"`
	AuthorizeURL string         `json:"authorize_url,omitempty"`
	State        string         `json:"state,omitempty"`
	ErrorCode    string         `json:"error_code,omitempty"`
	ErrorMessage string         `json:"error_message,omitempty"`
	DisplayLabel string         `json:"display_label,omitempty"`
	AccessToken  string         `json:"access_token,omitempty"`
}

type authorizerJSON struct {
	ClientID  string        `json:"client_id"`
	Prototype prototypeJSON `json:"prototype"`
}

type prototypeJSON struct {
	Name                string                  `json:"name"`
	Slug                string                  `json:"slug"`
	CollectFields       []platform.CollectField `json:"collect_fields,omitempty"`
	CollectInstructions string                  `json:"collect_instructions,omitempty"`
	CollectSave         string                  `json:"collect_save,omitempty"`
}

// views renders objects for one request (URLs use the request's origin).
type views struct {
	origin string
	id     identity
	demo   bool
}

func (s *Server) views(r *http.Request) views {
	return views{origin: s.ownOrigin(r), id: s.id, demo: s.demo != nil}
}

// platform is GET /platform's object. Its status_socket (ours, additive:
// xkit.js ignores it) tells our SDK whether to open the status socket or
// only poll.
func (v views) platform() platform.Platform {
	p := platform.Platform{Name: v.id.name, Slug: v.id.slug, Website: v.id.website,
		LoginRedirectURL: v.id.loginRedirect, StatusSocket: hasStatusSocket}
	if p.LoginRedirectURL == "" && !v.demo {
		p.LoginRedirectURL = p.Website
	}
	if p.Website == "" {
		p.Website = v.origin
	}
	if p.LoginRedirectURL == "" {
		p.LoginRedirectURL = v.origin + "/" // the demo page on a demo platform
	}
	return p
}

func (v views) connector(c *platform.Connector) *connectorJSON {
	mark := c.MarkURL
	if strings.HasPrefix(mark, "/") {
		mark = v.origin + mark
	}
	if !markurl.Allowed(mark) { // none, or a bad row stored before seeds were checked
		mark = v.origin + "/logos/" + c.Slug + ".svg"
	}
	return &connectorJSON{
		Name:                        c.Name,
		Slug:                        c.Slug,
		ShortDescription:            c.ShortDescription,
		MarkURL:                     mark,
		About:                       c.About,
		Description:                 c.Description,
		SupportsMultipleConnections: c.SupportsMultipleConnections,
	}
}

// connectorFor adds the user's connections to a connector: connection is
// the newest enabled one; multi-connection connectors also list them all.
func (v views) connectorFor(c *platform.Connector, conns []*platform.Connection) *connectorJSON {
	j := v.connector(c)
	var mine []connectionJSON
	for _, conn := range conns {
		if conn.ConnectorSlug == c.Slug {
			mine = append(mine, *v.connection(conn, c))
		}
	}
	if len(mine) > 0 {
		newest := mine[len(mine)-1]
		j.Connection = &newest
	}
	if c.SupportsMultipleConnections {
		if mine == nil {
			mine = []connectionJSON{}
		}
		j.Connections = &mine
	}
	return j
}

func (v views) connection(conn *platform.Connection, c *platform.Connector) *connectionJSON {
	j := &connectionJSON{ID: conn.ID, Enabled: conn.Enabled, Connector: v.connector(c)}
	if !conn.CreatedAt.IsZero() {
		j.CreatedAt = conn.CreatedAt.UTC().Format(time.RFC3339)
	}
	if conn.Authorization != nil {
		j.Authorization = v.authorization(conn.Authorization, c)
	}
	return j
}

func (v views) authorization(a *platform.Authorization, c *platform.Connector) *authorizationJSON {
	j := &authorizationJSON{
		ID:     a.ID,
		Status: string(a.Status),
		Authorizer: authorizerJSON{
			ClientID: clientID(c),
			Prototype: prototypeJSON{
				Name: c.Name,
				// The prototype slug is the connector slug: the SDK puts it in
				// /authorizations/{slug}/loading and PUT /authorizations/{slug}.
				Slug:                c.Slug,
				CollectFields:       c.CollectFields,
				CollectInstructions: c.CollectInstructions,
			},
		},
		ErrorCode:    a.ErrorCode,
		ErrorMessage: a.ErrorMessage,
		DisplayLabel: a.DisplayLabel,
	}
	if c.Auth == platform.AuthAPIKey {
		j.Authorizer.Prototype.CollectSave = "Save"
	}
	switch a.Status {
	case platform.StatusAwaitingCallback:
		j.AuthorizeURL, j.State = a.AuthorizeURL, a.State
	case platform.StatusActive:
		j.AccessToken = a.AccessToken
	}
	return j
}
