//go:build js

package view

// css is the catalog's whole stylesheet, inside its shadow root. Colours,
// fonts and sizes are the --xkit-* custom properties of package theme; dark
// mode swaps the defaults, and a theme option (set inline) still wins.
// web/xkit.js's placeholder (skeletonCSS) copies the rules it needs, word
// for word (web/test/startup.test.mjs checks): change both together.
const css = `:host{display:block;--xkit-card-padding:16px;--xkit-card-radius:6px;--xkit-card-shadow:0 0 1px rgba(67,90,111,.3),0 2px 4px -2px rgba(67,90,111,.47);--xkit-card-hover-shadow:0 0 1px rgba(67,90,111,.3),0 8px 10px -4px rgba(67,90,111,.47);--xkit-font-ui:"SF UI Text",-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;--xkit-font-display:var(--xkit-font-ui);--xkit-font-mono:"SF Mono",Monaco,Consolas,monospace;--xkit-text-muted:#66788A;--xkit-text-default:#425A70;--xkit-text-dark:#234361;--xkit-text-selected:#1070CA;--xkit-size-300:12px;--xkit-size-400:14px;--xkit-size-500:16px;--xkit-size-600:20px;--xkit-size-700:24px;--xkit-size-800:29px;--xkit-button-primary-bg:linear-gradient(to bottom,#0788DE,#116AB8);--xkit-button-primary-color:#fff;--xkit-button-default-bg:linear-gradient(to bottom,#fff,#F4F5F7);--xkit-button-default-color:#425A70;--xkit-tab-color:#0B5CAD;--bg:#fff;--line:#E4E7EB;--soft:#F5F6F7}
@media (prefers-color-scheme:dark){:host{--xkit-text-muted:#9AA8B6;--xkit-text-default:#C9D3DD;--xkit-text-dark:#EEF2F6;--xkit-text-selected:#6CB4FF;--xkit-button-default-bg:linear-gradient(to bottom,#2A3440,#222B35);--xkit-button-default-color:#E4EAF0;--xkit-card-shadow:0 0 0 1px #33404D;--xkit-card-hover-shadow:0 0 0 1px #56697C,0 6px 12px -4px #000;--xkit-tab-color:#6CB4FF;--bg:#161C22;--line:#33404D;--soft:#1E262E}:host .xk{padding:16px;border-radius:var(--xkit-card-radius)}}
.xk{font:var(--xkit-size-400)/1.45 var(--xkit-font-ui);color:var(--xkit-text-default);background:var(--bg);padding:8px 0}
*{box-sizing:border-box}
h1,h2,h3{font-family:var(--xkit-font-display);color:var(--xkit-text-dark);font-weight:500;margin:0}
h1{font-size:var(--xkit-size-800);margin:0 0 20px}
h1:focus,h2:focus{outline:none}
:focus-visible{outline:2px solid var(--xkit-text-selected);outline-offset:2px}
.searchbox{position:relative;margin-bottom:24px}
.glass{position:absolute;left:16px;top:50%;width:14px;height:14px;margin-top:-9px;border:2px solid var(--xkit-text-muted);border-radius:50%}
.glass::after{content:"";position:absolute;width:2px;height:7px;background:var(--xkit-text-muted);left:12px;top:10px;transform:rotate(-45deg)}
.search{width:100%;height:48px;padding:0 16px 0 44px;font:inherit;font-size:var(--xkit-size-500);color:var(--xkit-text-dark);background:var(--bg);border:1px solid var(--line);border-radius:var(--xkit-card-radius);box-shadow:inset 0 1px 2px rgba(67,90,111,.14)}
.search:focus{border-color:var(--xkit-text-selected);outline:none;box-shadow:0 0 0 3px rgba(16,112,202,.2)}
.grid{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:20px}
.card{display:flex;flex-direction:column;gap:6px;height:100%;padding:var(--xkit-card-padding);border-radius:var(--xkit-card-radius);box-shadow:var(--xkit-card-shadow);background:var(--bg);text-decoration:none;color:inherit;transition:box-shadow .15s}
.card:hover,.card:focus-visible{box-shadow:var(--xkit-card-hover-shadow)}
.logo,.plogo{width:40px;height:40px;object-fit:contain;border-radius:4px}
.plogo{width:56px;height:56px}
.nologo{display:flex;align-items:center;justify-content:center;background:var(--soft);color:var(--xkit-text-muted);font-size:var(--xkit-size-600)}
.name{font-size:var(--xkit-size-600);margin-top:10px}
.desc{margin:0;font-size:var(--xkit-size-300);color:var(--xkit-text-muted);flex:1}
.badge{align-self:flex-start;display:inline-block;font-size:11px;font-weight:600;letter-spacing:.4px;text-transform:uppercase;padding:1px 6px;border-radius:3px;vertical-align:middle}
.badge.green{background:#D4EEE2;color:#00783E}.badge.yellow{background:#FEF6E4;color:#95591E}
.state{padding:40px 0;text-align:center;color:var(--xkit-text-muted);font-size:var(--xkit-size-500)}
.state.error{color:#BF0E08}
.spin{display:inline-block;width:14px;height:14px;margin-right:8px;border:2px solid var(--line);border-top-color:var(--xkit-text-selected);border-radius:50%;animation:r .8s linear infinite;vertical-align:-2px}
@keyframes r{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spin,.btn[aria-busy]::before{animation:none}}
.footer{display:flex;align-items:center;justify-content:space-between;margin-top:28px}
.brand{margin-left:auto;color:var(--xkit-text-muted);font-size:var(--xkit-size-300)}.brand b{font-size:var(--xkit-size-600);color:var(--xkit-text-default);letter-spacing:-.5px;margin-left:4px}
.btn{display:inline-flex;align-items:center;gap:6px;height:36px;padding:0 16px;font:inherit;font-weight:500;color:var(--xkit-button-default-color);background:var(--xkit-button-default-bg);border:0;border-radius:4px;box-shadow:inset 0 0 0 1px rgba(67,90,111,.3),inset 0 -1px 1px 0 rgba(67,90,111,.06);cursor:pointer;text-decoration:none;white-space:nowrap}
.btn:hover{box-shadow:inset 0 0 0 1px rgba(67,90,111,.45)}
.btn.primary{color:var(--xkit-button-primary-color);background:var(--xkit-button-primary-bg);box-shadow:inset 0 0 0 1px rgba(67,90,111,.2)}
.btn.danger{color:#fff;background:linear-gradient(to bottom,#EC4C47,#D9422B)}
.btn.small{height:28px;padding:0 12px;font-size:var(--xkit-size-300)}
.btn[disabled]{opacity:.6;cursor:default}
.btn[aria-busy]::before{content:"";width:12px;height:12px;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:r .8s linear infinite}
.phead{display:flex;align-items:center;gap:16px;margin-bottom:20px}
.pname{flex:1}.ptitle{font-size:var(--xkit-size-700)}.ptitle .badge{margin-left:8px}
.sub{margin:2px 0 0;color:var(--xkit-text-muted)}
.actions{display:flex;gap:8px;flex-wrap:wrap}
.alert{border-left:3px solid #D9822B;background:#FDF8F3;color:#5C3F1E;padding:12px 16px;border-radius:4px;margin-bottom:20px}.alert p{margin:4px 0 10px}
.confirm{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:12px;margin-top:8px;border:1px solid var(--line);border-radius:4px;background:var(--soft)}.confirm p{margin:0;flex-basis:100%}
.about h3{font-size:var(--xkit-size-600);margin:24px 0 8px}
.md{color:var(--xkit-text-default)}.md.large{font-size:var(--xkit-size-500)}.md p{margin:0 0 10px}
.md a{color:var(--xkit-text-selected)}.md code,.md pre{font-family:var(--xkit-font-mono);background:var(--soft);border-radius:3px;padding:1px 4px}.md pre{padding:10px;overflow:auto}
.md blockquote{margin:0 0 10px;padding-left:12px;border-left:3px solid var(--line)}
.tabs{display:flex;gap:4px;margin-bottom:16px}
.tab{font:inherit;background:none;border:0;padding:6px 12px;border-radius:4px;color:var(--xkit-text-default);cursor:pointer}
.tab[aria-selected=true]{color:var(--xkit-tab-color);background:rgba(16,112,202,.1)}
.conns{width:100%;border-collapse:collapse}.conns th{text-align:left;font-weight:600;font-size:var(--xkit-size-300);color:var(--xkit-text-muted);text-transform:uppercase;padding:8px}
.conns td{padding:10px 8px;border-top:1px solid var(--line)}.rowacts{text-align:right;white-space:nowrap}.rowacts .btn{margin-left:6px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.settings{max-width:520px}.field{margin:0 0 18px;border:0;padding:0}
.field label,.field legend{display:block;font-weight:600;color:var(--xkit-text-dark);margin-bottom:6px}
.field input[type=text],.field select{width:100%;height:36px;padding:0 10px;font:inherit;color:var(--xkit-text-dark);background:var(--bg);border:1px solid var(--line);border-radius:4px}
.field [aria-invalid=true]{border-color:#EC4C47}
.check{display:flex!important;gap:8px;font-weight:400!important}
.switch label{display:flex;align-items:center;gap:10px}
.switch input{position:absolute;opacity:0;width:32px;height:18px;margin:0}
.track{width:32px;height:18px;border-radius:9px;background:#C7CED4;position:relative;transition:background .15s}
.track::after{content:"";position:absolute;top:2px;left:2px;width:14px;height:14px;border-radius:50%;background:#fff;transition:left .15s}
.switch input:checked+.track{background:#47B881}.switch input:checked+.track::after{left:16px}
.switch input:focus-visible+.track{outline:2px solid var(--xkit-text-selected);outline-offset:2px}
.hint{margin:4px 0 0;color:var(--xkit-text-muted);font-size:var(--xkit-size-300)}
.invalid{margin:4px 0 0;color:#BF0E08;font-size:var(--xkit-size-300)}
.toasts{position:fixed;top:8px;left:50%;transform:translateX(-50%);z-index:2147483000;display:flex;flex-direction:column;gap:8px;font:var(--xkit-size-400)/1.4 var(--xkit-font-ui)}
.toast{display:flex;align-items:center;gap:10px;min-width:240px;max-width:480px;padding:10px 12px;background:var(--bg);color:var(--xkit-text-dark);font-weight:600;border-left:3px solid #47B881;border-radius:4px;box-shadow:var(--xkit-card-hover-shadow)}
.toast.danger{border-left-color:#EC4C47}
.ticon{width:16px;height:16px;border-radius:50%;background:#47B881;color:#fff;font-size:11px;display:flex;align-items:center;justify-content:center}.danger .ticon{background:#EC4C47}
.toast span:nth-child(2){flex:1}
.x{background:none;border:0;font-size:16px;color:var(--xkit-text-muted);cursor:pointer}
.tbar{height:calc(var(--xkit-size-800)*1.45);padding:calc(var(--xkit-size-800)*.3) 0;margin:0 0 20px}
.bone{display:block;background:var(--soft);border-radius:4px;animation:pulse 1.2s ease-in-out infinite alternate}
.tbar .bone{height:100%;width:calc(var(--xkit-size-800)*8);max-width:60%}
.bone.name{height:1.45em;width:60%}.bone.desc{height:1.45em;width:85%;flex:none}
@keyframes pulse{to{opacity:.5}}
@media (prefers-reduced-motion:reduce){.bone{animation:none}}`
