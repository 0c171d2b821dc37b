package demoprovider

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"

	"github.com/xkit-wasm/xkit/internal/htmlpage"
)

// authRequest is a validated authorization request.
type authRequest struct {
	Client                               *Client
	RedirectURI, State, Scope, Challenge string
}

// grant is what a code or a refresh token stands for, kept in Codes.
type grant struct {
	ClientID    string `json:"client_id"`
	RedirectURI string `json:"redirect_uri,omitempty"` // codes only
	Challenge   string `json:"challenge,omitempty"`    // codes only
	Scope       string `json:"scope"`
}

// parseAuthorize validates an authorization request (RFC 6749 section
// 4.1.1 with RFC 7636's S256 challenge, which this provider requires).
func (p *Provider) parseAuthorize(r *http.Request, q url.Values) (*authRequest, string) {
	req := &authRequest{RedirectURI: q.Get("redirect_uri"), State: q.Get("state"),
		Scope: q.Get("scope"), Challenge: q.Get("code_challenge")}
	req.Client = p.cfg.Clients(r, q.Get("client_id"))
	switch {
	case q.Get("response_type") != "code":
		return nil, "response_type must be code."
	case req.Client == nil:
		return nil, "Unknown client_id."
	case !slices.Contains(req.Client.RedirectURIs, req.RedirectURI):
		return nil, "redirect_uri does not match the registered redirect URI."
	case req.State == "":
		return nil, "state is required."
	case req.Challenge == "" || q.Get("code_challenge_method") != "S256":
		return nil, "PKCE is required: code_challenge with code_challenge_method S256."
	}
	return req, ""
}

// consentPage (GET /authorize) asks the user to allow access.
func (p *Provider) consentPage(w http.ResponseWriter, r *http.Request) {
	req, problem := p.parseAuthorize(r, r.URL.Query())
	if problem != "" {
		p.errorPage(w, http.StatusBadRequest, problem)
		return
	}
	scope := ""
	if req.Scope != "" {
		scope = " (scope: " + htmlpage.Text(req.Scope) + ")"
	}
	hidden := func(name, value string) string {
		return `<input type="hidden" name="` + name + `" value="` + htmlpage.Attr(value) + `">` + "\n"
	}
	htmlpage.Write(w, http.StatusOK, "Demo OAuth provider", `<h1>Demo OAuth provider</h1>
<p><strong>`+htmlpage.Text(req.Client.Name)+`</strong> wants to access your demo <strong>`+
		htmlpage.Text(req.Client.Account)+`</strong> account`+scope+`.</p>
<p class="muted">`+htmlpage.Text(p.cfg.Note)+`</p>
<form method="post" action="`+htmlpage.Attr(p.cfg.Prefix+"/authorize")+`">
`+hidden("response_type", "code")+hidden("client_id", req.Client.ID)+hidden("redirect_uri", req.RedirectURI)+
		hidden("state", req.State)+hidden("scope", req.Scope)+hidden("code_challenge", req.Challenge)+
		hidden("code_challenge_method", "S256")+
		`<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny" class="secondary">Deny</button>
</form>`)
}

func (p *Provider) errorPage(w http.ResponseWriter, status int, msg string) {
	htmlpage.Write(w, status, "Demo OAuth provider",
		`<h1>Demo OAuth provider</h1><p class="error" role="alert">`+htmlpage.Text(msg)+`</p>`)
}

// decide (POST /authorize) sends the browser back to the client with a
// code (Allow) or error=access_denied (Deny).
func (p *Provider) decide(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.errorPage(w, http.StatusBadRequest, "The form could not be read.")
		return
	}
	req, problem := p.parseAuthorize(r, r.PostForm)
	if problem != "" {
		p.errorPage(w, http.StatusBadRequest, problem)
		return
	}
	back := url.Values{"state": {req.State}}
	if r.PostForm.Get("decision") == "allow" {
		code := "demo_code_" + randomString(24)
		g, _ := json.Marshal(grant{ClientID: req.Client.ID, RedirectURI: req.RedirectURI,
			Challenge: req.Challenge, Scope: req.Scope})
		now := p.cfg.Now()
		if err := p.cfg.Codes.PutDemoCode(r.Context(), key("code", code), string(g), now.Add(codeTTL), now); err != nil {
			p.errorPage(w, http.StatusServiceUnavailable, "The code could not be stored. Try again in a moment.")
			return
		}
		back.Set("code", code)
	} else {
		back.Set("error", "access_denied")
		back.Set("error_description", "The user denied access.")
	}
	sep := "?"
	if u, err := url.Parse(req.RedirectURI); err == nil && u.RawQuery != "" {
		sep = "&"
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, req.RedirectURI+sep+back.Encode(), http.StatusSeeOther)
}
