package server

import (
	"html/template"
	"net/http"
)

// renderPage answers an HTML page. Pages may carry tokens in their URL, so
// no referrer leaves for another origin, and nobody may frame them. (Not
// no-referrer: that would make the browser send "Origin: null" with the
// pages' own same-origin form posts and fetches.)
func renderPage(w http.ResponseWriter, status int, t *template.Template, data any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	setRetryAfter(w, status)
	w.WriteHeader(status)
	t.Execute(w, data)
}

const layout = `{{define "top"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
main{max-width:420px;margin:48px auto;background:#fff;border:1px solid #d8dee4;border-radius:12px;padding:28px 32px}
h1{font-size:20px;margin:0 0 12px}p{line-height:1.5}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:9px 10px;border:1px solid #c5ccd3;border-radius:6px;font-size:15px}
button{font-size:15px;padding:9px 18px;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer;margin-top:18px}
button.secondary{background:#fff;color:#1f2328;border-color:#c5ccd3;margin-left:8px}
button:disabled{opacity:.6;cursor:default}
.error{color:#b42318}.muted{color:#59636e;font-size:14px}.suffix{color:#59636e;font-size:14px;margin-left:6px}
.spinner{width:28px;height:28px;border:3px solid #d8dee4;border-top-color:#1f6feb;border-radius:50%;animation:spin 1s linear infinite;margin:8px 0 16px}
@keyframes spin{to{transform:rotate(360deg)}}
</style></head><body><main>{{end}}
{{define "bottom"}}</main></body></html>{{end}}`

func page(name, body string) *template.Template {
	return template.Must(template.Must(template.New(name).Parse(layout)).Parse(body))
}

// loadingTmpl: the popup's waiting page. It tells the opener (only when its
// origin is allowed) that it is ready, and follows {location} messages from
// the window that opened it, on that origin, only: another window of the
// host's origin (a frame, another tab) cannot steer the popup.
var loadingTmpl = page("loading", `{{template "top" .}}
{{if .Error}}<h1>Authorization failed</h1><p class="error" role="alert">{{.Error}}</p>
<p class="muted">Close this window and try again.</p>
{{else}}<div class="spinner" aria-hidden="true"></div><h1>Loading…</h1>
{{if not .OpenerOrigin}}<p class="muted">This window was not opened by an allowed page.</p>{{end}}{{end}}
<script>
(function () {
  var openerOrigin = {{.OpenerOrigin}};
  var error = {{.Error}};
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
</script>
{{template "bottom" .}}`)

// resultTmpl ends an authorization: on failure it posts {error} to the
// opener (each allowed origin; the browser drops the others), then closes.
var resultTmpl = page("result", `{{template "top" .}}
{{if .Error}}<h1>Authorization failed</h1><p class="error" role="alert">{{.Error}}</p>
{{else}}<h1>Connected{{if .Name}} to {{.Name}}{{end}}</h1><p>You can close this window.</p>{{end}}
<script>
(function () {
  var error = {{.Error}};
  var origins = {{.Origins}};
  if (error && window.opener) {
    origins.forEach(function (o) { try { window.opener.postMessage({ error: error }, o); } catch (e) {} });
  }
  window.close();
})();
</script>
{{template "bottom" .}}`)

// fieldsTmpl collects an API-key connector's fields and saves them with the
// flow cookie of the browser that started the authorization.
var fieldsTmpl = page("fields", `{{template "top" .}}
<h1>Connect {{.Name}}</h1>
{{if .Instructions}}<p class="muted">{{.Instructions}}</p>{{end}}
<form id="fields" novalidate>
{{range .Fields}}<label for="{{.Name}}">{{.Label}}</label>
<input type="text" name="{{.Name}}" id="{{.Name}}" autocomplete="off" spellcheck="false">{{if .Suffix}}<span class="suffix">{{.Suffix}}</span>{{end}}
{{end}}<p id="message" class="error" role="alert"></p>
<button type="submit" id="save">Save</button>
</form>
<script>
(function () {
  var slug = {{.Slug}}, state = {{.State}};
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
</script>
{{template "bottom" .}}`)

// consentTmpl is the demo provider's consent page.
var consentTmpl = page("consent", `{{template "top" .}}
<h1>Demo OAuth provider</h1>
<p><strong>Xkit Local</strong> wants to access your demo <strong>{{.Req.App}}</strong> account{{if .Req.Scope}} (scope: {{.Req.Scope}}){{end}}.</p>
<p class="muted">This provider is built into xkitd for local development. No real account is involved.</p>
<form method="post" action="/demo-oauth/authorize">
<input type="hidden" name="response_type" value="code">
<input type="hidden" name="client_id" value="{{.Req.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.Req.RedirectURI}}">
<input type="hidden" name="state" value="{{.Req.State}}">
<input type="hidden" name="scope" value="{{.Req.Scope}}">
<input type="hidden" name="code_challenge" value="{{.Req.Challenge}}">
<input type="hidden" name="code_challenge_method" value="S256">
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny" class="secondary">Deny</button>
</form>
{{template "bottom" .}}`)

var demoErrorTmpl = page("demo-error", `{{template "top" .}}
<h1>Demo OAuth provider</h1><p class="error" role="alert">{{.Message}}</p>
{{template "bottom" .}}`)

var indexTmpl = page("index", `{{template "top" .}}
<h1>xkitd is running</h1>
<p>This is Xkit Local, a local Xkit-compatible platform. The platform user API is at
<code>/api/platform_user</code>. Put an <code>index.html</code> (and <code>web/</code>) in the
directory given with <code>-web</code> to serve a page here.</p>
{{template "bottom" .}}`)
