package markdown

// ParseCounting is Parse, also saying how many steps of work it took.
var ParseCounting = parse
