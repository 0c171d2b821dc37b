package server

import (
	"strings"

	"github.com/xkit-wasm/xkit/internal/htmlpage"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// The HTML of the pages the authorization popup visits, written with
// internal/htmlpage (why no template package: see there). Every value goes
// through htmlpage.Text, Attr or JS; pagehtml_test.go shows each one inert.

// loadingHTML is the popup's waiting page. It tells the opener (only when
// its origin is allowed) that it is ready, and follows {location}
// messages from the window that opened it, on that origin, only: another
// window of the host's origin (a frame, another tab) cannot steer the
// popup. With errMsg it shows the error and posts it to the opener.
func loadingHTML(openerOrigin, errMsg string) string {
	var b strings.Builder
	if errMsg != "" {
		b.WriteString(`<h1>Authorization failed</h1><p class="error" role="alert">` + htmlpage.Text(errMsg) + `</p>
<p class="muted">Close this window and try again.</p>
`)
	} else {
		b.WriteString(`<div class="spinner" aria-hidden="true"></div><h1>Loading…</h1>
`)
		if openerOrigin == "" {
			b.WriteString(`<p class="muted">This window was not opened by an allowed page.</p>
`)
		}
	}
	b.WriteString(`<script>
(function () {
  var openerOrigin = ` + htmlpage.JS(openerOrigin) + `;
  var error = ` + htmlpage.JS(errMsg) + `;
  if (!openerOrigin || !window.opener) return;
  if (error) { window.opener.postMessage({ error: error }, openerOrigin); return; }
  window.addEventListener("message", function (event) {
    if (event.source !== window.opener || event.origin !== openerOrigin) return;
    if (!event.data || typeof event.data.location !== "string") return;
    if (!/^https?:\/\//.test(event.data.location)) return;
    window.location.replace(event.data.location);
  });
  window.opener.postMessage("authWindow:ready", openerOrigin);
})();
</script>`)
	return b.String()
}

// resultHTML ends an authorization: on failure it posts {error} to the
// opener (each allowed origin; the browser drops the others), then closes.
func resultHTML(name, errMsg string, origins []string) string {
	head := `<h1>Connected</h1><p>You can close this window.</p>`
	switch {
	case errMsg != "":
		head = `<h1>Authorization failed</h1><p class="error" role="alert">` + htmlpage.Text(errMsg) + `</p>`
	case name != "":
		head = `<h1>Connected to ` + htmlpage.Text(name) + `</h1><p>You can close this window.</p>`
	}
	if origins == nil {
		origins = []string{}
	}
	return head + `
<script>
(function () {
  var error = ` + htmlpage.JS(errMsg) + `;
  var origins = ` + htmlpage.JS(origins) + `;
  if (error && window.opener) {
    origins.forEach(function (o) { try { window.opener.postMessage({ error: error }, o); } catch (e) {} });
  }
  window.close();
})();
</script>`
}

// fieldsHTML collects an API-key connector's fields and saves them with
// the flow cookie of the browser that started the authorization.
func fieldsHTML(c *platform.Connector, state string) string {
	var b strings.Builder
	b.WriteString(`<h1>Connect ` + htmlpage.Text(c.Name) + `</h1>
`)
	if c.CollectInstructions != "" {
		b.WriteString(`<p class="muted">` + htmlpage.Text(c.CollectInstructions) + `</p>
`)
	}
	b.WriteString(`<form id="fields" novalidate>
`)
	for _, f := range c.CollectFields {
		name := htmlpage.Attr(f.Name)
		b.WriteString(`<label for="` + name + `">` + htmlpage.Text(f.Label) + `</label>
<input type="text" name="` + name + `" id="` + name + `" autocomplete="off" spellcheck="false">`)
		if f.Suffix != "" {
			b.WriteString(`<span class="suffix">` + htmlpage.Text(f.Suffix) + `</span>`)
		}
		b.WriteString("\n")
	}
	b.WriteString(`<p id="message" class="error" role="alert"></p>
<button type="submit" id="save">Save</button>
</form>
<script>
(function () {
  var slug = ` + htmlpage.JS(c.Slug) + `, state = ` + htmlpage.JS(state) + `;
  var form = document.getElementById("fields"), button = document.getElementById("save");
  var message = document.getElementById("message");
  function fail(text) { message.textContent = text; button.disabled = false; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    message.textContent = "";
    var body = { state: state };
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (i) { body[i.name] = i.value; });
    // Same origin, with the flow cookie of the browser that started this
    // authorization (no token: the cookie is the proof).
    fetch("/authorizations/" + encodeURIComponent(slug) + "/fields", {
      method: "POST", credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(body)
    })
      .then(function (res) { return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok || data.error) throw new Error(data.error || "Saving failed.");
        message.className = "muted";
        message.textContent = "Saved.";
        window.close();
      }); })
      .catch(function (e) { fail(e.message || "Saving failed."); });
  });
})();
</script>`)
	return b.String()
}

// indexHTML is / of a platform that is not a demo (or has no demo page):
// what it is and where its API is.
func indexHTML(name, website string) string {
	site := ""
	if strings.HasPrefix(website, "https://") || strings.HasPrefix(website, "http://") { // never javascript:
		site = `<p><a href="` + htmlpage.Attr(website) + `">` + htmlpage.Text(website) + `</a></p>`
	}
	return `<h1>` + htmlpage.Text(name) + `</h1>
<p>This is ` + htmlpage.Text(name) + `, an Xkit-compatible integration platform. Its API for the Xkit SDK is at
<code>/api/platform_user</code>; the SDK itself is at <code>/web/xkit.js</code>.</p>` + site
}
