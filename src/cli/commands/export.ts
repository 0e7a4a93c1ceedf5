import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import { stringify } from 'csv-stringify';
import { EXPORT_KEYS, type ExportRecord } from '../../model/export-record.ts';


export function exportCommand(): Command {
  return new Command('export')
    .summary('write the profiles observed in a run as JSON Lines or CSV')
    .description(
      'Writes one record per profile observed in the run, with the keys documented in the README\n' +
        '("Export format"). Missing values are null (JSON) or empty (CSV), never left out.',
    )
    .requiredOption('--run <id|latest>', 'the run to export: its number (see `kartla runs`) or "latest"')
    .addOption(new Option('--format <format>', 'jsonl or csv').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      '\nExamples:\n  kartla export --run latest > latest.jsonl\n  kartla export --run 12 --format csv --out run-12.csv\n  kartla export --run 12 --reveal --out run-12-outreach.jsonl\n\n' +
        'Without --reveal, phone numbers and contacts are keyed hashes ("hash:..."; equal numbers have\n' +
        'equal hashes in this installation, so groups can still be compared) and url is null. With\n' +
        '--reveal they are in clear, and the reveal is written to the audit log: keep such a file where\n' +
        'only those who may see it can.',
    )
    .option('--reveal', 'phone numbers, contacts and URLs in clear (recorded in the audit log)')
    .action(async (opts: { run: string; format: 'jsonl' | 'csv'; out?: string; reveal?: boolean }) => {
      const { exportRecords, resolveRunId } = await import('../../store/run-queries.ts');
      const { withDatabase } = await import('../database.ts');
      await withDatabase(async (db) => {
        const runId = await resolveRunId(db, opts.run);
        const reveal = opts.reveal === true;
        if (reveal) {
          const { cliActor, recordAudit } = await import('../../store/audit-log.ts');
          await recordAudit(db, { actor: cliActor(), action: 'reveal', target: `export run ${runId}`, detail: { format: opts.format, out: opts.out ?? 'stdout' } });
        }
        const target = opts.out ? createWriteStream(opts.out) : process.stdout;
        const count = await writeExport(exportRecords(db, runId, { reveal }), opts.format, target);
        if (opts.out) {
          target.end();
          await once(target, 'finish');
          process.stderr.write(`Wrote ${count} records of run ${runId} to ${opts.out}\n`);
        }
      });
    });
}

export async function writeExport(
  records: AsyncIterable<ExportRecord>,
  format: 'jsonl' | 'csv',
  target: NodeJS.WritableStream,
): Promise<number> {
  let count = 0;
  const write = async (chunk: string) => {
    if (!target.write(chunk)) await once(target, 'drain');
  };
  if (format === 'jsonl') {
    for await (const record of records) {
      await write(`${JSON.stringify(record, EXPORT_KEYS as string[])}\n`);
      count += 1;
    }
    return count;
  }
  // CSV: phones as one cell of space-separated E.164 numbers, nulls as empty cells.
  const csv = stringify({ header: true, columns: EXPORT_KEYS as string[] });
  const pumped = (async () => {
    for await (const chunk of csv) await write(String(chunk));
  })();
  for await (const record of records) {
    const row = { ...record, phones: record.phones.join(' '), contacts: record.contacts.join(' ') };
    if (!csv.write(row)) await once(csv, 'drain');
    count += 1;
  }
  csv.end();
  await pumped;
  return count;
}
