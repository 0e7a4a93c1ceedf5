import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, SCRYPT, verifyPassword } from '../../src/web/auth/password.ts';

// Small parameters where only the format matters: the real ones cost 64 MiB and ~0.1 s a hash.
const FAST = { N: 2 ** 10, r: 8, p: 1, keylen: 32 };

describe('password hashing', () => {
  it('hashes with scrypt at the stated strength, a fresh salt each time, and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(new RegExp(`^scrypt\\$${SCRYPT.N}\\$${SCRYPT.r}\\$${SCRYPT.p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('verifies hashes made with other parameters (they are read from the hash), and treats composed and decomposed å alike', async () => {
    const hash = await hashPassword('lösenord på svenska', FAST);
    expect(hash.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('lösenord på svenska'.normalize('NFD'), hash)).toBe(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$2', 'bcrypt$a$b$c$d$e']) expect(await verifyPassword('x', bad)).toBe(false);
  });

  it('says why a password is refused: too short or absurdly long', () => {
    expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH - 1))).toMatch(/at least 12/);
    expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH))).toBeNull();
    expect(passwordProblem('a'.repeat(2000))).toMatch(/at most/);
  });

  it('generates 20-character passwords without look-alike characters, all different', () => {
    const many = Array.from({ length: 200 }, generatePassword);
    for (const p of many) expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
    expect(new Set(many).size).toBe(200);
    expect(passwordProblem(many[0]!)).toBeNull();
  });
});
