// Generates the Prisma client into src/generated/prisma on install.
// Prisma 7's CLI tries to download its native schema engine on every command; generation
// does not use it (it uses the Wasm schema parser shipped in the prisma package), so on
// offline machines we point PRISMA_SCHEMA_ENGINE_BINARY at an existing file to skip the
// download. Where the real engine is installed, that variable is left alone.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;

const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error('kartla: prisma generate failed; the database client is missing. Re-run `npm run generate` and read the error above.');
  process.exit(result.status ?? 1);
}
