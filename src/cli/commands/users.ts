import { Command, Option } from 'commander';
import { UsageError } from '../../errors.ts';

async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the password, without its line end.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks twice on the terminal without echoing. */
async function promptPassword(): Promise<string> {
  const ask = (question: string) =>
    new Promise<string>((resolve, reject) => {
      const stdin = process.stdin;
      process.stderr.write(question);
      stdin.setRawMode(true);
      stdin.resume();
      let text = '';
      const onData = (data: Buffer) => {
        for (const ch of data.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stderr.write('\n');
            return resolve(text);
          }
          if (ch === '\u0003') {
            stdin.setRawMode(false);
            stdin.off('data', onData);
            return reject(new UsageError('cancelled'));
          }
          if (ch === '\u007f') text = text.slice(0, -1);
          else text += ch;
        }
      };
      stdin.on('data', onData);
    });
  const first = await ask('Password (at least 12 characters): ');
  const again = await ask('Again: ');
  if (first !== again) throw new UsageError('the two passwords differ; nothing was changed');
  return first;
}

/** The password from --password-stdin, a prompt on a terminal, or a new one printed once. */
async function obtainPassword(opts: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (opts.passwordStdin) return { password: await readStdinPassword(), generated: false };
  if (process.stdin.isTTY) return { password: await promptPassword(), generated: false };
  const { generatePassword } = await import('../../web/auth/password.ts');
  return { password: generatePassword(), generated: true };
}

async function resolveRegion(text: string | undefined): Promise<string | null> {
  if (text === undefined) return null;
  const { policeRegionOption } = await import('./report.ts');
  return policeRegionOption(text);
}

export function usersCommand(): Command {
  const users = new Command('users')
    .summary('dashboard accounts: add, list, disable, reset')
    .description(
      'Accounts of the dashboard (`kartla serve`). Roles: admin (everything, users, audit log),\n' +
        'analyst (figures and clusters, never a phone number or profile URL), outreach (clusters with\n' +
        'their numbers, each reveal audited, and case notes). A region limits what "my region" means\n' +
        'and who sees an outreach worker\'s notes. Every change is written to the audit log.',
    );

  users
    .command('add')
    .description('create an account; the password is asked for, read with --password-stdin, or generated and printed once')
    .argument('<name>', 'user name: lower-case letters, digits, ".", "_", "-"')
    .addOption(new Option('--role <role>', 'admin, analyst or outreach').choices(['admin', 'analyst', 'outreach']).makeOptionMandatory())
    .option('--region <police region>', 'Nord, Mitt, Bergslagen, Stockholm, Öst, Väst or Syd')
    .option('--password-stdin', 'read the password from standard input (one line)')
    .addHelpText('after', '\nExamples:\n  kartla users add anna --role admin\n  kartla users add olle --role outreach --region Syd\n  printf %s "$PW" | kartla users add eva --role analyst --password-stdin')
    .action(async (name: string, opts: { role: 'admin' | 'analyst' | 'outreach'; region?: string; passwordStdin?: boolean }) => {
      const region = await resolveRegion(opts.region);
      const { passwordProblem } = await import('../../web/auth/password.ts');
      const { userNameProblem, addUser } = await import('../../web/auth/users.ts');
      const early = userNameProblem(name);
      if (early) throw new UsageError(early);
      const { password, generated } = await obtainPassword(opts);
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(problem);
      const { withDatabase } = await import('../database.ts');
      const { cliActor, recordAudit } = await import('../../store/audit-log.ts');
      await withDatabase(async (db) => {
        const user = await addUser(db, { name, role: opts.role, region, password });
        await recordAudit(db, { actor: cliActor(), action: 'user-add', target: `user ${user.name}`, detail: { role: user.role, region: user.region } });
        process.stdout.write(`Added ${user.name} (${user.role}${user.region ? `, ${user.region}` : ''}).\n`);
        if (generated) process.stdout.write(`Password (shown once; hand it over safely): ${password}\n`);
      });
    });

  users
    .command('list')
    .description('list the accounts: name, role, region, state, last sign-in')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { withDatabase } = await import('../database.ts');
      const { listUsers } = await import('../../web/auth/users.ts');
      await withDatabase(async (db) => {
        const list = await listUsers(db);
        if (opts.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        if (list.length === 0) return void process.stdout.write('No accounts. Add one with kartla users add <name> --role admin\n');
        const now = new Date();
        const rows = list.map((u) => [u.name, u.role, u.region ?? '-', u.disabled ? 'disabled' : u.lockedUntil && u.lockedUntil > now ? `locked until ${u.lockedUntil.toISOString().slice(11, 16)} UTC` : 'active', u.lastLoginAt ? u.lastLoginAt.toISOString().slice(0, 16).replace('T', ' ') : 'never']);
        const head = ['name', 'role', 'region', 'state', 'last sign-in'];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        for (const r of [head, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
      });
    });

  users
    .command('disable')
    .description('disable an account and end its sessions at once')
    .argument('<name>')
    .action(async (name: string) => {
      const { withDatabase } = await import('../database.ts');
      const { disableUser } = await import('../../web/auth/users.ts');
      const { cliActor, recordAudit } = await import('../../store/audit-log.ts');
      await withDatabase(async (db) => {
        const user = await disableUser(db, name);
        await recordAudit(db, { actor: cliActor(), action: 'user-disable', target: `user ${user.name}` });
        process.stdout.write(`Disabled ${user.name}; its sessions have ended.\n`);
      });
    });

  users
    .command('reset')
    .description('set a new password (asked for, --password-stdin, or generated), enable the account, clear a lock-out, end its sessions')
    .argument('<name>')
    .option('--password-stdin', 'read the password from standard input (one line)')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      const { withDatabase } = await import('../database.ts');
      const { resetPassword } = await import('../../web/auth/users.ts');
      const { cliActor, recordAudit } = await import('../../store/audit-log.ts');
      const { password, generated } = await obtainPassword(opts);
      await withDatabase(async (db) => {
        const user = await resetPassword(db, name, password);
        await recordAudit(db, { actor: cliActor(), action: 'user-reset', target: `user ${user.name}` });
        process.stdout.write(`New password set for ${user.name}; the account is enabled and its sessions have ended.\n`);
        if (generated) process.stdout.write(`Password (shown once; hand it over safely): ${password}\n`);
      });
    });
  return users;
}
