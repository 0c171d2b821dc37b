package model

import (
	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// Action is something a user can do on a connector page; its button
// says the message of the same key.
type Action i18n.Key

// The connector page's actions.
const (
	Install       = Action(i18n.Install)       // no connection yet
	AddConnection = Action(i18n.AddConnection) // multi-connection connectors
	Remove        = Action(i18n.Remove)
	Configure     = Action(i18n.Configure) // single connection with settings
	Reconnect     = Action(i18n.Reconnect)
	Settings      = Action(i18n.Settings) // a table row's settings
)

// Label is the action's button text.
func (a Action) Label(m *i18n.Messages) string { return m.T(i18n.Key(a)) }

// MenuLabel is the text of the action's button in a table row: "Remove…"
// (it asks first), else the label.
func (a Action) MenuLabel(m *i18n.Messages) string {
	if a == Remove {
		return m.T(i18n.RemoveMenu)
	}
	return a.Label(m)
}

// RowLabel names the action on one connection of several, for screen
// readers ("Reconnect Demo user").
func (a Action) RowLabel(m *i18n.Messages, conn string) string {
	k := i18n.RowRemove
	switch a {
	case Settings, Configure:
		k = i18n.RowSettings
	case Reconnect:
		k = i18n.RowReconnect
	}
	return m.T(k, "name", conn)
}

// Alert is the warning over a single connection that needs repair; its
// button is Reconnect.
type Alert struct{ Title, Text string }

// Row is one connection in a multi-connection table.
type Row struct {
	Connection Connection
	Name       string
	Details    []string // under the name: when it was added, its id when needed to tell it apart
	Badge      Badge
	Actions    []Action // Settings (when it has some), Reconnect (when broken), Remove
}

// Page is a connector page: a header with the connector's mark, name and
// short description, buttons, and either its description or a table of
// connections.
type Page struct {
	Connector Connector
	Title     string // the connector's name
	Subtitle  string // its short description

	// Header buttons, in order. They act on Target when there is one (a
	// single-connection connector), else they add a connection.
	Actions []Action
	Target  *Connection

	Badge     Badge // shown next to the title when ShowBadge
	ShowBadge bool
	Alert     *Alert // "Connection error" with Reconnect, on Target

	// Multi-connection connectors with connections get two tabs,
	// "Connections" (the Rows) first, and "About" (the Sections).
	Tabs       []string
	TableLabel string
	Rows       []Row
	Sections   []Section
}

// NewPage lays out a connector page in m's words. hasSettings says
// whether the page's settings callback gave fields for a connection (nil:
// none do).
//
// The rules are the original's: no connection → Install; a connector
// with multiple connections (supported, or more than one exists) → Add
// Connection and a table; one connection → Remove, Configure when it has
// settings, and a "Connection error" alert when it is broken.
func NewPage(m *i18n.Messages, c Connector, hasSettings func(Connection) bool) Page {
	if hasSettings == nil {
		hasSettings = func(Connection) bool { return false }
	}
	conns := c.Installed()
	multi := c.SupportsMultipleConnections || len(conns) > 1
	p := Page{Connector: c, Title: c.Name, Subtitle: c.ShortDescription, Sections: c.Sections(m)}
	switch {
	case len(conns) == 0:
		p.Actions = []Action{Install}
	case multi:
		p.Actions = []Action{AddConnection}
		p.Tabs = []string{m.T(i18n.TabConnections), m.T(i18n.TabAbout)}
		p.TableLabel = m.T(i18n.TableLabel, "name", c.Name)
		p.Rows = rows(m, conns, hasSettings)
	default:
		conn := conns[0]
		p.Target = &conn
		p.Actions = []Action{Remove}
		if hasSettings(conn) {
			p.Actions = append(p.Actions, Configure)
		}
		if conn.Status == xkit.StatusError {
			p.Alert = &Alert{Title: m.T(i18n.AlertTitle), Text: m.T(i18n.AlertText, "name", c.Name)}
		}
	}
	if !multi {
		p.Badge, p.ShowBadge = BadgeFor(m, conns)
	}
	return p
}

// rows are the table's rows. A row is named by the provider's account
// label and says when the connection was added; rows that would still
// read the same (one account connected twice in a minute, or a platform
// that gives neither) also show the start of their id.
func rows(m *i18n.Messages, conns []Connection, hasSettings func(Connection) bool) []Row {
	out := make([]Row, len(conns))
	reads := make([]string, len(conns)) // what tells a row apart, before any id
	for i, conn := range conns {
		r := Row{Connection: conn, Name: conn.Name(m)}
		reads[i] = r.Name
		if d := m.FormatDate(conn.Created); d != "" {
			r.Details = []string{m.T(i18n.ConnectionAdded, "date", d)}
			reads[i] += "\x00" + d
		}
		r.Badge, _ = BadgeFor(m, []Connection{conn})
		if hasSettings(conn) {
			r.Actions = append(r.Actions, Settings)
		}
		if conn.Status == xkit.StatusError {
			r.Actions = append(r.Actions, Reconnect)
		}
		r.Actions = append(r.Actions, Remove)
		out[i] = r
	}
	for i := range out {
		for j := range out {
			if c := &out[i].Connection; i != j && c.Label != "" && reads[i] == reads[j] {
				out[i].Details = append(out[i].Details, m.T(i18n.ConnectionID, "id", c.ShortID()))
				break
			}
		}
	}
	return out
}

// Section is a block of the connector's text: an optional heading, then
// markdown. Large is the bigger type the original used for the first one.
type Section struct {
	Heading  string
	Markdown string
	Large    bool
}

// Sections is the connector's description then "About {name}" with its
// about text; with no description, the about text alone, large.
func (c *Connector) Sections(m *i18n.Messages) []Section {
	if c.Description == "" {
		if c.About == "" {
			return nil
		}
		return []Section{{Markdown: c.About, Large: true}}
	}
	s := []Section{{Markdown: c.Description, Large: true}}
	if c.About != "" {
		s = append(s, Section{Heading: m.T(i18n.AboutHeading, "name", c.Name), Markdown: c.About})
	}
	return s
}

// SettingsHeader is the settings page's title and subtitle; the subtitle
// names the connection for multi-connection connectors.
func SettingsHeader(m *i18n.Messages, c Connector, conn Connection) (title, subtitle string) {
	name := c.Name
	if c.SupportsMultipleConnections {
		name = conn.Name(m)
	}
	return m.T(i18n.Settings), m.T(i18n.SettingsSubtitle, "name", name)
}

// FindConnection finds an installed connection by id, for the settings
// page's route; ok false sends the user back to the connector page.
func (c *Connector) FindConnection(id string) (Connection, bool) {
	for _, conn := range c.Installed() {
		if conn.ID == id {
			return conn, true
		}
	}
	return Connection{}, false
}
