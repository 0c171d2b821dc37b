package model

import "github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"

// Title is the catalog's heading (and document.title unless hidden): the
// title option, else "{platform name} Integrations", else Loading while
// the platform is not known (p nil).
func Title(m *i18n.Messages, option string, p *Platform) string {
	switch {
	case option != "":
		return option
	case p != nil:
		return m.T(i18n.Title, "platform", p.Name)
	}
	return m.T(i18n.Loading)
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
func IndexFooter(m *i18n.Messages, p Platform, hideTitle bool) Footer {
	f := Footer{ShowBranding: !p.RemoveBranding}
	if p.Website != "" && !hideTitle {
		f.ShowBack, f.BackText, f.BackHref = true, m.T(i18n.BackTo, "platform", p.Name), p.Website
	}
	return f
}

// DetailFooter: "Back to Catalog", and branding unless removed (p nil:
// the platform is not known yet, or failed to load).
func DetailFooter(m *i18n.Messages, p *Platform) Footer {
	return Footer{ShowBack: true, BackText: m.T(i18n.BackToCatalog), ShowBranding: p != nil && !p.RemoveBranding}
}

// Intent is a toast's kind.
type Intent string

// Toast intents.
const (
	Success Intent = "success"
	Danger  Intent = "danger"
)

// Toast is a short message over the catalog.
type Toast struct {
	Intent Intent
	Text   string
}

// Installed is the toast after a connection to the connector name was
// added (Install or Add Connection).
func Installed(m *i18n.Messages, name string) Toast {
	return Toast{Success, m.T(i18n.ToastInstalled, "name", name)}
}

// Removed is the toast after a connection was removed.
func Removed(m *i18n.Messages, name string) Toast {
	return Toast{Success, m.T(i18n.ToastRemoved, "name", name)}
}

// Reconnected is the toast after a broken connection was repaired.
func Reconnected(m *i18n.Messages, name string) Toast {
	return Toast{Success, m.T(i18n.ToastReconnected, "name", name)}
}

// Failed is a toast that tells of a failure: what failed (one of the
// i18n Load…Failed, SaveSettingsFailed keys; {name} is filled with name),
// and why.
func Failed(m *i18n.Messages, what i18n.Key, name, reason string) Toast {
	return Toast{Danger, m.T(what, "name", name, "reason", reason)}
}

// ActionFailed is the toast when install or reconnect fails (see
// FriendlyError).
func ActionFailed(m *i18n.Messages, errorCode, code, message, detail string) Toast {
	return Toast{Danger, FriendlyError(m, errorCode, code, message, detail)}
}
