import { describe, expect, it } from 'vitest';
import { redact } from '../../src/cli/redact.ts';
import { describeError } from '../../src/cli/main.ts';
import { KartlaError } from '../../src/errors.ts';
import { IdentifierCipher, IdentifierDecryptError } from '../../src/secure/identifier-cipher.ts';

/** The first secret (by a counter) whose key id holds seven digits in a row, which the redactor would take for a number. */
function cipherWithDigitKeyId(after = -1): { cipher: IdentifierCipher; n: number } {
  for (let n = after + 1; ; n++) {
    const secret = Buffer.alloc(32);
    secret.writeUInt32BE(n);
    const cipher = new IdentifierCipher(secret);
    if (/\d{7}/.test(cipher.keyId)) return { cipher, n };
  }
}

describe('redacting log lines', () => {
  it.each([
    'ring 070-174 06 05 nu',
    'http://127.0.0.1:8080/profil/0701740605',
    'tel +46701740605',
    '+46 (0)70 174 06 05',
    '0046.70.174.06.05',
  ])('hides the number in %s', (line) => {
    const out = redact(line);
    expect(out).toContain('[number]');
    expect(out.replace(/\D/g, '')).not.toMatch(/1740605|701740605/);
  });
  it('keeps ports, counts and short ids', () => {
    expect(redact('http://127.0.0.1:8080/p/123 12 pages in 4.5 s')).toBe('http://127.0.0.1:8080/p/123 12 pages in 4.5 s');
  });
  it('prints a wrong-key message with both key ids even when they look like numbers, but still redacts other errors', () => {
    const first = cipherWithDigitKeyId();
    const second = cipherWithDigitKeyId(first.n);
    const sealed = first.cipher.encrypt('+46701740605');
    let caught: unknown;
    try {
      second.cipher.decrypt(sealed);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IdentifierDecryptError);
    const line = describeError(caught as KartlaError);
    expect(line).toContain(`encrypted with key ${first.cipher.keyId}, but the key given is ${second.cipher.keyId}`);
    expect(describeError(new KartlaError('page http://127.0.0.1/p/0701740605 failed'))).toBe('kartla: page http://127.0.0.1/p/[number] failed');
  });
});
