// Identifiers (phone numbers, Telegram users, e-mail addresses, profile URLs) at rest: encrypted
// with AES-256-GCM so a copy of the database reveals no one, and hashed with HMAC-SHA-256 so that
// the same number in two ads still joins and clusters without being decrypted. Both keys are
// derived from one secret with HKDF, each for its own purpose: knowing the hash key does not
// decrypt, and the secret itself is never stored with the data.

import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { KartlaError } from '../errors.ts';

/** The secret is 32 random bytes; anything shorter is refused. */
export const SECRET_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'k1';

/** A value that cannot be decrypted with the key at hand: wrong key, or damaged data. */
export class IdentifierDecryptError extends KartlaError {}

function derive(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `kartla ${purpose} v1`, 32));
}

export class IdentifierCipher {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;
  /** Names the secret without revealing it: stored with each ciphertext so a rotation can tell old from new. */
  readonly keyId: string;

  constructor(secret: Buffer) {
    if (secret.length !== SECRET_BYTES) throw new KartlaError(`the secret key must be ${SECRET_BYTES} bytes, not ${secret.length}`);
    this.#encKey = derive(secret, 'identifier encryption');
    this.#macKey = derive(secret, 'identifier hash');
    this.keyId = createHash('sha256').update(derive(secret, 'key id')).digest('hex').slice(0, 8);
  }

  /** `k1.<keyId>.<iv>.<ciphertext+tag>` (base64url): a fresh IV each time, so equal values never look equal. */
  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encKey, iv);
    // The key id is authenticated with the data: a value cannot be moved under another key's name.
    cipher.setAAD(Buffer.from(this.keyId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}.${this.keyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    const [format, keyId, iv, body] = sealed.split('.');
    if (format !== FORMAT || !keyId || !iv || !body) throw new IdentifierDecryptError('a stored identifier is not in Kartla\'s encrypted form; the database may be damaged');
    if (keyId !== this.keyId) {
      throw new IdentifierDecryptError(
        `a stored identifier was encrypted with key ${keyId}, but the key given is ${this.keyId}; set KARTLA_SECRET_KEY (or KARTLA_SECRET_KEY_FILE) to the key the data was written with`,
        { ownValuesOnly: true },
      );
    }
    const raw = Buffer.from(body, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#encKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(0, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new IdentifierDecryptError('a stored identifier failed its integrity check: it was altered or damaged', { cause: error });
    }
  }

  /** `encrypt` for a value that may be absent. */
  seal(plain: string | null | undefined): string | null {
    return plain == null ? null : this.encrypt(plain);
  }

  open(sealed: string | null | undefined): string | null {
    return sealed == null ? null : this.decrypt(sealed);
  }

  /**
   * The keyed hash (hex) that stands for a value in joins, uniqueness and exports. `kind` keeps
   * a number and an e-mail address that happen to be the same text apart.
   */
  hash(kind: string, value: string): string {
    return createHmac('sha256', this.#macKey).update(kind).update('\0').update(value).digest('hex');
  }

  /** Whether `sealed` was written with this key (rotation skips what it already did). */
  wrote(sealed: string): boolean {
    const keyId = sealed.split('.')[1] ?? '';
    return keyId.length === this.keyId.length && timingSafeEqual(Buffer.from(keyId), Buffer.from(this.keyId));
  }
}
