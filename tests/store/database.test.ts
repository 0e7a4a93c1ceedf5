// Opening the database: the embedded default in a folder, PostgreSQL by URL, and the errors a
// user sees when either cannot be opened.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, redactUrl } from '../../src/store/database.ts';
import {
  DataDirInUseError,
  DatabaseAuthError,
  DatabaseNotFoundError,
  DatabaseUnreachableError,
  DatabaseUrlError,
} from '../../src/store/errors.ts';
import { postgresSkipReason, withDatabaseName } from '../helpers/test-databases.ts';

/** A local port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('the embedded database (PGlite)', () => {
  const dirs: string[] = [];
  async function scratchDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'kartla-data-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  }
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('creates the data folder, keeps the database in <dataDir>/pglite, and keeps data across opens', async () => {
    const dataDir = await scratchDir();
    const first = await openDatabase({ dataDir });
    expect(first.driver).toBe('pglite');
    expect(first.location).toBe(path.resolve(dataDir));
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    await first.prisma.site.create({ data: { id: 'kept', name: 'Kept' } });
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect(await second.prisma.site.findMany({ select: { id: true } })).toEqual([{ id: 'kept' }]);
      expect((await second.migrate()).applied).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second open of a folder in use, and frees it on close', async () => {
    const dataDir = await scratchDir();
    const first = await openDatabase({ dataDir });
    const second = openDatabase({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by another Kartla process/);
    await first.close();
    expect(existsSync(path.join(dataDir, 'kartla.lock'))).toBe(false);
    const third = await openDatabase({ dataDir });
    await third.close();
  });

  it('takes over the lock of a process that died without closing (kill -9)', async () => {
    const dataDir = await scratchDir();
    await (await openDatabase({ dataDir })).close();
    const lockFile = path.join(dataDir, 'kartla.lock');
    const pid = await deadPid();
    await writeFile(lockFile, JSON.stringify({ pid, host: hostname(), since: new Date().toISOString() }));

    const db = await openDatabase({ dataDir });
    try {
      expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
    } finally {
      await db.close();
    }
  });

  it('gives an in-memory database for memory://', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(db.location).toBe('memory://');
      expect(await db.prisma.mappingRun.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe('opening PostgreSQL', () => {
  it('says the server cannot be reached, where, and what to check', async () => {
    const port = await closedPort();
    const url = `postgresql://kartla:secret@127.0.0.1:${port}/kartla`;
    const attempt = openDatabase({ databaseUrl: url });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(openDatabase({ databaseUrl: url })).rejects.toThrow(
      `Cannot reach PostgreSQL at postgresql://kartla@127.0.0.1:${port}/kartla: connection refused. Is the server running? Check DATABASE_URL.`,
    );
  });

  it('never shows the password', async () => {
    const port = await closedPort();
    const error = await openDatabase({ databaseUrl: `postgresql://kartla:s3cr3t@127.0.0.1:${port}/x?password=s3cr3t` }).catch((e: Error) => e);
    expect(String(error)).not.toContain('s3cr3t');
    expect(redactUrl('postgresql://u:pw@h:5432/d?sslmode=require&password=pw')).toBe('postgresql://u@h:5432/d?sslmode=require');
  });

  it('rejects a URL that is not PostgreSQL', async () => {
    await expect(openDatabase({ databaseUrl: 'mysql://root@localhost/kartla' })).rejects.toBeInstanceOf(DatabaseUrlError);
    await expect(openDatabase({ databaseUrl: 'not a url' })).rejects.toBeInstanceOf(DatabaseUrlError);
  });

  const skip = postgresSkipReason();
  describe.skipIf(skip !== null)(`on a live server${skip ? ` [skipped: ${skip}]` : ''}`, () => {
    it('says when the database does not exist', async () => {
      const url = withDatabaseName(process.env.TEST_DATABASE_URL!, 'kartla_no_such_database');
      await expect(openDatabase({ databaseUrl: url })).rejects.toBeInstanceOf(DatabaseNotFoundError);
      await expect(openDatabase({ databaseUrl: url })).rejects.toThrow(/has no database "kartla_no_such_database"/);
    });

    it('says when the login is refused', async () => {
      const u = new URL(process.env.TEST_DATABASE_URL!);
      u.username = 'kartla_no_such_role';
      u.password = 'x';
      await expect(openDatabase({ databaseUrl: u.toString() })).rejects.toBeInstanceOf(DatabaseAuthError);
    });
  });
});
