// Prisma CLI configuration. The datasource URL is only needed by `prisma migrate deploy` on a
// machine that has Prisma's schema engine; Kartla itself applies prisma/migrations at start-up.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/kartla' },
});
