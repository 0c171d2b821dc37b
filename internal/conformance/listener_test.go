package conformance

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 12, smaller item: the popup's loading page followed {location}
// messages from any window of its opener's origin (it checked the origin,
// not the source). A frame of the host's origin (an ad, a widget, another
// tab of the same site) could send the authorization window anywhere. Now
// only the window that opened it steers it.
//
// In Chromium: the host page opens the loading page as a popup; a
// same-origin frame of the host page posts {location: A}, then the opener
// posts {location: B}. The Navigation API's navigate event (fired as the
// page calls location.replace) shows which the page followed; A and B
// answer 204, so neither navigation replaces the page.
func TestLoadingPageFollowsOnlyItsOpener(t *testing.T) {
	root := moduleRoot(t)
	host := startHostPage(t, nil)
	host.scripts = func() string { return "" }
	host.init = func() string { return "void 0" }
	x := startXkitd(t, buildXkitd(t, root), root, host.srv.URL)
	b := startBrowser(t, host, x.URL)

	_, popup := b.popupFrom(t, `(window.__popup = window.open(`+quote(x.URL)+` + "/authorizations/loading?opener_origin=" +
		encodeURIComponent(location.origin), "xkit-listener-test"), true)`)
	ctx, cancel := context.WithTimeout(popup, waitLimit)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".spinner"))), "the loading page (at %s)", location(popup))
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__nav = []; window.__msgs = 0;
		navigation.addEventListener("navigate", e => window.__nav.push(e.destination.url));
		window.addEventListener("message", () => window.__msgs++); true`))
	require.NoError(t, err)

	// seen waits until the popup has handled n messages (its own listener
	// runs before the test's, added later) and returns where it went.
	seen := func(n string) []string {
		t.Helper()
		nav, err := chromedp.Run(ctx, chromedp.Poll[[]string](`window.__msgs >= `+n+` && window.__nav`))
		require.NoError(t, err, "waiting for the popup to handle message %s", n)
		return nav
	}
	frameURL, openerURL := host.srv.URL+"/ping?n=from-frame", host.srv.URL+"/ping?n=from-opener"
	eval[bool](t, b, `new Promise(resolve => {
		const f = document.createElement("iframe");
		f.srcdoc = "<p>a frame of the host's origin</p>";
		f.onload = () => { // a function of the frame's realm: the message's source is the frame
			f.contentWindow.Function("u", "o", "parent.__popup.postMessage({location: u}, o)")(`+quote(frameURL)+`, `+quote(x.URL)+`);
			resolve(true);
		};
		document.body.append(f);
	})`)
	assert.Empty(t, seen("1"), "the popup followed a message from a frame that is not its opener")

	eval[bool](t, b, `window.__popup.postMessage({location: `+quote(openerURL)+`}, `+quote(x.URL)+`), true`)
	assert.Equal(t, []string{openerURL}, seen("2"), "the popup follows its opener")
}
