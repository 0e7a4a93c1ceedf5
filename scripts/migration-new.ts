// npm run migration:new -- <name>: writes the SQL that brings prisma/migrations up to
// schema.prisma as a new migration folder. Read the SQL before committing it: an enum value added
// with ALTER TYPE lands at the end unless you add BEFORE/AFTER (tests check the order).

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, diffMigrationsToSchema } from './schema-diff.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:new -- <name_in_snake_case>');
  process.exit(2);
}
const sql = await diffMigrationsToSchema();
if (!sql) {
  console.log('prisma/migrations already matches prisma/schema.prisma: nothing to write.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(path.join(dir, 'migration.sql'), sql.trimStart());
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql; run npm run generate and the tests.`);
