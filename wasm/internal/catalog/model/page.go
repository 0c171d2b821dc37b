package model

import "github.com/xkit-wasm/xkit/wasm/xkit"

// Action is something a user can do on a connector page; the value is
// the button's text.
type Action string

// The connector page's actions.
const (
	Install       Action = "Install"        // no connection yet
	AddConnection Action = "Add Connection" // multi-connection connectors
	Remove        Action = "Remove"
	Configure     Action = "Configure" // single connection with settings
	Reconnect     Action = "Reconnect"
	Settings      Action = "Settings" // a table row's settings
)

// MenuLabel is the action's text in a table row's menu ("Remove...").
func (a Action) MenuLabel() string { return string(a) + "..." }

// Alert is the warning over a single connection that needs repair; its
// button is Reconnect.
type Alert struct{ Title, Text string }

// Row is one connection in a multi-connection table.
type Row struct {
	Connection Connection
	Name       string
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
	Tabs     []string
	Rows     []Row
	Sections []Section
}

// Tab names.
const (
	TabConnections = "Connections"
	TabAbout       = "About"
)

// NewPage lays out a connector page. hasSettings says whether the page's
// settings callback gave fields for a connection (nil: none do).
//
// The rules are the original's: no connection → Install; a connector
// with multiple connections (supported, or more than one exists) → Add
// Connection and a table; one connection → Remove, Configure when it has
// settings, and a "Connection error" alert when it is broken.
func NewPage(c Connector, hasSettings func(Connection) bool) Page {
	if hasSettings == nil {
		hasSettings = func(Connection) bool { return false }
	}
	conns := c.Installed()
	multi := c.SupportsMultipleConnections || len(conns) > 1
	p := Page{Connector: c, Title: c.Name, Subtitle: c.ShortDescription, Sections: c.Sections()}
	switch {
	case len(conns) == 0:
		p.Actions = []Action{Install}
	case multi:
		p.Actions = []Action{AddConnection}
		p.Tabs = []string{TabConnections, TabAbout}
		for _, conn := range conns {
			p.Rows = append(p.Rows, row(c, conn, hasSettings(conn)))
		}
	default:
		conn := conns[0]
		p.Target = &conn
		p.Actions = []Action{Remove}
		if hasSettings(conn) {
			p.Actions = append(p.Actions, Configure)
		}
		if conn.Status == xkit.StatusError {
			p.Alert = &Alert{Title: "Connection error", Text: "Your connection to " + c.Name +
				" is inactive. Reconnect to continue using this integration."}
		}
	}
	if !multi {
		p.Badge, p.ShowBadge = BadgeFor(conns)
	}
	return p
}

func row(c Connector, conn Connection, settings bool) Row {
	r := Row{Connection: conn, Name: conn.Name(c.Slug)}
	r.Badge, _ = BadgeFor([]Connection{conn})
	if settings {
		r.Actions = append(r.Actions, Settings)
	}
	if conn.Status == xkit.StatusError {
		r.Actions = append(r.Actions, Reconnect)
	}
	r.Actions = append(r.Actions, Remove)
	return r
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
func (c *Connector) Sections() []Section {
	if c.Description == "" {
		if c.About == "" {
			return nil
		}
		return []Section{{Markdown: c.About, Large: true}}
	}
	s := []Section{{Markdown: c.Description, Large: true}}
	if c.About != "" {
		s = append(s, Section{Heading: "About " + c.Name, Markdown: c.About})
	}
	return s
}

// SettingsHeader is the settings page's title and subtitle; the subtitle
// names the connection for multi-connection connectors.
func SettingsHeader(c Connector, conn Connection) (title, subtitle string) {
	name := c.Name
	if c.SupportsMultipleConnections {
		name = conn.Name(c.Slug)
	}
	return "Settings", "Configure settings for " + name
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
