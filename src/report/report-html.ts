// report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched), readable
// on screen and printable to PDF. Every text that came from a site or a sites file (site names,
// localities, groups, alert messages) is escaped, and a Content-Security-Policy that allows no
// script at all stands behind the escaping in case anything ever slips through.

import { escapeHtml } from './escape.ts';
import type { ReportFigures } from './report-figures.ts';
import type { ChartsBySection } from './report-charts.ts';
import type { ReportMeta } from './report-json.ts';
import type { ReportSection } from './report-tables.ts';
import { reportText, runName, type ReportLang } from './report-text.ts';
import { isSuppressed, type Cell, type Column } from './table.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { --ink: #1d2733; --muted: #5b6673; --line: #d5dbe1; --band: #f3f5f7; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.02rem; margin: 1.4rem 0 .4rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.notes p { margin: .25rem 0; }
.warn { background: #fff4e5; border-left: 4px solid #c46a00; padding: .5rem .8rem; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 1rem 0; }
.kpi { background: var(--band); border-radius: 6px; padding: .6rem .8rem; }
.kpi b { display: block; font-size: 1.45rem; }
.kpi span { color: var(--muted); font-size: .85rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 18px; margin: 1rem 0; }
figure { margin: 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: .86rem; margin-bottom: .6rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.neg { color: #a4262c; }
td.pos { color: #1b6e35; }
.empty { color: var(--muted); font-style: italic; }
nav ol { columns: 2; }
footer { color: var(--muted); font-size: .8rem; margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-before: page; }
  section:first-of-type h2 { break-before: auto; }
  .charts { grid-template-columns: 1fr 1fr; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
`;

function formatter(lang: ReportLang) {
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signedCount = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 2 });
  const signedPct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return (cell: Cell, column: Column): string => {
    if (cell === null) return '–';
    if (typeof cell === 'string') return column.kind === 'date' ? `${cell.slice(0, 10)} ${cell.slice(11, 16)}`.trim() : cell;
    switch (column.kind) {
      case 'share':
        return pct.format(cell);
      case 'change':
        return signedCount.format(cell);
      case 'relative':
        return signedPct.format(cell);
      default:
        return count.format(cell);
    }
  };
}

const NUMERIC = new Set(['count', 'share', 'change', 'relative']);

function tableHtml(table: ReportSection['tables'][number], lang: ReportLang, emptyText: string): string {
  const format = formatter(lang);
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const cell = row[i] ?? null;
        const classes: string[] = [];
        if (NUMERIC.has(c.kind) || isSuppressed(cell)) classes.push('n');
        if ((c.kind === 'change' || c.kind === 'relative') && typeof cell === 'number' && cell !== 0) classes.push(cell < 0 ? 'neg' : 'pos');
        return `<td${classes.length ? ` class="${classes.join(' ')}"` : ''}>${escapeHtml(format(cell, c))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const content = table.rows.length
    ? `<table id="table-${escapeHtml(table.id)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
    : `<p class="empty" id="table-${escapeHtml(table.id)}">${escapeHtml(emptyText)}</p>`;
  return `<h3>${escapeHtml(table.title)}</h3>\n${content}`;
}

function kpis(figures: ReportFigures, lang: ReportLang): string {
  const t = reportText(lang);
  const format = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB');
  const now = figures.current;
  const items: [string, number][] = [
    [t.metrics.profiles!, now.profiles],
    [t.metrics.sites_with_profiles!, now.sitesWithProfiles],
    [t.metrics.distinct_phones!, now.distinctPhones],
    [t.metrics.localities!, now.localityCount],
    [t.metrics.profiles_in_clusters!, now.clusters.profiles],
  ];
  return `<div class="kpis">${items.map(([label, n]) => `<div class="kpi"><b>${escapeHtml(format.format(n))}</b><span>${escapeHtml(label)}</span></div>`).join('')}</div>`;
}

export function reportHtml(meta: ReportMeta, sections: readonly ReportSection[], figures: ReportFigures, charts: ChartsBySection): string {
  const t = reportText(meta.lang);
  const title = meta.region ? `${t.reportTitle} – ${t.regionalTitle(meta.region)}` : t.reportTitle;
  const notes = [
    `<p>${escapeHtml(`${t.roles.report}: ${runName(meta.run)}, ${t.statuses[meta.run.status] ?? meta.run.status}.`)} ${escapeHtml(meta.compare ? t.comparedWith(runName(meta.compare)) : t.noComparison)}</p>`,
    meta.region ? `<p>${escapeHtml(t.regionalNote(meta.region))}</p>` : '',
    meta.suppressBelow > 1 ? `<p>${escapeHtml(t.suppressedNote(meta.suppressBelow))}</p>` : '',
    `<p>${escapeHtml(t.generatedBy)}</p>`,
  ].join('');
  const incomplete = [...figures.current.sitesFailed, ...figures.current.sitesPartial, ...figures.current.sitesInterrupted].map((id) => figures.sites.get(id)?.name ?? id);
  const warning = incomplete.length ? `<p class="warn">${escapeHtml(t.warnFailed(incomplete.join(', ')))}</p>` : '';
  const nav = `<nav><h2>${escapeHtml(t.contents)}</h2><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`;
  const body = sections
    .map((s) => {
      const figs = (charts.get(s.id) ?? []).map((svg) => `<figure>${svg}</figure>`).join('\n');
      return [
        `<section id="${s.id}">`,
        `<h2>${escapeHtml(s.title)}</h2>`,
        s.id === 'overview' ? kpis(figures, meta.lang) + warning : '',
        figs ? `<div class="charts">\n${figs}\n</div>` : '',
        ...s.tables.map((table) => tableHtml(table, meta.lang, t.noData)),
        '</section>',
      ].join('\n');
    })
    .join('\n');
  return `<!doctype html>
<html lang="${meta.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(t.reportTitle)}</h1>
${meta.region ? `<p class="sub">${escapeHtml(t.regionalTitle(meta.region))}</p>` : ''}
<div class="notes">${notes}</div>
</header>
${nav}
${body}
<footer>${escapeHtml(`${t.footer} · ${runName(meta.run)}`)}</footer>
</body>
</html>
`;
}
