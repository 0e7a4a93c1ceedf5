// Accounts and sessions on both drivers: creation rules, lock-out after ten wrong passwords and its
// end, disabled accounts, resets, and sessions that end when they should.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { createSession, SESSION_IDLE_MS, sessionUser, endSession } from '../../src/web/auth/sessions.ts';
import { addUser, checkLogin, disableUser, listUsers, LOCK_AFTER_FAILURES, LOCK_MINUTES, resetPassword, UserNotFoundError } from '../../src/web/auth/users.ts';
import { describeDrivers, openTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const PW = 'correct horse battery';

describeDrivers('dashboard accounts', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates accounts with a valid name and password, once per name', async () => {
    const u = await addUser(db, { name: 'olle', role: 'outreach', region: 'Syd', password: PW });
    expect(u).toMatchObject({ name: 'olle', role: 'outreach', region: 'Syd', disabled: false });
    await expect(addUser(db, { name: 'olle', role: 'admin', region: null, password: PW })).rejects.toThrow(/exists already/);
    await expect(addUser(db, { name: 'Bad Name', role: 'admin', region: null, password: PW })).rejects.toBeInstanceOf(UsageError);
    await expect(addUser(db, { name: 'kort', role: 'admin', region: null, password: 'short' })).rejects.toThrow(/at least 12/);
    expect((await listUsers(db)).map((x) => x.name)).toEqual(['olle']);
    const row = await db.prisma.appUser.findUniqueOrThrow({ where: { name: 'olle' } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(PW);
  }, 60_000);

  it('locks an account after ten wrong passwords in a row, even against the right one, until the lock ends', async () => {
    await addUser(db, { name: 'lisa', role: 'analyst', region: null, password: PW });
    const t0 = new Date();
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) expect(await checkLogin(db, 'lisa', `wrong ${i}`, t0)).toEqual({ ok: false, reason: 'wrong-password' });
    const tenth = await checkLogin(db, 'lisa', 'wrong 10', t0);
    expect(tenth).toMatchObject({ ok: false, reason: 'locked' });
    expect(await checkLogin(db, 'lisa', PW, new Date(t0.getTime() + 60_000))).toMatchObject({ ok: false, reason: 'locked' });
    expect((await listUsers(db)).find((u) => u.name === 'lisa')!.lockedUntil!.getTime()).toBe(t0.getTime() + LOCK_MINUTES * 60_000);
    const after = new Date(t0.getTime() + (LOCK_MINUTES + 1) * 60_000);
    expect(await checkLogin(db, 'lisa', PW, after)).toMatchObject({ ok: true });
  }, 120_000);

  it('refuses a disabled account and an unknown name alike for the caller, ends sessions on disable and on reset', async () => {
    await addUser(db, { name: 'eva', role: 'analyst', region: null, password: PW });
    const token = await createSession(db, (await listUsers(db)).find((u) => u.name === 'eva')!.id);
    expect((await sessionUser(db, token))?.name).toBe('eva');
    await disableUser(db, 'eva');
    expect(await sessionUser(db, token)).toBeNull();
    expect(await checkLogin(db, 'eva', PW)).toEqual({ ok: false, reason: 'disabled' });
    expect(await checkLogin(db, 'nobody', PW)).toEqual({ ok: false, reason: 'unknown' });
    await expect(disableUser(db, 'nobody')).rejects.toBeInstanceOf(UserNotFoundError);

    const reset = await resetPassword(db, 'eva', 'a new long password');
    expect(reset.disabled).toBe(false);
    expect(await checkLogin(db, 'eva', PW)).toMatchObject({ ok: false });
    const again = await checkLogin(db, 'eva', 'a new long password');
    expect(again.ok).toBe(true);
    const second = await createSession(db, reset.id);
    await resetPassword(db, 'eva', 'yet another password');
    expect(await sessionUser(db, second)).toBeNull();
  }, 120_000);

  it('ends a session after it has been idle too long, and on sign-out; keeps only the token digest', async () => {
    const user = (await listUsers(db)).find((u) => u.name === 'olle')!;
    const t0 = new Date();
    const token = await createSession(db, user.id, t0);
    expect(await db.prisma.webSession.count({ where: { tokenHash: token } })).toBe(0);
    expect((await sessionUser(db, token, new Date(t0.getTime() + SESSION_IDLE_MS - 1000)))?.name).toBe('olle');
    // Used just now, so renewed: still valid a little after the first expiry.
    expect((await sessionUser(db, token, new Date(t0.getTime() + SESSION_IDLE_MS + 1000)))?.name).toBe('olle');
    expect(await sessionUser(db, token, new Date(t0.getTime() + 3 * SESSION_IDLE_MS))).toBeNull();
    const other = await createSession(db, user.id);
    await endSession(db, other);
    expect(await sessionUser(db, other)).toBeNull();
    expect(await sessionUser(db, 'x'.repeat(500))).toBeNull();
    expect(await sessionUser(db, undefined)).toBeNull();
  }, 60_000);
});
