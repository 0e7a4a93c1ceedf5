import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../../errors.ts';
import { FIELDS, type FieldName } from '../../normalise/single-field.ts';

export function normaliseCommand(): Command {
  return new Command('normalise')
    .summary('show what a normaliser makes of a string (phone, age, gender, location)')
    .description(
      'Runs one normaliser on a string and prints the result, to check a surprising value in a\n' +
        'run or a string from a new site. With --json the keys are those of `kartla export`.',
    )
    .addOption(new Option('--field <field>', 'which normaliser').choices([...FIELDS]).makeOptionMandatory())
    .argument('[text]', 'the string to normalise (quote it)')
    .option('--json', 'print one JSON object')
    .option('--stdin', 'read one string per line from standard input; print one JSON object per line')
    .addOption(new Option('--observed-at <date>', 'date the text was read (for "född 2001")').argParser(parseDate))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kartla normalise --field phone "ring noll sju noll - 174 06 05"\n' +
        '  kartla normalise --field location "I Malmö 12-14 maj, sen Lund" --json\n' +
        '  kartla normalise --field age "född 2001" --observed-at 2026-05-01\n' +
        '  cut -f3 places.tsv | kartla normalise --field location --stdin > places.jsonl',
    )
    .action(async (text: string | undefined, opts: { field: FieldName; json?: boolean; stdin?: boolean; observedAt?: Date }) => {
      const { normaliseOneField } = await import('../../normalise/single-field.ts');
      const observedAt = opts.observedAt ?? new Date();
      if (opts.stdin) {
        if (text !== undefined) throw new UsageError('give the text either as an argument or with --stdin, not both');
        const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of lines) {
          process.stdout.write(`${JSON.stringify(normaliseOneField(opts.field, line, observedAt))}\n`);
        }
        return;
      }
      if (text === undefined) throw new UsageError('give the text to normalise, e.g. kartla normalise --field age "23 år", or use --stdin');
      const result = normaliseOneField(opts.field, text, observedAt);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      for (const [key, value] of Object.entries(result)) {
        process.stdout.write(`${key.padEnd(18)} ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}\n`);
      }
    });
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`expected a date such as 2026-05-01, got "${value}"`);
  }
  return date;
}
