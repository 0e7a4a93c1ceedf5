// The identifier cipher and where its secret comes from: round trips, a fresh IV each time,
// tampering and wrong keys refused with a message that says what to do, keyed hashes that join
// equal values under one key only, and key files that others can read refused.

import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { IdentifierCipher, IdentifierDecryptError } from '../../src/secure/identifier-cipher.ts';
import { KEY_FILE_NAME, loadSecret, newSecretText, parseSecret } from '../../src/secure/secret-key.ts';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

describe('identifier cipher', () => {
  const a = new IdentifierCipher(keyA);

  it('round-trips, with a fresh IV each time so equal values never look equal', () => {
    const one = a.encrypt('+46701740605');
    const two = a.encrypt('+46701740605');
    expect(one).not.toBe(two);
    expect(one).not.toContain('46701740605');
    expect(a.decrypt(one)).toBe('+46701740605');
    expect(a.decrypt(a.encrypt('https://nat-01.example/annons/ä/17'))).toBe('https://nat-01.example/annons/ä/17');
    expect(a.seal(null)).toBeNull();
    expect(a.open(null)).toBeNull();
  });

  it('refuses altered data and data written under another key, saying which key it needs', () => {
    const sealed = a.encrypt('+46701740605');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => a.decrypt([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow(/integrity check/);
    const b = new IdentifierCipher(keyB);
    expect(() => b.decrypt(sealed)).toThrow(IdentifierDecryptError);
    expect(() => b.decrypt(sealed)).toThrow(new RegExp(`encrypted with key ${a.keyId}, but the key given is ${b.keyId}; set KARTLA_SECRET_KEY`));
    // The key id is authenticated: moving a value under another key's name does not make it readable.
    expect(() => b.decrypt(sealed.replace(a.keyId, b.keyId))).toThrow(/integrity check/);
    expect(() => a.decrypt('+46701740605')).toThrow(/not in Kartla's encrypted form/);
    expect(a.wrote(sealed)).toBe(true);
    expect(b.wrote(sealed)).toBe(false);
  });

  it('hashes equal values equally under one key, and differently per kind and per key', () => {
    const b = new IdentifierCipher(keyB);
    expect(a.hash('phone', '+46701740605')).toBe(a.hash('phone', '+46701740605'));
    expect(a.hash('phone', '+46701740605')).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash('phone', '+46701740605')).not.toBe(a.hash('phone', '+46701740606'));
    expect(a.hash('telegram', 'anna_x')).not.toBe(a.hash('email', 'anna_x'));
    expect(a.hash('phone', '+46701740605')).not.toBe(b.hash('phone', '+46701740605'));
    expect(() => new IdentifierCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('the secret key', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'kartla-key-'));

  it('reads 64 hex digits or base64 of 32 bytes, and refuses anything else with how to make one', () => {
    const hex = newSecretText();
    expect(parseSecret(hex, 'x')).toEqual(Buffer.from(hex, 'hex'));
    expect(parseSecret(Buffer.from(hex, 'hex').toString('base64'), 'x')).toEqual(Buffer.from(hex, 'hex'));
    for (const bad of ['', 'secret', 'a'.repeat(63), 'z'.repeat(64), Buffer.alloc(16).toString('base64')]) {
      expect(() => parseSecret(bad, 'KARTLA_SECRET_KEY')).toThrow(ConfigError);
      expect(() => parseSecret(bad, 'KARTLA_SECRET_KEY')).toThrow(/KARTLA_SECRET_KEY is not a secret key.*kartla keys new/);
    }
  });

  it('takes KARTLA_SECRET_KEY first, then KARTLA_SECRET_KEY_FILE, and needs one of them for PostgreSQL', () => {
    const hex = newSecretText();
    expect(loadSecret({ env: { KARTLA_SECRET_KEY: hex }, dataDir: null })).toMatchObject({ origin: 'environment', file: null });
    const file = path.join(dir(), 'k');
    writeFileSync(file, `${hex}\n`, { mode: 0o600 });
    expect(loadSecret({ env: { KARTLA_SECRET_KEY_FILE: file }, dataDir: null }).secret).toEqual(Buffer.from(hex, 'hex'));
    expect(() => loadSecret({ env: {}, dataDir: null })).toThrow(/With PostgreSQL \(DATABASE_URL\) Kartla needs the secret key.*KARTLA_SECRET_KEY/);
  });

  it('refuses a key file that other users can read, saying how to fix it', () => {
    const file = path.join(dir(), 'k');
    writeFileSync(file, `${newSecretText()}\n`);
    chmodSync(file, 0o644);
    expect(() => loadSecret({ env: { KARTLA_SECRET_KEY_FILE: file }, dataDir: null })).toThrow(/can be read or written by other users \(mode 644\); run: chmod 600/);
    expect(() => loadSecret({ env: { KARTLA_SECRET_KEY_FILE: path.join(dir(), 'missing') }, dataDir: null })).toThrow(/cannot read the key file .*ENOENT/);
  });

  it('generates the embedded database key into its data folder once, readable by its owner only', () => {
    const data = dir();
    const first = loadSecret({ env: {}, dataDir: data });
    expect(first.origin).toBe('generated');
    const file = path.join(data, KEY_FILE_NAME);
    expect(first.file).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret.toString('hex'));
    const again = loadSecret({ env: {}, dataDir: data });
    expect(again).toMatchObject({ origin: 'key file', file });
    expect(again.secret).toEqual(first.secret);
  });
});
