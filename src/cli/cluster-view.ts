// Clusters as people read them in a terminal. Numbers are masked unless the caller reveals them:
// a list on a shared screen must not show who can be called.

import Table from 'cli-table3';
import { maskPhone } from '../normalise/phone.ts';
import type { ClusterDetail, ClusterLinkRow, ClusterListItem } from '../store/cluster-queries.ts';

const list = (xs: readonly string[], max = 3) => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} +${xs.length - max}`);
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

function change(c: ClusterListItem): string {
  const kinds = c.events.map((e) => (e.kind === 'merge' ? `merged ${e.related.join(', ')}` : e.kind === 'split' ? `split off ${e.related.join(', ')}` : e.kind));
  if (kinds.length) return kinds.join('; ');
  return c.firstRunId === c.runId ? 'new' : `since run ${c.firstRunId}`;
}

export function formatClusterList(items: readonly ClusterListItem[], total: number, runId: number): string {
  if (items.length === 0) return `Run ${runId} has no clusters that match.`;
  const table = new Table({
    head: ['Cluster', 'Profiles', 'Numbers', 'Sites', 'Police regions', 'Localities', 'Priority', 'Indicators', 'Change'],
    style: { head: [], border: [] },
    colAligns: ['right', 'right', 'right', 'right', 'left', 'left', 'right', 'left', 'left'],
  });
  for (const c of items) {
    table.push([
      c.id,
      c.size,
      c.phones,
      c.sites,
      list(c.facts.policeRegions),
      list(c.facts.localities),
      c.priority.toFixed(1),
      list(c.indicators.map((i) => i.code), 4),
      change(c),
    ]);
  }
  const more = total > items.length ? `\nShowing ${items.length} of ${total}; use --limit to see more.` : '';
  return `Clusters of run ${runId}, highest priority first:\n${table.toString()}${more}\nDetails: kartla cluster show <id>`;
}

export function formatClusterDetail(d: ClusterDetail, opts: { reveal: boolean }): string {
  const c = d.current;
  const f = c.facts;
  const mix = (m: Record<string, number>) => Object.entries(m).map(([k, n]) => `${k} ${n}`).join(', ');
  const lines = [
    `Cluster ${c.id} in run ${c.runId}: ${c.size} profiles, ${c.phones} numbers, ${c.sites} sites (${change(c)})`,
    `  Sites: ${f.sites.join(', ')}`,
    `  Where: ${f.localities.join(', ') || 'not stated'} (police regions: ${f.policeRegions.join(', ') || 'unknown'})`,
    `  Who: ${mix(f.genders)}; stated ages: ${mix(f.ageBands)}`,
    `  Numbers by country: ${mix(f.countries) || 'none'}${f.foreignPhones ? ` (${f.foreignPhones} foreign)` : ''}`,
    `  Seen from ${day(f.firstSeenAt)} to ${day(f.lastSeenAt)}`,
  ];
  if (c.indicators.length) {
    lines.push('', `Indicators (prompts for a person, never a verdict); priority ${c.priority.toFixed(1)}:`);
    for (const i of c.indicators) lines.push(`  ${i.code}: ${i.explanation?.en ?? ''}${i.evidence?.length ? ` [${i.evidence.join(' | ')}]` : ''}`);
    for (const p of c.priorityParts) lines.push(`    +${p.points.toFixed(1)} ${p.code}${p.why ? `: ${p.why.en}` : ''}`);
  }
  lines.push('', 'Timeline:');
  for (const t of d.timeline) {
    lines.push(`  run ${t.runId} ${day(t.startedAt)}${t.label ? ` "${t.label}"` : ''}: ${t.size} profiles in ${list(t.localities, 5) || 'unknown places'} (${t.policeRegions.join(', ') || 'no region'})`);
  }
  if (d.links.length) {
    lines.push('', `What ties the members (#: the member column below; weaker ties after the phones)${opts.reveal ? '' : ', masked'}:`);
    lines.push(...evidenceLines(d.links, opts.reveal));
  }
  const table = new Table({ head: ['#', 'Site', 'Profile', 'Age', 'Gender', 'Locality', 'Numbers', 'First seen'], style: { head: [], border: [] } });
  for (const m of d.members) {
    table.push([m.profileId, m.siteId, m.url, m.age ?? '', m.gender, m.locality ?? '', m.phones.map((p) => (opts.reveal ? p : maskPhone(p))).join(' '), day(m.firstSeenAt)]);
  }
  lines.push('', `Members in run ${c.runId}${opts.reveal ? '' : ' (numbers masked; --reveal shows them)'}:`, table.toString());
  return lines.join('\n');
}

/** The detail with every number and contact masked, for JSON output without --reveal. */
export function maskedDetail(d: ClusterDetail): ClusterDetail {
  return {
    ...d,
    members: d.members.map((m) => ({ ...m, phones: m.phones.map(maskPhone) })),
    links: d.links.map((l) => ({ ...l, value: l.value === null ? null : l.kind === 'phone' ? maskPhone(l.value) : maskContact(l.value) })),
  };
}

const TIE_NAMES: Record<ClusterLinkRow['kind'], string> = {
  phone: 'same phone number',
  telegram: 'same Telegram user',
  email: 'same e-mail address',
  text: 'near-identical description',
  photo: 'near-identical photo',
};
const STRENGTH: ClusterLinkRow['kind'][] = ['phone', 'telegram', 'email', 'text', 'photo'];

/** A username or address shortened to its first letters: enough to tell two apart, not to reach anyone. */
export function maskContact(value: string): string {
  const [user, domain] = value.split('@');
  const head = (s: string) => `${s.slice(0, 2)}…`;
  return domain === undefined ? head(value) : `${head(user!)}@${head(domain)}`;
}

/**
 * The links as a reader weighs them: a shared value once with every member showing it; matched
 * pairs with how close they are.
 */
function evidenceLines(links: readonly ClusterLinkRow[], reveal: boolean): string[] {
  const out: string[] = [];
  for (const kind of STRENGTH) {
    const ofKind = links.filter((l) => l.kind === kind);
    if (ofKind.length === 0) continue;
    if (kind === 'text' || kind === 'photo') {
      const pairs = ofKind.map((l) => `#${l.a}~#${l.b} ${kind === 'text' ? `${Math.round((l.similarity ?? 0) * 100)} %` : `${l.distance ?? '?'}/64 bits`}`);
      out.push(`  ${TIE_NAMES[kind]} (${ofKind.length} pair${ofKind.length === 1 ? '' : 's'}): ${list(pairs, 8)}`);
      continue;
    }
    const byValue = new Map<string, Set<number>>();
    for (const l of ofKind) {
      const members = byValue.get(l.value ?? '') ?? new Set<number>();
      byValue.set(l.value ?? '', members.add(l.a).add(l.b));
    }
    for (const [value, members] of byValue) {
      const shown = reveal ? value : kind === 'phone' ? maskPhone(value) : maskContact(value);
      out.push(`  ${TIE_NAMES[kind]} ${shown}: ${list([...members].sort((x, y) => x - y).map((m) => `#${m}`), 12)}`);
    }
  }
  return out;
}
