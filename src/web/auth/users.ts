// Dashboard accounts: created, listed, disabled and reset by an administrator (CLI or dashboard),
// signed in with a password. Ten wrong passwords in a row lock the account for a while, whoever
// tries them, so a guessing attack on one name stops there.

import type { Database } from '../../store/database.ts';
import { KartlaError, UsageError } from '../../errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

type Db = Pick<Database, 'prisma'>;

export const ROLES = ['admin', 'analyst', 'outreach'] as const;
export type Role = (typeof ROLES)[number];

export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;

export interface UserView {
  id: number;
  name: string;
  role: Role;
  region: string | null;
  disabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

const NAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export class UserNotFoundError extends KartlaError {}

export function userNameProblem(name: string): string | null {
  return NAME.test(name) ? null : `user name "${name}" must be 2-40 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit`;
}

const view = (u: { id: number; name: string; role: string; region: string | null; disabled: boolean; lockedUntil: Date | null; createdAt: Date; lastLoginAt: Date | null }): UserView => ({
  id: u.id,
  name: u.name,
  role: u.role as Role,
  region: u.region,
  disabled: u.disabled,
  lockedUntil: u.lockedUntil,
  createdAt: u.createdAt,
  lastLoginAt: u.lastLoginAt,
});

export async function addUser(db: Db, opts: { name: string; role: Role; region: string | null; password: string }): Promise<UserView> {
  const problem = userNameProblem(opts.name) ?? passwordProblem(opts.password);
  if (problem) throw new UsageError(problem);
  if (await db.prisma.appUser.findUnique({ where: { name: opts.name } })) throw new UsageError(`user "${opts.name}" exists already; use kartla users reset ${opts.name} to set a new password`);
  const now = new Date();
  const user = await db.prisma.appUser.create({
    data: { name: opts.name, role: opts.role, region: opts.region, passwordHash: await hashPassword(opts.password), createdAt: now, passwordChangedAt: now },
  });
  return view(user);
}

export async function listUsers(db: Db): Promise<UserView[]> {
  return (await db.prisma.appUser.findMany({ orderBy: { name: 'asc' } })).map(view);
}

async function existing(db: Db, name: string) {
  const user = await db.prisma.appUser.findUnique({ where: { name } });
  if (!user) throw new UserNotFoundError(`no user "${name}"; kartla users list shows them`);
  return user;
}

/** Disables an account and ends its sessions at once. */
export async function disableUser(db: Db, name: string): Promise<UserView> {
  const user = await existing(db, name);
  const [updated] = await db.prisma.$transaction([
    db.prisma.appUser.update({ where: { id: user.id }, data: { disabled: true } }),
    db.prisma.webSession.deleteMany({ where: { userId: user.id } }),
  ]);
  return view(updated);
}

/** Sets a new password, enables the account, clears a lock-out and ends every session. */
export async function resetPassword(db: Db, name: string, password: string): Promise<UserView> {
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(problem);
  const user = await existing(db, name);
  const hash = await hashPassword(password);
  const [updated] = await db.prisma.$transaction([
    db.prisma.appUser.update({ where: { id: user.id }, data: { passwordHash: hash, disabled: false, failedLogins: 0, lockedUntil: null, passwordChangedAt: new Date() } }),
    db.prisma.webSession.deleteMany({ where: { userId: user.id } }),
  ]);
  return view(updated);
}

export type LoginResult = { ok: true; user: UserView } | { ok: false; reason: 'unknown' | 'disabled' | 'locked' | 'wrong-password'; lockedUntil?: Date };

// Spent on unknown names too, so that the answer time does not tell which names exist.
let dummyHash: Promise<string> | null = null;

export async function checkLogin(db: Db, name: string, password: string, now = new Date()): Promise<LoginResult> {
  const user = await db.prisma.appUser.findUnique({ where: { name } });
  if (!user) {
    dummyHash ??= hashPassword('not a real password, only spent time');
    await verifyPassword(password, await dummyHash);
    return { ok: false, reason: 'unknown' };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  const right = await verifyPassword(password, user.passwordHash);
  if (!right) {
    const failures = user.failedLogins + 1;
    const lockedUntil = failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await db.prisma.appUser.update({ where: { id: user.id }, data: { failedLogins: lockedUntil ? 0 : failures, lockedUntil } });
    return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'wrong-password' };
  }
  if (user.disabled) return { ok: false, reason: 'disabled' };
  const updated = await db.prisma.appUser.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  return { ok: true, user: view(updated) };
}
