//go:build js

package view

// css is the catalog's whole stylesheet, inside its shadow root. Colours,
// fonts and sizes are the --xkit-* custom properties of package theme (a
// theme option sets them inline on the root, so it wins in both schemes)
// and a few of the catalog's own (--bg, --line, ...). Boxes use logical
// properties (margin-inline-start, not margin-left), so dir="rtl" mirrors
// the layout; the rest is in its parts below. web/xkit.js's placeholder
// (skeletonCSS) copies the rules it needs, word for word
// (web/test/startup.test.mjs checks): change both together.
const css = palette + dark + layout + narrow

// palette is the light scheme: every colour the rules use.
const palette = `:host{display:block;--xkit-card-padding:16px;--xkit-card-radius:6px;--xkit-card-shadow:0 0 1px rgba(67,90,111,.3),0 2px 4px -2px rgba(67,90,111,.47);--xkit-card-hover-shadow:0 0 1px rgba(67,90,111,.3),0 8px 10px -4px rgba(67,90,111,.47);--xkit-font-ui:"SF UI Text",-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;--xkit-font-display:var(--xkit-font-ui);--xkit-font-mono:"SF Mono",Monaco,Consolas,monospace;--xkit-text-muted:#66788A;--xkit-text-default:#425A70;--xkit-text-dark:#234361;--xkit-text-selected:#1070CA;--xkit-size-300:12px;--xkit-size-400:14px;--xkit-size-500:16px;--xkit-size-600:20px;--xkit-size-700:24px;--xkit-size-800:29px;--xkit-button-primary-bg:linear-gradient(to bottom,#0788DE,#116AB8);--xkit-button-primary-color:#fff;--xkit-button-default-bg:linear-gradient(to bottom,#fff,#F4F5F7);--xkit-button-default-color:#425A70;--xkit-tab-color:#0B5CAD;--bg:#fff;--line:#E4E7EB;--soft:#F5F6F7;--danger:#BF0E08;--green-bg:#D4EEE2;--green:#00783E;--yellow-bg:#FEF6E4;--yellow:#95591E;--alert-bg:#FDF8F3;--alert:#5C3F1E;--edge:rgba(67,90,111,.3)}
.xk{color-scheme:light}
`

// dark is the dark scheme: on the root when the scheme is dark
// (data-scheme, set from the colorScheme option or the page's
// declaration), or when it is the system's and the system is dark.
const dark = `.xk[data-scheme=dark]{` + darkColors + `}@media (prefers-color-scheme:dark){.xk[data-scheme=system]{` + darkColors + `}}
`

const darkColors = `color-scheme:dark;padding:16px;border-radius:var(--xkit-card-radius);--xkit-text-muted:#9AA8B6;--xkit-text-default:#C9D3DD;--xkit-text-dark:#EEF2F6;--xkit-text-selected:#6CB4FF;--xkit-button-default-bg:linear-gradient(to bottom,#2A3440,#222B35);--xkit-button-default-color:#E4EAF0;--xkit-card-shadow:0 0 0 1px #33404D;--xkit-card-hover-shadow:0 0 0 1px #56697C,0 6px 12px -4px #000;--xkit-tab-color:#6CB4FF;--bg:#161C22;--line:#33404D;--soft:#1E262E;--danger:#FF8A80;--green-bg:#17382A;--green:#7EE2AE;--yellow-bg:#3B2D12;--yellow:#F5C46B;--alert-bg:#2B2115;--alert:#F3D9B5;--edge:#56697C`

// layout is every component, in both schemes and directions.
const layout = `.xk{font:var(--xkit-size-400)/1.45 var(--xkit-font-ui);color:var(--xkit-text-default);background:var(--bg);padding-block:8px;overflow-wrap:anywhere}
*{box-sizing:border-box}
h1,h2,h3{font-family:var(--xkit-font-display);color:var(--xkit-text-dark);font-weight:500;margin:0}
h1{font-size:var(--xkit-size-800);margin-block-end:20px}
h1:focus,h2:focus{outline:none}
:focus-visible{outline:2px solid var(--xkit-text-selected);outline-offset:2px}
.searchbox{position:relative;margin-block-end:24px}
.glass{position:absolute;inset-inline-start:16px;top:50%;width:14px;height:14px;margin-top:-9px;border:2px solid var(--xkit-text-muted);border-radius:50%}
.glass::after{content:"";position:absolute;width:2px;height:7px;background:var(--xkit-text-muted);left:12px;top:10px;transform:rotate(-45deg)}
.search{width:100%;height:48px;padding-block:0;padding-inline:44px 16px;font:inherit;font-size:var(--xkit-size-500);color:var(--xkit-text-dark);background:var(--bg);border:1px solid var(--line);border-radius:var(--xkit-card-radius);box-shadow:inset 0 1px 2px rgba(67,90,111,.14)}
.search:focus{border-color:var(--xkit-text-selected);outline:none;box-shadow:0 0 0 3px rgba(16,112,202,.3)}
.grid{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(220px,100%),1fr));gap:20px}
.card{display:flex;flex-direction:column;gap:6px;height:100%;padding:var(--xkit-card-padding);border-radius:var(--xkit-card-radius);box-shadow:var(--xkit-card-shadow);background:var(--bg);text-decoration:none;color:inherit;transition:box-shadow .15s}
.card:hover,.card:focus-visible{box-shadow:var(--xkit-card-hover-shadow)}
.logo,.plogo{flex:none;width:40px;height:40px;object-fit:contain;border-radius:4px}
.plogo{width:56px;height:56px}
.nologo{display:flex;align-items:center;justify-content:center;background:var(--soft);color:var(--xkit-text-muted);font-size:var(--xkit-size-600)}
.name{font-size:var(--xkit-size-600);margin-block-start:10px}
.desc{margin:0;font-size:var(--xkit-size-300);color:var(--xkit-text-muted);flex:1}
.badge{align-self:flex-start;display:inline-block;font-size:11px;font-weight:600;letter-spacing:.4px;text-transform:uppercase;padding:1px 6px;border-radius:3px;vertical-align:middle}
.badge.green{background:var(--green-bg);color:var(--green)}.badge.yellow{background:var(--yellow-bg);color:var(--yellow)}
.xk:lang(ja) .badge,.xk:lang(ar) .badge{letter-spacing:0}
.xk[dir=rtl] [dir=auto]{text-align:right}.xk[dir=ltr] [dir=auto]{text-align:left}
.state{padding-block:40px;text-align:center;color:var(--xkit-text-muted);font-size:var(--xkit-size-500)}
.state.error{color:var(--danger)}
.spin{display:inline-block;width:14px;height:14px;margin-inline-end:8px;border:2px solid var(--line);border-top-color:var(--xkit-text-selected);border-radius:50%;animation:r .8s linear infinite;vertical-align:-2px}
@keyframes r{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spin,.btn[aria-busy]::before{animation:none}}
.footer{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;margin-block-start:28px}
.arrow{display:inline-block}.xk[dir=rtl] .arrow{transform:scaleX(-1)}
.brand{margin-inline-start:auto;color:var(--xkit-text-muted);font-size:var(--xkit-size-300)}.brand b{font-size:var(--xkit-size-600);color:var(--xkit-text-default);letter-spacing:-.5px;margin-inline:4px}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:6px;min-height:36px;max-width:100%;padding:4px 16px;font:inherit;font-weight:500;line-height:1.2;text-align:center;color:var(--xkit-button-default-color);background:var(--xkit-button-default-bg);border:0;border-radius:4px;box-shadow:inset 0 0 0 1px var(--edge),inset 0 -1px 1px 0 rgba(67,90,111,.06);cursor:pointer;text-decoration:none}
.btn:hover{box-shadow:inset 0 0 0 1px var(--xkit-text-muted)}
.btn.primary{color:var(--xkit-button-primary-color);background:var(--xkit-button-primary-bg);box-shadow:inset 0 0 0 1px rgba(67,90,111,.2)}
.btn.danger{color:#fff;background:linear-gradient(to bottom,#C8372A,#A82A1F)}
.btn.small{min-height:28px;padding:3px 12px;font-size:var(--xkit-size-300)}
.btn[disabled]{opacity:.6;cursor:default}
.btn[aria-busy]::before{content:"";flex:none;width:12px;height:12px;border:2px solid currentColor;border-inline-end-color:transparent;border-radius:50%;animation:r .8s linear infinite}
.phead{display:flex;flex-wrap:wrap;align-items:center;gap:16px;margin-block-end:20px}
.pname{flex:1 1 12em;min-width:0}.ptitle{font-size:var(--xkit-size-700)}.ptitle .badge{margin-inline-start:8px}
.sub{margin:2px 0 0;color:var(--xkit-text-muted)}
.actions{display:flex;gap:8px;flex-wrap:wrap}
.alert{border-inline-start:3px solid #D9822B;background:var(--alert-bg);color:var(--alert);padding:12px 16px;border-radius:4px;margin-block-end:20px}.alert strong{color:inherit}.alert p{margin:4px 0 10px}
.confirm{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:12px;margin-block-start:8px;border:1px solid var(--line);border-radius:4px;background:var(--soft);color:var(--xkit-text-dark)}.confirm p{margin:0;flex-basis:100%}
.about h3{font-size:var(--xkit-size-600);margin-block:24px 8px}
.md{color:var(--xkit-text-default)}.md.large{font-size:var(--xkit-size-500)}.md p{margin:0 0 10px}
.md a{color:var(--xkit-text-selected)}.md code,.md pre{font-family:var(--xkit-font-mono);background:var(--soft);border-radius:3px;padding:1px 4px}.md pre{padding:10px;overflow:auto;overflow-wrap:normal}
.md blockquote{margin:0 0 10px;padding-inline-start:12px;border-inline-start:3px solid var(--line)}
.md img{max-width:100%}
.tabs{display:flex;flex-wrap:wrap;gap:4px;margin-block-end:16px}
.tab{font:inherit;background:none;border:0;padding:6px 12px;border-radius:4px;color:var(--xkit-text-default);cursor:pointer}
.tab[aria-selected=true]{color:var(--xkit-tab-color);background:rgba(16,112,202,.12)}
.conns{width:100%;border-collapse:collapse}.conns th{text-align:start;font-weight:600;font-size:var(--xkit-size-300);color:var(--xkit-text-muted);text-transform:uppercase;padding:8px}
.conns td{padding:10px 8px;border-block-start:1px solid var(--line);vertical-align:middle}
.cname>span{display:block}.cdetail{font-size:var(--xkit-size-300);color:var(--xkit-text-muted)}
.rowacts{text-align:end}.rowacts .btn{margin-block:2px;margin-inline-start:6px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.settings{max-width:520px}.field{margin:0 0 18px;border:0;padding:0;min-width:0}
.field label,.field legend{display:block;font-weight:600;color:var(--xkit-text-dark);margin-block-end:6px;padding:0}
.field input[type=text],.field select{width:100%;height:36px;padding-block:0;padding-inline:10px;font:inherit;color:var(--xkit-text-dark);background:var(--bg);border:1px solid var(--line);border-radius:4px}
.field [aria-invalid=true]{border-color:var(--danger)}
.check{display:flex!important;gap:8px;font-weight:400!important}
.switch label{display:flex;align-items:center;gap:10px}
.switch input{position:absolute;opacity:0;width:32px;height:18px;margin:0}
.track{flex:none;width:32px;height:18px;border-radius:9px;background:#8A99A8;position:relative;transition:background .15s}
.track::after{content:"";position:absolute;top:2px;inset-inline-start:2px;width:14px;height:14px;border-radius:50%;background:#fff;transition:inset-inline-start .15s}
.switch input:checked+.track{background:#2F9B66}.switch input:checked+.track::after{inset-inline-start:16px}
.switch input:focus-visible+.track{outline:2px solid var(--xkit-text-selected);outline-offset:2px}
.hint{margin:4px 0 0;color:var(--xkit-text-muted);font-size:var(--xkit-size-300)}
.invalid{margin:4px 0 0;color:var(--danger);font-size:var(--xkit-size-300)}
.toasts{position:sticky;top:8px;z-index:3;height:0;display:flex;flex-direction:column;align-items:center;gap:8px;font:var(--xkit-size-400)/1.4 var(--xkit-font-ui)}
.toast{display:flex;align-items:center;gap:10px;width:max-content;max-width:min(480px,100%);padding:10px 12px;background:var(--bg);color:var(--xkit-text-dark);font-weight:600;border:1px solid var(--line);border-inline-start:3px solid #47B881;border-radius:4px;box-shadow:var(--xkit-card-hover-shadow)}
.toast.danger{border-inline-start-color:#EC4C47}
.ticon{flex:none;width:16px;height:16px;border-radius:50%;background:#2F9B66;color:#fff;font-size:11px;display:flex;align-items:center;justify-content:center}.danger .ticon{background:#C8372A}
.toast span:nth-child(2){flex:1}
.x{flex:none;background:none;border:0;font-size:16px;color:var(--xkit-text-muted);cursor:pointer}
.tbar{height:calc(var(--xkit-size-800)*1.45);padding-block:calc(var(--xkit-size-800)*.3);margin-block-end:20px}
.bone{display:block;background:var(--soft);border-radius:4px;animation:pulse 1.2s ease-in-out infinite alternate}
.tbar .bone{height:100%;width:calc(var(--xkit-size-800)*8);max-width:60%}
.bone.name{height:1.45em;width:60%}.bone.desc{height:1.45em;width:85%;flex:none}
@keyframes pulse{to{opacity:.5}}
@media (prefers-reduced-motion:reduce){.bone{animation:none}}
`

// narrow is a phone's screen: tables become stacked rows (the roles the
// view spells out keep them a table for screen readers).
const narrow = `@media (max-width:600px){.conns thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.conns,.conns tbody,.conns tr,.conns td{display:block}.conns tr{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;padding-block:10px;border-block-start:1px solid var(--line)}.conns td{padding:0;border:0}.conns td.cname{flex:1 1 60%}.conns td.rowacts{flex-basis:100%;text-align:start}.rowacts .btn{margin-inline:0 6px}}
`
