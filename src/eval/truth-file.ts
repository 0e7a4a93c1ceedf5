// Reads a ground-truth file for `kartla eval`: a JSON array or JSON Lines of TruthProfile records
// (what `kartla demo` and the national web write). A bad record is a ConfigError naming the file,
// the record and the field, so a hand-edited truth file cannot silently score as perfect.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import type { TruthProfile } from './score.ts';

const nullableString = z.string().nullable();

const truthSchema = z
  .object({
    site: z.string().min(1),
    url: z.string().url(),
    externalId: nullableString,
    age: z.number().int().nullable(),
    ageBand: z.enum(['under-18', '18-23', '24-29', '30-35', '36-44', '45+', 'unknown']),
    gender: z.enum(['woman', 'man', 'trans', 'couple', 'unknown']),
    locality: nullableString,
    kommunCode: z.string().regex(/^\d{4}$/).nullable(),
    lanCode: z.string().regex(/^\d{2}$/).nullable(),
    policeRegion: nullableString,
    phones: z.array(z.string().regex(/^\+\d{6,15}$/, 'must be E.164, e.g. +46701740605')),
    organisation: nullableString,
    minorCue: z.boolean(),
    reviewDistress: z.boolean().optional(),
  })
  .passthrough();

export function parseTruth(text: string, file: string): TruthProfile[] {
  const trimmed = text.trim();
  if (!trimmed) throw new ConfigError(`${file}: the ground-truth file is empty`);
  let items: { value: unknown; where: string }[];
  try {
    items = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[]).map((value, i) => ({ value, where: `record ${i + 1}` }))
      : trimmed.split('\n').flatMap((line, i) => (line.trim() ? [{ value: JSON.parse(line) as unknown, where: `line ${i + 1}` }] : []));
  } catch (error) {
    throw new ConfigError(`${file}: not JSON or JSON Lines (${(error as Error).message})`);
  }
  return items.map(({ value, where }) => {
    const parsed = truthSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(`${file}: ${where}: field "${issue.path.join('.') || '(record)'}": ${issue.message}`);
    }
    return parsed.data as TruthProfile;
  });
}

export function readTruthFile(file: string): TruthProfile[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the ground-truth file (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return parseTruth(text, file);
}
