// The pages of the static site: an overview for management and one page per holding.
import type { AuditFinding } from '../../report/audit-input.js';
import type { ExpiringRow, LeaseRow } from '../../report/reports.js';
import type { HoldingPage, SiteData, TipItem } from '../../report/site-data.js';
import { revenueChart, utilisationBar, utilisationLegend } from './charts-svg.js';
import { esc, fmt, pageHtml } from './html.js';
import { mapLegend, mapSvg } from './map-svg.js';
import { timelineLegend, timelineSvg } from './timeline-svg.js';

const TABLE_ROWS = 200;

const tipItems = (items: TipItem[]): Array<[string, string[]]> => items.map((i) => [i.title, i.lines]);

function kpis(entries: Array<[string, string]>): string {
  return `<div class="kpis">${entries.map(([label, value]) => `<div class="kpi"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div></div>`).join('')}</div>`;
}

const RENEWAL_TEXT: Record<ExpiringRow['renewal'], string> = {
  'auto-renews': 'renews automatically',
  renewable: 'renewal needs agreement',
  'no-renewal': 'no renewal terms',
  'lease-ends-first': 'lease ends before its contract',
};

function expiringTable(rows: ExpiringRow[], fileOf: (holding: string | null) => string | undefined): string {
  if (rows.length === 0) return '<p class="note">No published lease ends in this period.</p>';
  const body = rows
    .slice(0, TABLE_ROWS)
    .map((r) => {
      const file = fileOf(r.holding);
      const prefix = file ? `<a href="${esc(file)}">${esc(r.prefix)}</a>` : esc(r.prefix);
      const renewal = `<span class="badge${r.renewal === 'auto-renews' ? ' auto' : ''}">${esc(RENEWAL_TEXT[r.renewal])}</span>${r.renewsTo ? ` to ${esc(r.renewsTo)}` : ''}`;
      const notice = r.noticeDeadline ? `${esc(r.noticeDeadline)}${r.noticePassed ? ' <span class="badge late">passed</span>' : ''}` : '–';
      return `<tr><td class="mono">${esc(r.id)}</td><td class="mono">${prefix}</td><td>${esc(r.counterpartyName)}</td><td>${esc(r.end)}</td><td class="n">${r.daysLeft}</td><td>${renewal}</td><td>${notice}</td></tr>`;
    })
    .join('');
  const more = rows.length > TABLE_ROWS ? `<p class="note">…and ${fmt.int(rows.length - TABLE_ROWS)} more: <code>leasekit report expiring --format csv</code> lists them all.</p>` : '';
  return `<table class="expiring"><thead><tr><th>lease</th><th>prefix</th><th>lessee</th><th>ends</th><th class="n">days left</th><th>renewal</th><th>notice deadline</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

function findingsTable(findings: AuditFinding[], fileOf: (holding: string | undefined) => string | undefined): string {
  if (findings.length === 0) return '<p class="note">No findings.</p>';
  const body = findings
    .slice(0, TABLE_ROWS)
    .map((f) => {
      const file = fileOf(f.holding);
      const prefix = f.prefix ? (file ? `<a href="${esc(file)}">${esc(f.prefix)}</a>` : esc(f.prefix)) : '–';
      return `<tr><td><span class="badge ${f.severity}">${esc(f.severity)}</span></td><td class="mono">${esc(f.code)}</td><td class="mono">${prefix}</td><td class="n">${f.origin === undefined ? '–' : `AS${f.origin}`}</td><td class="mono">${esc(f.lease ?? '–')}</td><td>${esc(f.message)}</td></tr>`;
    })
    .join('');
  const more = findings.length > TABLE_ROWS ? `<p class="note">…and ${fmt.int(findings.length - TABLE_ROWS)} more in the audit report.</p>` : '';
  return `<table class="findings"><thead><tr><th>severity</th><th>code</th><th>prefix</th><th class="n">origin</th><th>lease</th><th>finding</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

export function overviewHtml(site: SiteData): string {
  const month = site.at.slice(0, 7);
  const currencies = [...new Set(site.revenue.map((r) => r.currency))].sort();
  const thisMonth = currencies.map((c): [string, string] => [`revenue ${month}`, `${c} ${fmt.int(Math.round(site.revenue.find((r) => r.month === month && r.currency === c)?.amount ?? 0))}`]);
  const fileOf = new Map(site.holdings.map((h) => [h.holding.id, h.file]));
  const t = site.totals;
  const header = kpis([
    ['addresses held', fmt.int(t.total)],
    ['leased', fmt.pct(t.leased, t.total)],
    ['free to lease', fmt.int(t.free)],
    ['published leases', fmt.int(site.publishedLeases)],
    ['lessees', fmt.int(site.lessees)],
    ...thisMonth,
    [`expiring in 90 days`, fmt.int(site.expiring.length)],
    ...(site.audit ? ([['audit errors', fmt.int(site.audit.summary.errors)]] as Array<[string, string]>) : []),
  ]);
  const holdingRows = site.holdings
    .map((h) => {
      const s = h.summary;
      return `<tr><td><a href="${esc(h.file)}">${esc(h.holding.id)}</a></td><td class="mono">${esc(h.holding.prefix.text)}</td><td>${esc(h.holding.registry)} · ${esc(h.holding.source)}</td><td class="n">${fmt.int(s.total)}</td><td class="n">${fmt.pct(s.leased, s.total)}</td><td class="n">${fmt.int(s.internal)}</td><td class="n">${fmt.int(s.quarantine)}</td><td class="n">${fmt.int(s.idle)}</td><td>${utilisationBar(s, 140, 14)}</td><td class="mono">${esc(h.largestFree[0] ?? '–')}</td></tr>`;
    })
    .join('');
  const revenue = currencies.length
    ? currencies.map((c) => `<h3>${esc(c)}</h3>${revenueChart(site.revenue, site.revenueMonths, c, month)}`).join('')
    : '<p class="note">No outbound contract has a price.</p>';
  const audit = site.audit
    ? `<section id="audit"><h2>Routing audit of ${esc(site.audit.at)}</h2><p class="note">${fmt.int(site.audit.summary.errors)} errors, ${fmt.int(site.audit.summary.warnings)} warnings${site.audit.routes !== undefined ? ` over ${fmt.int(site.audit.routes)} announcements` : ''}${site.audit.vrps !== undefined ? ` and ${fmt.int(site.audit.vrps)} VRPs` : ''}.</p>${findingsTable(site.audit.findings, (h) => (h ? fileOf.get(h) : undefined))}</section>`
    : '';
  const body = `${header}
<section id="space"><h2>Address space on ${esc(site.at)}</h2>${utilisationBar(t, 1060, 26).replace('<svg ', '<svg style="width:100%;height:26px" preserveAspectRatio="none" ')}${utilisationLegend()}
<p class="note">${fmt.pct(t.leased, t.total)} leased, ${fmt.pct(t.internal, t.total)} internal, ${fmt.pct(t.quarantine, t.total)} in quarantine, ${fmt.pct(t.idle, t.total)} idle; ${fmt.int(t.free)} addresses are free to lease today. Each holding has its own page with a map and a timeline (table below).</p></section>
<section id="revenue"><h2>Monthly revenue</h2><p class="note">Outbound contract prices prorated by day; months after ${esc(month)} are what the records in force will earn.</p>${revenue}</section>
<section id="lessees"><h2>Largest lessees</h2>${lesseesTable(site)}</section>
<section id="expiring"><h2>Expiring within 90 days</h2>${expiringTable(site.expiring, (h) => (h ? fileOf.get(h) : undefined))}</section>
${audit}
<section id="holdings"><h2>Holdings</h2><table class="holdings"><thead><tr><th>holding</th><th>prefix</th><th>registry · source</th><th class="n">addresses</th><th class="n">leased</th><th class="n">internal</th><th class="n">quarantine</th><th class="n">idle</th><th>use</th><th>largest free block</th></tr></thead><tbody>${holdingRows}</tbody></table></section>`;
  return pageHtml({
    title: `${site.lessor}: address space on ${site.at}`,
    heading: `${site.lessor}: address space`,
    sub: `on ${esc(site.at)} · ${fmt.int(site.holdings.length)} holdings · ${fmt.int(t.total)} addresses`,
    body,
    items: {},
  });
}

function lesseesTable(site: SiteData): string {
  if (site.topLessees.length === 0) return '<p class="note">No published outbound leases.</p>';
  const rows = site.topLessees
    .map((l) => {
      const money = Object.entries(l.monthly).sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => esc(fmt.money(v, c))).join('<br>') || '–';
      return `<tr><td>${esc(l.name)}</td><td class="n">${fmt.int(l.leases)}</td><td class="n">${fmt.int(l.addresses)}</td><td class="n">${fmt.pct(l.addresses, site.totals.total)}</td><td class="n">${money}</td></tr>`;
    })
    .join('');
  const more = site.lessees > site.topLessees.length ? `<p class="note">The ${site.topLessees.length} largest of ${fmt.int(site.lessees)} lessees; <code>leasekit report leases --state published</code> lists every lease.</p>` : '';
  return `<table class="lessees"><thead><tr><th>lessee</th><th class="n">leases</th><th class="n">addresses</th><th class="n">share of space</th><th class="n">per month</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function leasesTable(rows: LeaseRow[]): string {
  if (rows.length === 0) return '<p class="note">No leases.</p>';
  const body = rows
    .slice(0, 1000)
    .map((r) => `<tr><td class="mono">${esc(r.id)}</td><td class="mono">${esc(r.prefix)}</td><td>${esc(r.counterpartyName)}</td><td>${esc(r.start)}</td><td>${esc(r.end ?? 'open-ended')}</td><td>${esc(r.state)}</td><td class="n">${r.monthlyPrice === null ? '–' : esc(fmt.money(r.monthlyPrice, r.currency ?? ''))}</td></tr>`)
    .join('');
  const more = rows.length > 1000 ? `<p class="note">…and ${fmt.int(rows.length - 1000)} more: <code>leasekit report leases --holding ID</code>.</p>` : '';
  return `<table class="leases"><thead><tr><th>lease</th><th>prefix</th><th>lessee</th><th>start</th><th>end</th><th>state</th><th class="n">per month</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

export function holdingHtml(page: HoldingPage, site: SiteData): string {
  const s = page.summary;
  const h = page.holding;
  const header = kpis([
    ['addresses', fmt.int(s.total)],
    ['leased', `${fmt.pct(s.leased, s.total)}`],
    ['internal', fmt.int(s.internal)],
    ['quarantine', fmt.int(s.quarantine)],
    ['idle', fmt.int(s.idle)],
    ['free to lease', fmt.int(s.free)],
  ]);
  const cells = page.map.cells.length;
  const free = page.largestFree.length ? `<ul>${page.largestFree.map((b) => `<li class="mono">${esc(b)}</li>`).join('')}</ul>` : '<p class="note">None: every address is leased, internal, resting or reserved.</p>';
  const body = `${header}
<section id="map"><h2>Address-space map on ${esc(site.at)}</h2>
<div class="row2"><div>${mapSvg(page.map, `Map of ${h.prefix.text}`)}</div>
<div><p class="note">Each square is one /${page.map.cellLength} (${fmt.int(cells)} squares), laid out on a Hilbert curve: neighbouring addresses stay neighbours and every aligned block is a square or a pair of squares. Hover a square, or focus the map and use the arrow keys.</p>
${mapLegend(page.lessees)}<h3>Largest free blocks</h3>${free}</div></div></section>
<section id="timeline"><h2>Lease timeline</h2><p class="note">${esc(page.timeline.from)} to ${esc(page.timeline.to)}: one row per leased prefix; bars are publication windows.</p>${timelineSvg(page.timeline, `Timeline of ${h.prefix.text}`)}${timelineLegend()}</section>
<section id="expiring"><h2>Expiring within 90 days</h2>${expiringTable(page.expiring, () => undefined)}</section>
<section id="leases"><h2>Leases</h2>${leasesTable(page.leases)}</section>
${page.findings.length ? `<section id="audit"><h2>Routing audit findings</h2>${findingsTable(page.findings, () => undefined)}</section>` : ''}`;
  return pageHtml({
    title: `${h.id} ${h.prefix.text} on ${site.at}`,
    heading: `${h.id} · ${h.prefix.text}`,
    crumbs: `<a href="index.html">← ${esc(site.lessor)}: overview</a>`,
    sub: `${esc(h.registry)} · ${esc(h.source)} · on ${esc(site.at)}`,
    body,
    items: { map: tipItems(page.map.items), tl: tipItems(page.timeline.items) },
  });
}
