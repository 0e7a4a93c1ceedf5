// docs/privacy.md is the record a data-protection officer reads: every column the migrated
// database has must be listed in it (as `table.column`), and it must list none that does not exist.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

describe('docs/privacy.md', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('lists every stored column, and only those', async () => {
    const rows = await db.prisma.$queryRaw<{ t: string; c: string }[]>`
      SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = current_schema()`;
    const stored = new Set(rows.map((r) => `${r.t}.${r.c}`));
    const text = readFileSync('docs/privacy.md', 'utf8');
    const listed = new Set<string>();
    for (const line of text.split('\n').filter((l) => l.startsWith('| `'))) {
      const first = line.split(' | ')[0]!;
      for (const m of first.matchAll(/`([a-z_]+)\.([a-z_0-9]+)`/g)) listed.add(`${m[1]}.${m[2]}`);
    }
    expect([...stored].filter((c) => !listed.has(c)).sort(), 'columns missing from docs/privacy.md').toEqual([]);
    expect([...listed].filter((c) => !stored.has(c)).sort(), 'columns in docs/privacy.md that do not exist').toEqual([]);
  });
});
