// The SQL migrations and schema.prisma must describe the same database: Prisma's own schema
// engine replays the migrations and finds nothing left to change.

import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from '../../scripts/schema-diff.ts';

describe('migrations and schema.prisma', () => {
  it('are in step (no drift)', async () => {
    expect(await diffMigrationsToSchema()).toBe('');
  });
});
