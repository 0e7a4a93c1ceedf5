// Clusters as people read them in a terminal. Numbers are masked unless the caller reveals them:
// a list on a shared screen must not show who can be called.

import Table from 'cli-table3';
import { maskPhone } from '../normalise/phone.ts';
import type { ClusterDetail, ClusterListItem } from '../store/cluster-queries.ts';

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
    for (const p of c.priorityParts) lines.push(`    +${p.points.toFixed(1)} ${p.code}${p.why ? `: ${p.why}` : ''}`);
  }
  lines.push('', 'Timeline:');
  for (const t of d.timeline) {
    lines.push(`  run ${t.runId} ${day(t.startedAt)}${t.label ? ` "${t.label}"` : ''}: ${t.size} profiles in ${list(t.localities, 5) || 'unknown places'} (${t.policeRegions.join(', ') || 'no region'})`);
  }
  const table = new Table({ head: ['Site', 'Profile', 'Age', 'Gender', 'Locality', 'Numbers', 'First seen'], style: { head: [], border: [] } });
  for (const m of d.members) {
    table.push([m.siteId, m.url, m.age ?? '', m.gender, m.locality ?? '', m.phones.map((p) => (opts.reveal ? p : maskPhone(p))).join(' '), day(m.firstSeenAt)]);
  }
  lines.push('', `Members in run ${c.runId}${opts.reveal ? '' : ' (numbers masked; --reveal shows them)'}:`, table.toString());
  return lines.join('\n');
}
