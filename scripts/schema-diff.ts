// Prisma's own schema engine (its Wasm build, which needs no download) run offline: it replays
// prisma/migrations on a throwaway PGlite database and diffs the result against schema.prisma.
// Used by tests/store/migration-drift.test.ts (no drift allowed) and by
// `npm run migration:new -- <name>`, which writes the diff as a new migration.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA = path.join(root, 'prisma', 'schema.prisma');
export const MIGRATIONS = path.join(root, 'prisma', 'migrations');

// The Wasm bindings' module, typed only as far as we use it (the shapes are those of Prisma's CLI).
interface EngineModule {
  __wbg_set_wasm(exports: unknown): void;
  SchemaEngine: { new: (...args: unknown[]) => Promise<{ diff(params: unknown): Promise<{ stdout?: string }> }> };
}

async function loadEngine(): Promise<EngineModule> {
  const dir = path.dirname(fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm')));
  const bg = (await import(path.join(dir, 'schema_engine_bg.js'))) as EngineModule;
  const module = await WebAssembly.compile(readFileSync(path.join(dir, 'schema_engine_bg.wasm')));
  const imports: Record<string, unknown> = {};
  for (const entry of WebAssembly.Module.imports(module)) imports[entry.module] = bg;
  const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return bg;
}

/** SQL that takes a database migrated with prisma/migrations to schema.prisma; empty when in step. */
export async function diffMigrationsToSchema(): Promise<string> {
  const engineModule = await loadEngine();
  const schema = readFileSync(SCHEMA, 'utf8');
  const dirs = readdirSync(MIGRATIONS).filter((d) => statSync(path.join(MIGRATIONS, d)).isDirectory()).sort();
  const migrations = {
    baseDir: MIGRATIONS,
    lockfile: { path: 'migration_lock.toml', content: readFileSync(path.join(MIGRATIONS, 'migration_lock.toml'), 'utf8') },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: readFileSync(path.join(MIGRATIONS, d, 'migration.sql'), 'utf8') } },
    })),
  };
  const pglite = new PGlite();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite) as never);
  const engine = await engineModule.SchemaEngine.new({ datamodels: [[SCHEMA, schema]] }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? '';
    return /^-- This is an empty migration\.\s*$/.test(sql.trim()) ? '' : sql;
  } finally {
    await pglite.close();
  }
}
