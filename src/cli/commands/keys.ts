import { Command } from 'commander';

export function keysCommand(): Command {
  const keys = new Command('keys')
    .summary('the secret key that protects phone numbers, contacts and URLs')
    .description(
      'Phone numbers, Telegram users, e-mail addresses and profile URLs are stored encrypted\n' +
        '(AES-256-GCM) and joined by keyed hashes (HMAC-SHA-256), both derived from one secret key.\n' +
        'The key comes from KARTLA_SECRET_KEY (64 hex digits), or from the file KARTLA_SECRET_KEY_FILE\n' +
        'names (readable by its owner only), or, for the embedded database, from secret.key in the\n' +
        'data folder, generated on first use. It is never stored in the database.',
    );
  keys
    .command('new')
    .summary('print a new random key (64 hex digits)')
    .description('Prints a new random secret key. Keep it out of shell history and source control, e.g.:\n  kartla keys new > /etc/kartla/secret.key && chmod 600 /etc/kartla/secret.key')
    .action(async () => {
      const { newSecretText } = await import('../../secure/secret-key.ts');
      process.stdout.write(`${newSecretText()}\n`);
    });
  keys
    .command('rotate')
    .summary('re-encrypt every identifier under a new key')
    .description(
      'Re-encrypts every stored identifier and recomputes every keyed hash under a new key, without\n' +
        'losing data. The current key is read as usual; the new one from --new-key-file (readable by its\n' +
        'owner only) or KARTLA_NEW_SECRET_KEY. For the embedded database without either, a new key is\n' +
        "generated and written to the data folder's secret.key when the rotation has finished.\n" +
        'Interrupted? Run the same command again with the same keys: it finishes what is left.\n' +
        'Afterwards, give every machine the new key. Exports made before show the old hashes.',
    )
    .option('--new-key-file <file>', 'file holding the new key (64 hex digits, mode 600)')
    .action(async (opts: { newKeyFile?: string }) => {
      const { existsSync, writeFileSync, renameSync } = await import('node:fs');
      const path = await import('node:path');
      const { IdentifierCipher } = await import('../../secure/identifier-cipher.ts');
      const { KEY_FILE_NAME, newSecretText, parseSecret, readKeyFile } = await import('../../secure/secret-key.ts');
      const { rotateKeys } = await import('../../store/key-rotation.ts');
      const { readEnvironment } = await import('../../config/environment.ts');
      const { withDatabase } = await import('../database.ts');
      const { ConfigError } = await import('../../errors.ts');
      const env = readEnvironment();
      const inline = process.env.KARTLA_NEW_SECRET_KEY?.trim();
      const usesOwnFile = !env.databaseUrl && !process.env.KARTLA_SECRET_KEY?.trim() && !process.env.KARTLA_SECRET_KEY_FILE?.trim();
      // The embedded database's own new key is written before anything is re-encrypted, so an
      // interrupted rotation finds it again instead of leaving data under a lost key.
      const nextFile = usesOwnFile ? path.join(env.dataDir, `${KEY_FILE_NAME}.next`) : null;
      let secret: Buffer;
      if (opts.newKeyFile) secret = readKeyFile(path.resolve(opts.newKeyFile));
      else if (inline) secret = parseSecret(inline, 'KARTLA_NEW_SECRET_KEY');
      else if (nextFile !== null) {
        if (!existsSync(nextFile)) writeFileSync(nextFile, `${newSecretText()}\n`, { mode: 0o600, flag: 'wx' });
        secret = readKeyFile(nextFile);
      } else {
        throw new ConfigError('kartla keys rotate needs the new key: --new-key-file FILE or KARTLA_NEW_SECRET_KEY (make one with: kartla keys new)');
      }
      await withDatabase(async (db) => {
        const to = new IdentifierCipher(secret);
        if (to.keyId === db.cipher.keyId) throw new ConfigError('the new key is the key in use; nothing to rotate');
        const report = await rotateKeys(db, db.cipher, to, (n) => {
          if (process.stderr.isTTY) process.stderr.write(`\rRe-encrypted ${n} rows`);
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        if (nextFile !== null) renameSync(nextFile, path.join(env.dataDir, KEY_FILE_NAME));
        process.stdout.write(
          `Re-encrypted ${report.phones} phone numbers, ${report.contacts} contacts, ${report.profiles} profiles and ${report.snapshots} snapshots under key ${to.keyId} (was ${db.cipher.keyId}).\n` +
            (nextFile !== null
              ? `The new key is in ${path.join(env.dataDir, KEY_FILE_NAME)}; back it up and destroy copies of the old one.\n`
              : 'Now give every machine that uses this database the new key (KARTLA_SECRET_KEY or KARTLA_SECRET_KEY_FILE).\n'),
        );
      });
    });
  return keys;
}
