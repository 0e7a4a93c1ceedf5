import Table from 'cli-table3';
import { Command } from 'commander';
import type { AlertSettings } from '../../config/sites-schema.ts';
import type { RunHealthReport, StoredSiteHealth } from '../../health/assess.ts';
import { FIELD_LABELS, HEALTH_FIELDS } from '../../health/metrics.ts';

export function healthCommand(): Command {
  return new Command('health')
    .summary("a run's health per site, and its drift alerts")
    .description(
      'Shows the health of each site in a run (pages, profiles, errors by kind, the fill rate of each\n' +
        'field, signs of blocking) and the alerts the run raised: a site whose profiles or a field\n' +
        'dropped sharply against its previous comparable runs, a site that failed, a site that blocks us.\n' +
        'A run is assessed when it ends; a run not assessed yet is assessed now with the default\n' +
        'thresholds. With --sites, the run is assessed again with that file\'s `alerts:` settings\n' +
        '(its alerts are replaced, and new ones are sent to its webhook if it names one).',
    )
    .option('--run <id|latest>', 'the run: its number (see `kartla runs`) or "latest"', 'latest')
    .option('--json', 'print one JSON object instead of tables')
    .option('--sites <file>', "assess the run again with this sites file's alerts: thresholds and webhook")
    .addHelpText(
      'after',
      '\nExamples:\n  kartla health\n  kartla health --run 12 --json\n  kartla health --run latest --sites config/sites.yaml\n\n' +
        'Thresholds (sites file, alerts:): profileDrop 0.5 (profiles down by half or more), fillRateDrop 0.3\n' +
        '(a field down 0.3 or more), baselineRuns 3 (the median of the site\'s last 3 comparable runs).',
    )
    .action(async (opts: { run: string; json?: boolean; sites?: string }) => {
      const { resolveRunId } = await import('../../store/run-queries.ts');
      const { assessRunHealth, readRunHealth } = await import('../../health/assess.ts');
      const { withDatabase } = await import('../database.ts');
      let settings: AlertSettings | null = null;
      if (opts.sites) {
        const { loadSitesFile } = await import('../../config/sites-loader.ts');
        const { adapterNames } = await import('../../../crawlers/index.ts');
        settings = loadSitesFile(opts.sites, { knownAdapters: adapterNames() }).alerts;
      }
      const report = await withDatabase(async (db) => {
        const runId = await resolveRunId(db, opts.run);
        let report = await readRunHealth(db, runId);
        const finished = !['running', 'queued'].includes(report.status);
        if (!settings && finished && report.sites.some((s) => s.health === null)) {
          const { alertSettingsSchema } = await import('../../config/sites-schema.ts');
          settings = alertSettingsSchema.parse({});
          process.stderr.write(`Run ${runId} had not been assessed: assessed now with the default thresholds (no webhook).\n`);
        }
        if (settings) {
          await assessRunHealth(db, runId, settings);
          report = await readRunHealth(db, runId);
        }
        return report;
      });
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    });
}

const rate = (r: number | undefined): string => (r === undefined ? '' : r.toFixed(2));

function errorsCell(h: StoredSiteHealth): string {
  if (h.errors === 0) return '0';
  const kinds = Object.entries(h.errorsByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  // site_run.errors keeps at most 200 records: the kinds are then counted over that sample.
  return `${h.errors}${kinds ? ` (${kinds}${h.errorRecords < h.errors ? ` of ${h.errorRecords} kept` : ''})` : ''}`;
}

function blockingCell(h: StoredSiteHealth): string {
  const { storm, blockedErrors, challengePages } = h.blocking;
  const parts = [
    ...(blockedErrors > 0 ? [`${blockedErrors} × 403/429${storm ? ' (storm)' : ''}`] : []),
    ...(challengePages > 0 ? [`${challengePages} captcha`] : []),
  ];
  return parts.join(', ') || '-';
}

export function formatReport(report: RunHealthReport): string {
  const lines = [`Run ${report.runId}${report.label ? ` "${report.label}"` : ''}: ${report.status}, started ${report.startedAt.toISOString().replace('T', ' ').slice(0, 19)}`];
  if (report.sites.length === 0) lines.push('No site was mapped in this run.');
  else {
    const table = new Table({
      head: ['Site', 'Status', 'Pages', 'Profiles', 'Errors (by kind)', ...HEALTH_FIELDS.map((f) => FIELD_LABELS[f]), 'Blocking'],
      style: { head: [], border: [] },
    });
    for (const site of report.sites) {
      const h = site.health;
      if (!h) {
        table.push([site.siteId, site.status, { colSpan: 9, content: 'not assessed yet' }]);
        continue;
      }
      table.push([site.siteId, site.status, h.pages, h.profiles, errorsCell(h), ...HEALTH_FIELDS.map((f) => rate(h.fillRates?.[f])), blockingCell(h)]);
    }
    lines.push(table.toString());
  }
  if (report.alerts.length === 0) lines.push('No alerts.');
  else {
    lines.push(`Alerts (${report.alerts.length}):`);
    for (const a of report.alerts) {
      const delivery = a.notifiedAt ? ' [sent to webhook]' : a.notifyError ? ` [webhook: ${a.notifyError}]` : '';
      lines.push(`  ${a.severity.padEnd(8)} ${a.message}${delivery}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
