// The page shell of the static site: escaping, styles, the tooltip script. Every page works
// from file:// with no network: styles and script are inline and the CSP forbids any fetch.

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON inside a <script> element: `<` escaped so no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// Intl formatters are costly to make: one each, shared by every page.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const fmt = {
  int: (n: number) => INTEGER.format(n),
  pct: (part: number, whole: number) => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`),
  money: (n: number, currency: string) => `${currency} ${MONEY.format(n)}`,
};

/** Okabe-Ito colours (distinguishable with the common colour-vision deficiencies) for lessees. */
const CSS = `
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#f6f7f9;--card:#fff;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#1d2330;color:#fff;padding:18px 32px}
header.top a{color:#cfe3f5}
header.top h1{margin:0;font-size:22px;font-weight:600;letter-spacing:.2px}
header.top .sub{color:#b8c0cf;font-size:13px;margin-top:2px}
nav.crumbs{font-size:13px;margin-bottom:6px}
main{max-width:1200px;margin:0 auto;padding:20px 32px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 22px;margin:18px 0;overflow-x:auto}
h2{font-size:17px;margin:0 0 12px;font-weight:600}
h3{font-size:14px;margin:14px 0 6px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.4px}
p.note{color:var(--muted);font-size:13px;margin:6px 0}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.kpi .v{font-size:20px;white-space:nowrap;font-weight:600;font-variant-numeric:tabular-nums}
.kpi .l{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.4px}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;padding:5px 10px;border-bottom:1px solid var(--line);vertical-align:middle;white-space:nowrap}
td:last-child{white-space:normal}
th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.3px;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr:hover td{background:#f3f6fb}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;border:1px solid var(--line);background:#f3f4f7}
.badge.error{background:#fbe3d6;border-color:#D55E00;color:#7a2e00}
.badge.warning{background:#fdf6c9;border-color:#b8a400;color:#5c5200}
.badge.auto{background:#d9f0e8;border-color:#009E73;color:#00503a}
.badge.late{background:#fbe3d6;border-color:#D55E00;color:#7a2e00}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;margin:10px 0 0;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:6px}
.legend svg{flex:none}
.row2{display:grid;grid-template-columns:minmax(0,560px) minmax(0,1fr);gap:24px;align-items:start}
@media (max-width:900px){.row2{grid-template-columns:1fr}}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg.map{width:100%;max-width:560px;height:auto;display:block;background:#fff}
svg.map rect.c{stroke:#fff;stroke-width:var(--gap)}
svg.map rect.c:focus{outline:none;stroke:#1d2330;stroke-width:calc(var(--gap) * 3)}
svg.map rect.c:hover{stroke:#1d2330;stroke-width:calc(var(--gap) * 2)}
svg.map .block{fill:none;stroke:#1d2330;stroke-opacity:.55;stroke-width:1;pointer-events:none}
svg.map text.lbl{pointer-events:none;font-weight:600}
.s-idle{fill:#e6e8ec}.s-idle.reserved{fill:url(#lk-dots)}
.s-internal{fill:#3b3b3b}
.s-quarantine{fill:url(#lk-hatch)}
.k0{fill:#E69F00}.k1{fill:#56B4E9}.k2{fill:#009E73}.k3{fill:#F0E442}.k4{fill:#0072B2}.k5{fill:#D55E00}.k6{fill:#CC79A7}.ko{fill:#a39382}
.t-k0,.t-k1,.t-k2,.t-k3,.t-k6,.t-idle{fill:#1d2330}.t-k4,.t-k5,.t-ko,.t-internal{fill:#fff}
.chart-leased{fill:#0072B2}
svg.timeline{display:block;width:100%;height:auto}
svg.timeline rect.bar:hover,svg.timeline rect.bar:focus{stroke:#1d2330;stroke-width:1.5;outline:none}
svg.timeline rect.gap{fill:#f0f1f4;stroke:#e1e4ea;stroke-width:.5}
svg.timeline .today{stroke:#D55E00;stroke-width:2}
svg.timeline .axis{stroke:#c9ced8;stroke-width:1}
svg.timeline .rowlbl{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11px;fill:#5b6475}
svg.timeline .tick{font-size:11px;fill:#5b6475}
svg.timeline .bl{font-size:10.5px;pointer-events:none}
#tip{position:absolute;z-index:10;max-width:340px;background:#1d2330;color:#fff;font-size:13px;line-height:1.4;padding:8px 10px;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.25);pointer-events:none}
#tip strong{display:block;font-size:14px;margin-bottom:2px}
#tip .mono{color:#cfe3f5}
footer{color:var(--muted);font-size:12px;text-align:center;padding:24px}
a{color:#0a5c99}
`;

/** Patterns shared by every SVG of the page: quarantine hatching, dots for reserved idle space. */
const DEFS = `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>
<pattern id="lk-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff3d6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a5a00" stroke-width="2.2"/></pattern>
<pattern id="lk-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#e6e8ec"/><circle cx="2.5" cy="2.5" r="1.1" fill="#7b8494"/></pattern>
</defs></svg>`;

/**
 * Hover or keyboard focus on anything with data-i shows its tooltip item from the page's JSON;
 * arrow keys move the focus across a map's cells (one tab stop per map). Text goes in through
 * textContent only.
 */
const SCRIPT = `(function(){
var data=JSON.parse(document.getElementById('lk-items').textContent);
var tip=document.getElementById('tip');
function addr(n){return [n>>>24,(n>>>16)&255,(n>>>8)&255,n&255].join('.')}
function show(el){
  var set=el.closest('[data-set]');if(!set)return;
  var item=data[set.getAttribute('data-set')][+el.getAttribute('data-i')];if(!item)return;
  tip.textContent='';
  var h=document.createElement('strong');h.textContent=item[0];tip.appendChild(h);
  if(el.hasAttribute('data-c')){var len=+set.getAttribute('data-len');var start=+set.getAttribute('data-start')+(+el.getAttribute('data-c'))*Math.pow(2,32-len);
    var c=document.createElement('div');c.className='mono';c.textContent=addr(start)+'/'+len;tip.appendChild(c);}
  for(var i=0;i<item[1].length;i++){var d=document.createElement('div');d.textContent=item[1][i];tip.appendChild(d);}
  var r=el.getBoundingClientRect();
  tip.hidden=false;
  var left=r.right+window.scrollX+10;if(left+tip.offsetWidth>document.documentElement.clientWidth+window.scrollX)left=Math.max(4,r.left+window.scrollX-tip.offsetWidth-10);
  tip.style.left=left+'px';tip.style.top=(r.top+window.scrollY)+'px';
}
function hide(){tip.hidden=true}
document.addEventListener('mouseover',function(e){var el=e.target.closest&&e.target.closest('[data-i]');if(el)show(el);else hide();});
document.addEventListener('focusin',function(e){var el=e.target.closest&&e.target.closest('[data-i]');if(el)show(el);else hide();});
document.addEventListener('focusout',hide);
document.addEventListener('keydown',function(e){
  if(e.key==='Escape'){hide();return;}
  var el=e.target;if(!el.classList||!el.classList.contains('c'))return;
  var dx={ArrowLeft:-1,ArrowRight:1}[e.key]||0,dy={ArrowUp:-1,ArrowDown:1}[e.key]||0;if(!dx&&!dy)return;
  var svg=el.ownerSVGElement;if(!svg._cells){svg._cells={};svg.querySelectorAll('rect.c').forEach(function(r){svg._cells[r.getAttribute('x')+','+r.getAttribute('y')]=r;});}
  var w=+el.getAttribute('width');var next=svg._cells[(+el.getAttribute('x')+dx*w)+','+(+el.getAttribute('y')+dy*w)];
  if(next){e.preventDefault();el.setAttribute('tabindex','-1');next.setAttribute('tabindex','0');next.focus();}
});
})();`;

export interface Page {
  title: string;
  heading: string;
  sub: string;
  crumbs?: string;
  body: string;
  /** Tooltip items per data-set name. */
  items: Record<string, Array<[string, string[]]>>;
}

export function pageHtml(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${esc(page.title)}</title>
<style>${CSS}</style>
</head>
<body>
${DEFS}
<header class="top">${page.crumbs ? `<nav class="crumbs">${page.crumbs}</nav>` : ''}<h1>${esc(page.heading)}</h1><div class="sub">${page.sub}</div></header>
<main>
${page.body}
</main>
<footer>Made by leasekit from the lease records. Colours: Okabe–Ito palette; quarantine is hatched, reserved idle space dotted.</footer>
<div id="tip" role="tooltip" hidden></div>
<script type="application/json" id="lk-items">${scriptJson(page.items)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
