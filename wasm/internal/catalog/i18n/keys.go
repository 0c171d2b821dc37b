package i18n

// Key names one message of the catalog. Every Key has a name in keyNames,
// and every message file gives every name (TestEveryKeyInEveryLanguage).
type Key uint8

// The catalog's messages. {name} in a message is a placeholder (see
// Messages.T); the counted ones (Messages.N) have a form per plural
// category and a {count}.
const (
	Title Key = iota // the heading and document.title
	Loading
	SearchPlaceholder
	SearchLabel
	ListLabel
	ListCount // counted: the search's result, for screen readers
	NoResults
	NoConnectors
	LogoAlt

	BadgeInstalled
	BadgeInstalledTip
	BadgeDisconnected
	BadgeDisconnectedTip
	BadgeCount // counted
	BadgeCountTip
	BadgeCountBrokenTip

	Install
	AddConnection
	Remove
	RemoveMenu
	Configure
	Reconnect
	Settings
	RowSettings
	RowReconnect
	RowRemove

	TabConnections
	TabAbout
	AboutHeading
	TableLabel
	TableName
	TableStatus
	TableActions
	ConnectionAdded
	ConnectionUnnamed
	ConnectionID

	AlertTitle
	AlertText
	ConfirmTitle
	ConfirmText

	SettingsSubtitle
	SelectOne
	Save
	Cancel

	ToastInstalled
	ToastRemoved
	ToastReconnected
	Dismiss

	BackTo
	BackToCatalog
	PoweredBy

	TryAgain
	LoadPlatformFailed
	LoadConnectorsFailed
	LoadConnectorFailed
	LoadSettingsFailed
	SaveSettingsFailed
	RemoveFailed
	ReasonNetwork
	ReasonNotFound
	ReasonSignedOut
	ReasonStatus

	ConnectFailed
	ConnectFailedDetail
	ConnectPopupBlocked
	ConnectCancelled
	ConnectDenied
	ConnectAccessDenied
	ConnectProviderError
	ConnectNetwork
	ConnectTimeout
	ConnectAborted
	ConnectUnauthorized
	ConnectBusy
	ConnectInternal

	keyCount
)

// keyNames are the keys' names in the message files.
var keyNames = [keyCount]string{
	Title:             "title",
	Loading:           "loading",
	SearchPlaceholder: "search.placeholder",
	SearchLabel:       "search.label",
	ListLabel:         "list.label",
	ListCount:         "list.count",
	NoResults:         "list.noResults",
	NoConnectors:      "list.empty",
	LogoAlt:           "logo.alt",

	BadgeInstalled:       "badge.installed",
	BadgeInstalledTip:    "badge.installed.tip",
	BadgeDisconnected:    "badge.disconnected",
	BadgeDisconnectedTip: "badge.disconnected.tip",
	BadgeCount:           "badge.count",
	BadgeCountTip:        "badge.count.tip",
	BadgeCountBrokenTip:  "badge.countBroken.tip",

	Install:       "action.install",
	AddConnection: "action.addConnection",
	Remove:        "action.remove",
	RemoveMenu:    "action.removeMenu",
	Configure:     "action.configure",
	Reconnect:     "action.reconnect",
	Settings:      "action.settings",
	RowSettings:   "row.settings",
	RowReconnect:  "row.reconnect",
	RowRemove:     "row.remove",

	TabConnections:    "tab.connections",
	TabAbout:          "tab.about",
	AboutHeading:      "about.heading",
	TableLabel:        "table.label",
	TableName:         "table.name",
	TableStatus:       "table.status",
	TableActions:      "table.actions",
	ConnectionAdded:   "connection.added",
	ConnectionUnnamed: "connection.unnamed",
	ConnectionID:      "connection.id",

	AlertTitle:   "alert.title",
	AlertText:    "alert.text",
	ConfirmTitle: "confirm.title",
	ConfirmText:  "confirm.text",

	SettingsSubtitle: "settings.subtitle",
	SelectOne:        "settings.selectOne",
	Save:             "settings.save",
	Cancel:           "cancel",

	ToastInstalled:   "toast.installed",
	ToastRemoved:     "toast.removed",
	ToastReconnected: "toast.reconnected",
	Dismiss:          "toast.dismiss",

	BackTo:        "footer.backTo",
	BackToCatalog: "footer.backToCatalog",
	PoweredBy:     "footer.poweredBy",

	TryAgain:             "error.tryAgain",
	LoadPlatformFailed:   "error.loadPlatform",
	LoadConnectorsFailed: "error.loadConnectors",
	LoadConnectorFailed:  "error.loadConnector",
	LoadSettingsFailed:   "error.loadSettings",
	SaveSettingsFailed:   "error.saveSettings",
	RemoveFailed:         "error.remove",
	ReasonNetwork:        "reason.network",
	ReasonNotFound:       "reason.notFound",
	ReasonSignedOut:      "reason.signedOut",
	ReasonStatus:         "reason.status",

	ConnectFailed:        "connect.failed",
	ConnectFailedDetail:  "connect.failedDetail",
	ConnectPopupBlocked:  "connect.popupBlocked",
	ConnectCancelled:     "connect.cancelled",
	ConnectDenied:        "connect.denied",
	ConnectAccessDenied:  "connect.accessDenied",
	ConnectProviderError: "connect.providerError",
	ConnectNetwork:       "connect.network",
	ConnectTimeout:       "connect.timeout",
	ConnectAborted:       "connect.aborted",
	ConnectUnauthorized:  "connect.unauthorized",
	ConnectBusy:          "connect.busy",
	ConnectInternal:      "connect.internal",
}
