package model

// Fixed texts of the catalog.
const (
	SearchPlaceholder = "Search integrations..."
	NoResults         = "No Integrations Found"
	BackToCatalog     = "Back to Catalog"
	PoweredBy         = "powered by"
	Loading           = "Loading..."
	SaveLabel         = "Save"
	CancelLabel       = "Cancel"
	TryAgain          = "Try again"
	TableName         = "Name"
	TableStatus       = "Status"
)

// Title is the catalog's heading (and document.title unless hidden): the
// title option, else "{platform name} Integrations", else Loading while
// the platform is not known (p nil).
func Title(option string, p *Platform) string {
	switch {
	case option != "":
		return option
	case p != nil:
		return p.Name + " Integrations"
	}
	return Loading
}

// Footer is the line under a screen: a back link on the left, the
// "powered by" mark on the right.
type Footer struct {
	BackText, BackHref string // BackHref "" with BackText set: the catalog's index
	ShowBack           bool
	ShowBranding       bool
}

// Visible reports whether the footer has anything to show.
func (f Footer) Visible() bool { return f.ShowBack || f.ShowBranding }

// IndexFooter: "Back to {platform}" linking to its website (when it has
// one and the title is shown), and branding unless removed.
func IndexFooter(p Platform, hideTitle bool) Footer {
	f := Footer{ShowBranding: !p.RemoveBranding}
	if p.Website != "" && !hideTitle {
		f.ShowBack, f.BackText, f.BackHref = true, "Back to "+p.Name, p.Website
	}
	return f
}

// DetailFooter: "Back to Catalog" and branding unless removed.
func DetailFooter(p Platform) Footer {
	return Footer{ShowBack: true, BackText: BackToCatalog, ShowBranding: !p.RemoveBranding}
}

// Intent is a toast's kind.
type Intent string

// Toast intents.
const (
	Success Intent = "success"
	Danger  Intent = "danger"
)

// Toast is a short message at the top of the page.
type Toast struct {
	Intent Intent
	Text   string
}

// Installed is the toast after a connection to the connector name was
// added (Install or Add Connection).
func Installed(name string) Toast { return Toast{Success, "Installed " + name} }

// Removed is the toast after a connection was removed.
func Removed(name string) Toast { return Toast{Success, "Removed " + name} }

// Reconnected is the toast after a broken connection was repaired.
func Reconnected(name string) Toast { return Toast{Success, "Reconnected to " + name} }

// What failed to load, for LoadFailed.
const (
	WhatPlatform   = "platform"
	WhatConnectors = "connectors"
	WhatConnector  = "connector"
	WhatSettings   = "settings"
)

// LoadFailed is "Error while loading {what}: {message}".
func LoadFailed(what, message string) Toast {
	return Toast{Danger, "Error while loading " + what + ": " + message}
}

// SaveFailed is the toast when the settings callback throws on save.
func SaveFailed(message string) Toast {
	return Toast{Danger, "Error while saving settings: " + message}
}

// ActionFailed is the toast when install, reconnect or remove fails.
func ActionFailed(code, message string) Toast { return Toast{Danger, FriendlyError(code, message)} }
