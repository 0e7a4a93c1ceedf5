// The table printed at the end of a mapping run. Pure: takes the run's outcome and its phone
// figures, returns text.

import Table from 'cli-table3';
import type { RunResult } from '../crawl/mapping-run.ts';
import { redact } from './redact.ts';

export interface PhoneFigures {
  /** Distinct phones per site id. */
  perSite: Record<string, number>;
  /** Distinct phones over the whole run. */
  total: number;
  /** Phones that two or more profiles of the run show (in any site). */
  shared: number;
}

/** How much of the run the normalisers could read (src/store/run-queries.ts RunFieldStats). */
export interface FieldFigures {
  profiles: number;
  unresolvedLocations: number;
  minorCues: number;
  unknownAge: number;
  unknownGender: number;
}

export function formatSummary(result: RunResult, phones: PhoneFigures, label: string | null, fields?: FieldFigures): string {
  const seconds = ((result.finishedAt.getTime() - result.startedAt.getTime()) / 1000).toFixed(1);
  const title = `Run ${result.runId}${label ? ` "${label}"` : ''}: ${result.status} in ${seconds} s`;
  const table = new Table({
    head: ['Site', 'Status', 'Pages', 'Profiles', 'Phones', 'Errors', 'Time (s)'],
    style: { head: [], border: [] },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  });
  let pages = 0;
  let profiles = 0;
  let errors = 0;
  for (const site of result.sites) {
    pages += site.pagesFetched;
    profiles += site.profiles;
    errors += site.errorCount;
    table.push([
      site.siteId,
      site.status,
      site.pagesFetched,
      site.profiles,
      phones.perSite[site.siteId] ?? 0,
      site.errorCount,
      (site.durationMs / 1000).toFixed(1),
    ]);
  }
  table.push(['Total', '', pages, profiles, phones.total, errors, seconds]);

  const lines = [title, table.toString(), `Phones shared by two or more profiles: ${phones.shared}`];
  const c = result.clustering;
  if (c && 'error' in c) lines.push(`Clustering failed: ${redact(c.error)}`);
  else if (c) {
    lines.push(
      `Clusters (profiles tied by shared phones): ${c.clusters}, holding ${c.clusteredProfiles} profiles, the largest ${c.largest}` +
        (c.previousRunId === null ? '' : `; since run ${c.previousRunId}: ${c.continued} continued, ${c.newClusters} new, ${c.merges} merged, ${c.splits} split`) +
        ` (kartla clusters --run ${result.runId}).`,
      `With the weaker ties (${c.contactProfiles} profiles sharing a Telegram user or e-mail address, ${c.textLinks} pairs of near-identical descriptions, ${c.photoLinks} of near-identical photos): ${c.combined.clusters} clusters holding ${c.combined.clusteredProfiles} profiles. ` +
        `Profiles with indicators of their own: ${c.profilesWithIndicators}.`,
    );
  }
  if (fields && fields.profiles > 0) {
    lines.push(
      `Not stated or not read: age ${fields.unknownAge}, gender ${fields.unknownGender}, ` +
        `place ${fields.unresolvedLocations} (location text that names no known place; counted, not guessed)`,
    );
    if (fields.minorCues > 0) {
      lines.push(
        `Minor cues to review: ${fields.minorCues} profile(s) state an age under 18 or use a youth phrase ` +
          `(kartla export --run ${result.runId}, field minorCue).`,
      );
    }
  }
  for (const site of result.sites) {
    // The reason is the operator's own words from the sites file, not text from a site: shown as written.
    if (site.robotsOverride) lines.push(`robots.txt overridden for ${site.siteId}: ${site.robotsOverride}`);
    if (site.robotsRefused) lines.push(`robots.txt of ${site.siteId} refused ${site.robotsRefused} URL(s); not read, as the site asks.`);
    if (site.crawlDelaySecs) lines.push(`robots.txt of ${site.siteId} asks for ${site.crawlDelaySecs} s between requests; the crawl kept to it.`);
  }
  const failed = result.sites.filter((s) => s.status === 'failed' || s.status === 'partial');
  if (failed.length > 0) {
    lines.push('', 'Sites not fully mapped (their figures are not comparable with a complete run):');
    for (const site of failed) {
      const why = site.failureReason ?? summariseErrors(site.errors.map((e) => e.kind), site.errorCount);
      lines.push(`  ${site.siteId} (${site.status}): ${redact(why)}`);
    }
  }
  const empty = result.sites.filter((s) => s.status === 'ok' && s.profiles === 0);
  for (const site of empty) {
    lines.push(`  ${site.siteId}: pages were read but no profile was found; the adapter may no longer fit the site.`);
  }
  return lines.join('\n');
}

function summariseErrors(kinds: string[], total: number): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${kind}`);
  return `${total} page error(s)${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
