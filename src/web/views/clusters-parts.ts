// Small pieces the cluster pages share: short lists, indicator codes, the score's explanation.

import { indicatorName } from '../../indicators/priority.ts';
import type { IndicatorCode } from '../../indicators/types.ts';
import { html, type Raw } from './layout.ts';

export const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

/** The first few values and how many more. */
export const shortList = (xs: readonly string[], max = 3): Raw =>
  xs.length <= max ? html`${xs.join(', ')}` : html`${xs.slice(0, max).join(', ')} <span class="muted">+${xs.length - max}</span>`;

// Stored codes may predate a rename; an unknown one is shown as it is.
export const nameOf = (code: string): string => (indicatorName(code as IndicatorCode) as { sv: string } | undefined)?.sv ?? code;

export const indicatorList = (indicators: readonly { code: string }[]): Raw =>
  html`${[...new Set(indicators.map((i) => i.code))].map((code, i) => html`${i ? ', ' : ''}<span class="indicator" title="${nameOf(code)}">${code}</span>`)}`;

/** How the priority score came about, part by part (Swedish wording when stored). */
export const priorityText = (parts: readonly { code: string; points: number; why?: { sv: string; en: string } }[]): Raw =>
  html`${parts.map((p, i) => html`${i ? '; ' : ''}${p.why?.sv ?? `${p.code} +${p.points}`}`)}`;
