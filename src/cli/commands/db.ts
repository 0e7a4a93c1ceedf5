import { Command } from 'commander';

export function dbCommand(): Command {
  const db = new Command('db').summary('manage the database').description('Manage the database (embedded in ./data, or PostgreSQL with DATABASE_URL).');
  db.command('migrate')
    .summary('apply the migrations in prisma/migrations')
    .description(
      'Applies the SQL migrations in prisma/migrations that the database does not have yet.\n' +
        'Every command that needs the database does this by itself; run it to prepare a new\n' +
        'PostgreSQL database ahead of time, or to see what is applied.',
    )
    .action(async () => {
      const { openDatabaseFromEnvironment } = await import('../database.ts');
      const { migrate } = await import('../../store/migrate.ts');
      const database = await openDatabaseFromEnvironment({ migrate: false });
      try {
        const result = await migrate(database);
        const where = `${database.driver} (${database.location})`;
        process.stdout.write(
          result.applied.length > 0
            ? `Applied ${result.applied.length} migration(s) to ${where}:\n${result.applied.map((m) => `  ${m}`).join('\n')}\n`
            : `${where} is up to date.\n`,
        );
      } finally {
        await database.close();
      }
    });
  return db;
}
