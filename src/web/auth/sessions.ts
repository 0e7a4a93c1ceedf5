// Sessions: the cookie carries 32 random bytes; the database keeps only their SHA-256, so a copy of
// the database lets no one sign in. A session ends when it has been idle too long, and at once when
// its account is disabled or its password reset.

import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../store/database.ts';
import type { UserView } from './users.ts';

type Db = Pick<Database, 'prisma'>;

/** Idle sessions end after this long; a session in use is renewed. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: number, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.prisma.webSession.create({ data: { tokenHash: digest(token), userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) } });
  return token;
}

/** The signed-in user of a session token, or null (unknown, expired, or the account disabled). */
export async function sessionUser(db: Db, token: string | undefined, now = new Date()): Promise<UserView | null> {
  if (!token || token.length > 100) return null;
  const session = await db.prisma.webSession.findUnique({ where: { tokenHash: digest(token) }, include: { user: true } });
  if (!session) return null;
  if (session.expiresAt <= now || session.user.disabled) {
    await db.prisma.webSession.delete({ where: { tokenHash: session.tokenHash } }).catch(() => {});
    return null;
  }
  // Renewing on every request would write on every page view; once a minute is enough.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.prisma.webSession.update({ where: { tokenHash: session.tokenHash }, data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) } });
  }
  const u = session.user;
  return { id: u.id, name: u.name, role: u.role, region: u.region, disabled: u.disabled, lockedUntil: u.lockedUntil, createdAt: u.createdAt, lastLoginAt: u.lastLoginAt };
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.prisma.webSession.deleteMany({ where: { tokenHash: digest(token) } });
}
