// Package headless says how the browser suite and the bench start
// Chromium: headless, the flags the project's guide names, a fresh profile,
// and certificate errors ignored (xkitd -tls and httptest make their own).
package headless

import "github.com/chromedp/chromedp"

// Options are the allocator options for the Chromium at path with its
// profile in the (fresh) folder profile; more options follow them.
func Options(path, profile string, more ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	return append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.Flag("ignore-certificate-errors", true),
	}, more...)
}
