// The comparison of two runs as people read it in a terminal: a table per site, totals, and
// where profiles moved between police regions.

import Table from 'cli-table3';
import { regionFlows, type RunComparison, type SiteComparison } from '../store/run-compare.ts';

const BASIS: Record<SiteComparison['basis'], string> = {
  both: '',
  opened: 'new site',
  closed: 'not in later run',
  incomplete: 'incomplete: changes unknown',
};

export function formatComparison(c: RunComparison): string {
  const table = new Table({
    head: ['Site', `Run ${c.fromRunId}`, `Run ${c.toRunId}`, 'Change', 'Appeared', 'Disappeared', 'Moved', 'Note'],
    style: { head: [], border: [] },
  });
  for (const s of c.sites) {
    const delta = s.toProfiles - s.fromProfiles;
    const known = s.basis === 'both';
    table.push([
      s.siteId,
      s.fromStatus ? `${s.fromProfiles}${s.fromStatus === 'ok' ? '' : ` (${s.fromStatus})`}` : '-',
      s.toStatus ? `${s.toProfiles}${s.toStatus === 'ok' ? '' : ` (${s.toStatus})`}` : '-',
      delta > 0 ? `+${delta}` : String(delta),
      known ? s.appeared : '',
      known ? s.disappeared : '',
      s.moved,
      BASIS[s.basis],
    ]);
  }
  const total = (pick: (s: SiteComparison) => number) => c.sites.reduce((n, s) => n + pick(s), 0);
  const lines = [
    `Run ${c.fromRunId} → run ${c.toRunId}`,
    table.toString(),
    '',
    `Profiles: ${total((s) => s.fromProfiles)} → ${total((s) => s.toProfiles)}.`,
    `On sites read in full in both runs: ${c.appeared.length} appeared, ${c.disappeared.length} disappeared, ${c.moved.length} moved municipality.`,
  ];
  if (c.onOpenedSites.length) lines.push(`${c.onOpenedSites.length} profiles on sites mapped only in run ${c.toRunId}.`);
  if (c.onClosedSites.length) lines.push(`${c.onClosedSites.length} profiles on sites mapped only in run ${c.fromRunId}.`);
  if (c.unknown.length) {
    lines.push(`${c.unknown.length} profiles seen in one run only on a site that failed or was partly read: their change is unknown, not counted.`);
  }
  if (c.locationUnknownInOne) lines.push(`${c.locationUnknownInOne} profiles had a known municipality in only one run (not counted as moves).`);
  const flows = regionFlows(c.moved);
  if (flows.length) {
    lines.push('', 'Moves between police regions:');
    for (const f of flows) lines.push(`  ${f.from} → ${f.to}: ${f.profiles}`);
  }
  return lines.join('\n');
}
