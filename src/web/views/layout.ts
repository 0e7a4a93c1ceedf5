// The page frame every dashboard page shares: no script, no third-party resource, every value from
// a crawled site or a user escaped (escapeHtml), and a form token on every form.

import { escapeHtml } from '../../report/escape.ts';
import type { UserView } from '../auth/users.ts';

/** Escapes interpolated values: html`<p>${text}</p>`; a value wrapped in raw() is trusted markup. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string) => new Raw(html);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Raw(out);
}

function render(v: unknown): string {
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** A hidden field with the CSRF token: every form that changes something carries one. */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

const STYLE = `
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; margin: 0; color: #1d2733; }
header { background: #0b3d6e; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; }
header a { color: #fff; text-decoration: none; } header a:hover { text-decoration: underline; }
header .who { margin-left: auto; font-size: .9rem; }
header form { display: inline; }
main { padding: 1rem 1.2rem; max-width: 1200px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #d5dbe1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #5b6673; } .warn { background: #fff4e5; border-left: 4px solid #c46a00; padding: .4rem .7rem; }
.error { background: #fdecea; border-left: 4px solid #a4262c; padding: .4rem .7rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin: .5rem 0; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; }
button { cursor: pointer; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 16px; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
code, .phone { font-family: ui-monospace, monospace; }
`;

export interface PageOptions {
  title: string;
  user: UserView | null;
  csrf?: string;
  body: Raw;
  status?: number;
}

export function page(opts: PageOptions): string {
  const nav = opts.user
    ? html`<nav>
<a href="/">Översikt</a> <a href="/clusters">Kluster</a> <a href="/sites">Webbplatser och körningar</a>
${opts.user.role !== 'analyst' ? html`<a href="/notes">Ärenden</a>` : ''} ${opts.user.role === 'admin' ? html`<a href="/audit">Granskningslogg</a> <a href="/users">Användare</a>` : ''}
</nav>
<span class="who">${opts.user.name} (${opts.user.role}${opts.user.region ? `, ${opts.user.region}` : ''})
<form method="post" action="/logout">${opts.csrf ? csrfField(opts.csrf) : ''}<button type="submit">Logga ut</button></form></span>`
    : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(opts.title)} · Kartla</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>Kartla</strong>${typeof nav === 'string' ? nav : nav.html}</header>
<main>
<h1>${escapeHtml(opts.title)}</h1>
${opts.body.html}
</main>
</body>
</html>
`;
}

/**
 * A link to a crawled site's page, opened without referrer or opener. Only http(s) addresses
 * become links: anything else (javascript:, data:) a hostile site could plant is shown as text.
 */
export const externalLink = (url: string) =>
  /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer" target="_blank">${url}</a>` : html`<span>${url}</span>`;
