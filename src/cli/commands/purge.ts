import { Command } from 'commander';

export function purgeCommand(): Command {
  return new Command('purge')
    .summary('forget identifiers, URLs and texts of old runs (retention)')
    .description(
      'Removes from every run that started longer ago than --older-than what could identify or\n' +
        'describe a person: encrypted URLs, phone and contact candidates, free text, photo hashes, and\n' +
        'the URLs in error records; numbers, contacts and profile URLs that no newer snapshot shows lose\n' +
        'their encrypted value. Counts, places, ages, genders, the keyed hashes that tie profiles to\n' +
        'numbers, and cluster facts stay, so the figures of reports over those runs do not change.\n' +
        'It cannot be undone. A sites file can make every mapping run do this (retention.purgeAfterDays).',
    )
    .requiredOption('--older-than <duration>', 'age limit: a number and d (days), w (weeks), m (30-day months) or y (365-day years), e.g. 400d, 2y')
    .option('--dry-run', 'say which runs would be purged, change nothing')
    .addHelpText('after', '\nExamples:\n  kartla purge --older-than 2y --dry-run\n  kartla purge --older-than 400d')
    .action(async (opts: { olderThan: string; dryRun?: boolean }) => {
      const { parseRetention, purgeOlderThan } = await import('../../store/purge.ts');
      const { UsageError } = await import('../../errors.ts');
      const days = parseRetention(opts.olderThan);
      if (days === null) throw new UsageError(`--older-than "${opts.olderThan}" is not an age: use a number and d, w, m or y, e.g. 400d or 2y`);
      const cutoff = new Date(Date.now() - days * 86_400_000);
      const { withDatabase } = await import('../database.ts');
      await withDatabase(async (db) => {
        if (opts.dryRun) {
          const runs = await db.prisma.mappingRun.findMany({ where: { startedAt: { lt: cutoff }, status: { not: 'running' } }, select: { id: true, startedAt: true }, orderBy: { id: 'asc' } });
          process.stdout.write(
            runs.length
              ? `Would purge ${runs.length} run(s) started before ${cutoff.toISOString().slice(0, 10)}: ${runs.map((r) => r.id).join(', ')}\n`
              : `No run started before ${cutoff.toISOString().slice(0, 10)}; nothing to purge.\n`,
          );
          return;
        }
        const report = await purgeOlderThan(db, cutoff);
        process.stdout.write(
          report.runs
            ? `Purged ${report.runs} run(s) started before ${cutoff.toISOString().slice(0, 10)}: ${report.snapshots} snapshots, ${report.phones} numbers, ${report.contacts} contacts and ${report.profiles} profile URLs forgotten.\n`
            : `No run started before ${cutoff.toISOString().slice(0, 10)}; nothing to purge.\n`,
        );
      });
    });
}
